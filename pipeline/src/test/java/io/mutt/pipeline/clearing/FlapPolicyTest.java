package io.mutt.pipeline.clearing;

import static org.assertj.core.api.Assertions.assertThat;

import io.mutt.pipeline.rules.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlapPolicyTest {

  /** More than 3 changes within 10 minutes is flapping; 5 minutes without a change is stable. */
  static final FlapSettings LIMITS = new FlapSettings(3, 10, 5);

  static final long T0 = 1_800_000_000_000L;
  static final long MIN = 60_000L;

  /** Applies events in order; each is "P" (problem) or "C" (clear), one minute apart. */
  static List<FlapPolicy.Step> run(KeyState start, String events, long stepMs) {
    List<FlapPolicy.Step> out = new ArrayList<>();
    KeyState s = start;
    for (int i = 0; i < events.length(); i++) {
      FlapPolicy.Step step =
          FlapPolicy.apply(
              s, events.charAt(i) == 'C', "e" + i, "t" + i, "alert" + i, T0 + i * stepMs, LIMITS);
      out.add(step);
      s = step.next();
    }
    return out;
  }

  static List<StateAction> actions(List<FlapPolicy.Step> steps) {
    return steps.stream().map(FlapPolicy.Step::action).toList();
  }

  @Test
  void a_problem_then_its_clear_is_forwarded_as_problem_then_clear() {
    assertThat(actions(run(KeyState.NEW, "PC", MIN)))
        .containsExactly(StateAction.PROBLEM, StateAction.CLEAR);
  }

  @Test
  void a_clear_without_an_open_alert_is_not_forwarded() {
    assertThat(actions(run(KeyState.NEW, "CPCC", MIN)))
        .containsExactly(
            StateAction.CLEAR_NOTHING_OPEN,
            StateAction.PROBLEM,
            StateAction.CLEAR,
            StateAction.CLEAR_NOTHING_OPEN);
  }

  @Test
  void repeats_are_not_changes_and_repeated_problems_are_forwarded() {
    List<FlapPolicy.Step> steps = run(KeyState.NEW, "PPPPPPC", MIN);
    assertThat(actions(steps).subList(0, 6)).containsOnly(StateAction.PROBLEM);
    assertThat(steps.get(6).action()).isEqualTo(StateAction.CLEAR);
    assertThat(steps.get(6).changes()).isEqualTo(2);
  }

  @Test
  void the_change_past_the_threshold_is_forwarded_once_marked_flapping_then_all_suppressed() {
    // changes: P1 C2 P3 C4 → the fourth change within 10 minutes is more than 3
    List<FlapPolicy.Step> steps = run(KeyState.NEW, "PCPCPPC", MIN);
    assertThat(actions(steps))
        .containsExactly(
            StateAction.PROBLEM,
            StateAction.CLEAR,
            StateAction.PROBLEM,
            StateAction.FLAPPING,
            StateAction.SUPPRESSED_FLAPPING,
            StateAction.SUPPRESSED_FLAPPING,
            StateAction.SUPPRESSED_FLAPPING);
    assertThat(steps.get(3).changes()).isEqualTo(4);
    KeyState last = steps.get(6).next();
    assertThat(last.flapping()).isTrue();
    assertThat(last.suppressed()).isEqualTo(3);
    assertThat(last.lastEventId()).isEqualTo("e6");
    assertThat(last.lastAlert()).isEqualTo("alert6");
    assertThat(last.problem()).isFalse();
  }

  @Test
  void changes_spread_wider_than_the_window_never_flap() {
    // one change every 4 minutes: never more than 3 within 10 minutes
    assertThat(actions(run(KeyState.NEW, "PCPCPCPC", 4 * MIN)))
        .doesNotContain(StateAction.FLAPPING, StateAction.SUPPRESSED_FLAPPING);
  }

  @Test
  void a_flapping_key_settles_after_the_stable_time_with_its_final_state() {
    KeyState flapping = run(KeyState.NEW, "PCPCP", MIN).get(4).next();
    long lastChange = T0 + 4 * MIN;
    assertThat(flapping.lastChangeMs()).isEqualTo(lastChange);
    assertThat(FlapPolicy.settle(flapping, lastChange + 5 * MIN - 1, LIMITS)).isNull();
    FlapPolicy.Step settled = FlapPolicy.settle(flapping, lastChange + 5 * MIN, LIMITS);
    assertThat(settled.action()).isEqualTo(StateAction.SETTLED_PROBLEM);
    assertThat(settled.next().flapping()).isFalse();
    assertThat(settled.next().open()).isTrue();
    assertThat(settled.next().changes()).isEmpty();
    // after settling the key starts afresh: a clear is forwarded as a clear
    FlapPolicy.Step clear =
        FlapPolicy.apply(settled.next(), true, "later", "t", "a", lastChange + 6 * MIN, LIMITS);
    assertThat(clear.action()).isEqualTo(StateAction.CLEAR);
  }

  @Test
  void a_flapping_key_last_seen_clear_settles_as_a_clear_and_nothing_stays_open() {
    KeyState flapping = run(KeyState.NEW, "PCPCPC", MIN).get(5).next();
    FlapPolicy.Step settled = FlapPolicy.settle(flapping, T0 + 5 * MIN + 5 * MIN, LIMITS);
    assertThat(settled.action()).isEqualTo(StateAction.SETTLED_CLEAR);
    assertThat(settled.action().clears()).isTrue();
    assertThat(settled.next().open()).isFalse();
  }

  @Test
  void repeats_while_flapping_do_not_postpone_settling() {
    List<FlapPolicy.Step> steps = run(KeyState.NEW, "PCPCPPPP", MIN);
    KeyState s = steps.get(7).next();
    assertThat(s.lastChangeMs()).isEqualTo(T0 + 4 * MIN);
    assertThat(FlapPolicy.settle(s, T0 + 9 * MIN, LIMITS)).isNotNull();
  }

  @Test
  void a_threshold_of_zero_turns_flap_suppression_off() {
    FlapSettings off = new FlapSettings(0, 10, 5);
    KeyState s = KeyState.NEW;
    for (int i = 0; i < 20; i++) {
      FlapPolicy.Step step = FlapPolicy.apply(s, i % 2 == 1, "e" + i, "t", "a", T0 + i, off);
      assertThat(step.action()).isIn(StateAction.PROBLEM, StateAction.CLEAR);
      s = step.next();
    }
  }

  @Test
  void a_redelivered_event_gets_its_first_decision_and_changes_nothing() {
    List<FlapPolicy.Step> steps = run(KeyState.NEW, "PC", MIN);
    KeyState after = steps.get(1).next();
    FlapPolicy.Step again = FlapPolicy.apply(after, false, "e0", "t0", "a", T0 + 5 * MIN, LIMITS);
    assertThat(again.action()).isEqualTo(StateAction.PROBLEM);
    assertThat(again.write()).isFalse();
    assertThat(again.next()).isEqualTo(after);
  }

  @Test
  void the_stored_form_reads_back_equal() {
    KeyState s = run(KeyState.NEW, "PCPCPC", MIN).get(5).next();
    assertThat(KeyState.fromMap(s.toMap())).isEqualTo(s);
    assertThat(KeyState.fromMap(Map.of())).isEqualTo(KeyState.NEW);
  }

  @Test
  void audit_texts_name_the_key_and_the_limits() {
    assertThat(FlapPolicy.audit(StateAction.CLEAR, "Gi0/1", 2, LIMITS))
        .isEqualTo("clear of key \"Gi0/1\" forwarded");
    assertThat(FlapPolicy.audit(StateAction.CLEAR_NOTHING_OPEN, "", 0, LIMITS))
        .isEqualTo("clear of the host not forwarded: no open alert");
    assertThat(FlapPolicy.audit(StateAction.FLAPPING, "Gi0/1", 4, LIMITS))
        .isEqualTo("key \"Gi0/1\" flapping: 4 changes in 10 min; flapping alert forwarded");
    assertThat(FlapPolicy.audit(StateAction.SETTLED_CLEAR, "Gi0/1", 0, LIMITS))
        .isEqualTo(
            "suppressed: key \"Gi0/1\" is flapping; stable 5 min, final state clear forwarded");
    assertThat(FlapPolicy.audit(StateAction.SUPPRESSED_FLAPPING, "x".repeat(300), 0, LIMITS))
        .hasSizeLessThan(100);
  }

  @Test
  void a_clearing_rule_captures_its_key_and_falls_back_to_the_global_limits() {
    Rule rule =
        new Rule(4, "LINK-DOWN", null, null, "contains", 1, "Page_only", "Ignore", "NETO", true);
    ClearingRule c =
        ClearingRule.fromMap(
            rule,
            Map.of(
                "clear_pattern",
                "link-up",
                "clear_key",
                "interface (\\S+)",
                "flap_window_minutes",
                30));
    assertThat(c.clears("%LINK-UP: Interface Gi0/1 up")).isTrue();
    assertThat(c.clears("%LINK-DOWN: Interface Gi0/1 down")).isFalse();
    assertThat(c.key("%LINK-DOWN: Interface Gi0/1 down")).isEqualTo("Gi0/1");
    assertThat(c.key("%LINK-DOWN: no name")).isEmpty();
    assertThat(c.flapSettings(LIMITS)).isEqualTo(new FlapSettings(3, 30, 5));
    assertThat(ClearingRule.fromMap(rule, Map.of("match_string", "x"))).isNull();

    ClearingRules rules = new ClearingRules(List.of(c));
    assertThat(rules.clearedBy("LINK-UP Interface Gi0/2")).isSameAs(c);
    assertThat(rules.clearedBy("LINK-DOWN")).isNull();
    assertThat(rules.of(4)).isSameAs(c);
    assertThat(rules.of(5)).isNull();
    ClearingRule whole =
        ClearingRule.fromMap(rule, Map.of("clear_pattern", "up", "clear_key", "Gi[0-9/]+"));
    assertThat(whole.key("LINK-DOWN Gi0/3 down")).isEqualTo("Gi0/3");
  }
}
