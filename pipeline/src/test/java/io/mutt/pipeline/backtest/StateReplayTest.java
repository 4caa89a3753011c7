package io.mutt.pipeline.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.mutt.pipeline.alerting.Verdict;
import io.mutt.pipeline.clearing.ClearingRule;
import io.mutt.pipeline.clearing.FlapSettings;
import io.mutt.pipeline.rules.Rule;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StateReplayTest {

  static final Rule LINK =
      Rule.fromMap(
          Map.of(
              "id", 3,
              "match_string", "LINK-DOWN",
              "prod_handling", "Page_and_ticket",
              "dev_handling", "Ignore",
              "team_assignment", "NetOps"));
  static final Outcome FORWARDED = new Outcome(3, "NetOps", true, null);
  static final long MIN = 60_000L;

  static ClearingRule clearing(Integer k, Integer w, Integer q) {
    Map<String, Object> row = new HashMap<>();
    row.put("clear_pattern", "LINK-UP");
    row.put("clear_key", "(ge\\S+)");
    row.put("flap_threshold", k);
    row.put("flap_window_minutes", w);
    row.put("flap_stable_minutes", q);
    return ClearingRule.fromMap(LINK, row);
  }

  /** The event's signal for a side with that clearing part (null: the side has none). */
  static Verdict.Signal signal(ClearingRule c, String message) {
    return c == null ? null : new Verdict.Signal(c, c.key(message), c.clears(message));
  }

  static StateReplay.Event event(
      String id, long minute, String message, ClearingRule now, ClearingRule draft) {
    return new StateReplay.Event(
        id,
        "t" + minute,
        "r1",
        minute * MIN,
        FORWARDED,
        signal(now, message),
        FORWARDED,
        signal(draft, message));
  }

  /** Change name → correlation ids, in the order they were added. */
  static Map<String, List<String>> changes(BacktestDiff diff) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (BacktestDiff.Change c : diff.changes()) {
      assertThat(c.examples).hasSize((int) c.count);
      out.put(c.name, c.examples.stream().map(BacktestDiff.Example::correlationId).toList());
    }
    return out;
  }

  /** The first example of a change. */
  static BacktestDiff.Example example(BacktestDiff diff, String change) {
    return diff.changes().stream()
        .filter(c -> c.name.equals(change))
        .findFirst()
        .orElseThrow()
        .examples
        .get(0);
  }

  @Test
  void a_draft_clearing_pattern_clears_link_up_after_link_down_and_drops_what_is_open_nothing() {
    BacktestDiff diff = new BacktestDiff(100);
    StateReplay replay = new StateReplay(FlapSettings.DEFAULTS, 168 * 60 * MIN, diff);
    ClearingRule draft = clearing(null, null, null);
    // key ge0: down, up (cleared), up again (nothing open); key ge1: up first (nothing open),
    // down, up (cleared). The current rules have no clearing pattern: all forwarded.
    replay.add(event("e1", 0, "LINK-DOWN ge0", null, draft));
    replay.add(event("e2", 1, "LINK-UP ge0", null, draft));
    replay.add(event("e3", 2, "LINK-UP ge0", null, draft));
    replay.add(event("e4", 3, "LINK-UP ge1", null, draft));
    replay.add(event("e5", 4, "LINK-DOWN ge1", null, draft));
    replay.add(event("e6", 5, "LINK-UP ge1", null, draft));
    replay.finish(60 * MIN);

    assertThat(diff.events()).isEqualTo(6);
    assertThat(diff.changed()).isEqualTo(4);
    assertThat(changes(diff))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "forwarded → cleared", List.of("e2", "e6"),
                "state none → clear", List.of("e2", "e6"),
                "forwarded → suppressed (nothing to clear)", List.of("e3", "e4"),
                "state none → nothing to clear", List.of("e3", "e4")));
    BacktestDiff.Example e2 = example(diff, "forwarded → cleared");
    assertThat(e2.after())
        .isEqualTo(
            new Outcome(3, "NetOps", true, null, io.mutt.pipeline.clearing.StateAction.CLEAR));
    assertThat(replay.keys()).isZero();
  }

  @Test
  void draft_flap_limits_suppress_a_flapping_key_and_forward_its_final_state_once_stable() {
    BacktestDiff diff = new BacktestDiff(100);
    StateReplay replay = new StateReplay(FlapSettings.DEFAULTS, 168 * 60 * MIN, diff);
    ClearingRule now = clearing(0, null, null); // flapping off
    ClearingRule draft = clearing(2, 10, 5); // more than 2 changes in 10 min; stable 5 min
    replay.add(event("e1", 0, "LINK-DOWN ge0", now, draft)); // change 1: problem both
    replay.add(event("e2", 1, "LINK-UP ge0", now, draft)); // change 2: cleared both
    replay.add(event("e3", 2, "LINK-DOWN ge0", now, draft)); // change 3 > 2: flapping alert
    replay.add(event("e4", 3, "LINK-UP ge0", now, draft)); // suppressed
    replay.add(event("e5", 4, "LINK-DOWN ge0", now, draft)); // suppressed
    replay.add(event("e6", 5, "LINK-UP ge0", now, draft)); // suppressed, last change at 5
    assertThat(diff.events()).as("e6 waits: final state or suppressed").isEqualTo(5);
    // another key, 15 min later: the sweep finds ge0 stable since minute 10 and settles it
    replay.add(event("e7", 20, "LINK-DOWN ge9", now, draft));
    replay.finish(60 * MIN);

    assertThat(diff.events()).isEqualTo(7);
    assertThat(diff.changed()).isEqualTo(4);
    assertThat(changes(diff))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "state none → flapping", List.of("e3"),
                "cleared → suppressed (flapping)", List.of("e4"),
                "state clear → suppressed flapping", List.of("e4"),
                "forwarded → suppressed (flapping)", List.of("e5"),
                "state none → suppressed flapping", List.of("e5"),
                "state clear → final state clear", List.of("e6")));
    BacktestDiff.Example e6 = example(diff, "state clear → final state clear");
    assertThat(e6.after().forwarded()).isTrue();
    assertThat(e6.after().delivery()).isEqualTo("cleared");
  }

  @Test
  void a_key_still_flapping_at_the_end_keeps_its_last_event_suppressed() {
    BacktestDiff diff = new BacktestDiff(100);
    StateReplay replay = new StateReplay(FlapSettings.DEFAULTS, 168 * 60 * MIN, diff);
    ClearingRule draft = clearing(1, 10, 30);
    replay.add(event("e1", 0, "LINK-DOWN ge0", null, draft)); // problem
    replay.add(event("e2", 1, "LINK-UP ge0", null, draft)); // 2 changes > 1: flapping
    replay.add(event("e3", 2, "LINK-DOWN ge0", null, draft)); // suppressed
    replay.finish(20 * MIN); // stable only at minute 32
    assertThat(changes(diff))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "state none → flapping", List.of("e2"),
                "forwarded → suppressed (flapping)", List.of("e3"),
                "state none → suppressed flapping", List.of("e3")));
    assertThat(diff.events()).isEqualTo(3);
  }

  @Test
  void keys_whose_state_went_quiet_are_dropped_so_a_long_range_stays_bounded() {
    BacktestDiff diff = new BacktestDiff(0);
    StateReplay replay = new StateReplay(FlapSettings.DEFAULTS, 168 * 60 * MIN, diff);
    ClearingRule draft = clearing(null, null, null);
    int most = 0;
    // a new interface goes down and up every minute for a week: 10 080 keys in all
    for (int m = 0; m < 7 * 24 * 60; m++) {
      replay.add(event("d" + m, m, "LINK-DOWN ge" + m, null, draft));
      replay.add(event("u" + m, m, "LINK-UP ge" + m, null, draft));
      most = Math.max(most, replay.keys());
    }
    // quiet once no change is within the 10 min window; swept every 10 min
    assertThat(most).isLessThanOrEqualTo(21);
    assertThat(diff.events()).isEqualTo(2 * 7 * 24 * 60);
    replay.finish(7 * 24 * 60 * MIN);
    assertThat(replay.keys()).isZero();
  }
}
