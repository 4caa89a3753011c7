package io.mutt.pipeline.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import io.mutt.pipeline.routing.Environment;
import io.mutt.pipeline.rules.Rule;
import io.mutt.pipeline.rules.RuleMatcher;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventTriageTest {

  private static final RuleSet RULES =
      new RuleSet(
          RuleMatcher.indexed(
              List.of(
                  new Rule(
                      1,
                      "CRITICAL",
                      null,
                      null,
                      "contains",
                      10,
                      "Page_and_ticket",
                      "Ticket_only",
                      "NETO",
                      true),
                  new Rule(
                      2,
                      "ERROR",
                      null,
                      null,
                      "contains",
                      20,
                      "Ticket_only",
                      "Ignore",
                      "NETO",
                      true),
                  new Rule(
                      5,
                      null,
                      ".1.3.6.1.4.1.9.9.41.2",
                      null,
                      "oid_prefix",
                      15,
                      "Page_and_ticket",
                      "Ignore",
                      "NetOps",
                      true))),
          Set.of("dev-router1"),
          Map.of("router1.prod.example.com", "NetOps"));

  private final EventTriage triage =
      new EventTriage(
          new PoisonPolicy(3), Clock.fixed(Instant.parse("2026-11-22T00:00:00Z"), ZoneOffset.UTC));

  private static Map<String, Object> event(String host, String message) {
    Map<String, Object> e = new HashMap<>();
    e.put("hostname", host);
    e.put("message", message);
    e.put("timestamp", "2025-11-11T16:34:50.6449285Z");
    return e;
  }

  @Test
  void a_prod_event_matching_a_ticket_rule_is_handled_and_forwarded_with_the_rule_team() {
    Verdict v = triage.triage(event("r9", "disk error on /var"), 1, RULES);
    assertThat(v).isInstanceOf(Verdict.Handled.class);
    Verdict.Handled h = (Verdict.Handled) v;
    assertThat(h.decision().rule().id()).isEqualTo(2);
    assertThat(h.decision().environment()).isEqualTo(Environment.PROD);
    assertThat(h.decision().forward()).isTrue();
    assertThat(h.decision().team()).isEqualTo("NETO");
    assertThat(h.timestamp().toInstant()).isEqualTo(Instant.parse("2025-11-11T16:34:50.6449285Z"));
  }

  @Test
  void a_dev_host_gets_the_dev_handling_which_may_not_forward() {
    Verdict.Handled h = (Verdict.Handled) triage.triage(event("dev-router1", "ERROR x"), 1, RULES);
    assertThat(h.decision().environment()).isEqualTo(Environment.DEV);
    assertThat(h.decision().handling()).isEqualTo("Ignore");
    assertThat(h.decision().forward()).isFalse();
  }

  @Test
  void an_event_no_rule_matches_is_unhandled() {
    assertThat(triage.triage(event("r1", "all good"), 1, RULES))
        .isEqualTo(new Verdict.Unhandled("r1", "all good"));
  }

  @Test
  void a_trap_matches_the_oid_rule_despite_the_leading_dot() {
    Map<String, Object> e = event("r1", "trap");
    e.put("trap_oid", "1.3.6.1.4.1.9.9.41.2.0.1");
    assertThat(((Verdict.Handled) triage.triage(e, 1, RULES)).decision().rule().id()).isEqualTo(5);
  }

  @Test
  void missing_or_empty_required_fields_are_discarded_with_the_field_named() {
    assertThat(triage.triage(null, 1, RULES))
        .isEqualTo(new Verdict.Discard("payload is not a JSON object"));
    Map<String, Object> noHost = event(null, "ERROR");
    noHost.remove("hostname");
    assertThat(triage.triage(noHost, 1, RULES))
        .isEqualTo(new Verdict.Discard("missing required field: hostname"));
    assertThat(triage.triage(event("r1", ""), 1, RULES))
        .isEqualTo(new Verdict.Discard("required field message is empty"));
    Map<String, Object> objectMessage = event("r1", null);
    objectMessage.put("message", Map.of("a", 1));
    assertThat(((Verdict.Discard) triage.triage(objectMessage, 1, RULES)).reason())
        .contains("message");
  }

  @Test
  void spent_retries_dead_letter_the_event_before_anything_else_is_checked() {
    Verdict v = triage.triage(Map.of("junk", true), 5, RULES);
    assertThat(v)
        .isEqualTo(
            new Verdict.DeadLetter(
                "retries exhausted: 4 failed attempts (ALERTER_MAX_RETRIES=3)", 4, true));
  }

  @Test
  void a_matched_event_with_an_unparsable_timestamp_is_dead_lettered_not_dropped() {
    Map<String, Object> e = event("r1", "ERROR");
    e.put("timestamp", "yesterday");
    Verdict.DeadLetter d = (Verdict.DeadLetter) triage.triage(e, 2, RULES);
    assertThat(d.poison()).isFalse();
    assertThat(d.retries()).isEqualTo(1);
    assertThat(d.reason()).startsWith("timestamp is not");
  }

  @Test
  void an_unmatched_event_with_a_bad_timestamp_is_still_only_counted_as_unhandled() {
    Map<String, Object> e = event("r1", "fine");
    e.put("timestamp", "yesterday");
    assertThat(triage.triage(e, 1, RULES)).isInstanceOf(Verdict.Unhandled.class);
  }

  @Test
  void a_hostname_too_long_for_the_audit_column_is_dead_lettered() {
    Verdict v = triage.triage(event("h".repeat(256), "ERROR"), 1, RULES);
    assertThat(((Verdict.DeadLetter) v).reason()).contains("255");
  }

  @Test
  void the_meta_alert_team_comes_from_device_teams_else_the_default() {
    assertThat(RULES.teamFor("router1.prod.example.com", "NETO")).isEqualTo("NetOps");
    assertThat(RULES.teamFor("unknown", "NETO")).isEqualTo("NETO");
  }

  @Test
  void rules_see_only_the_first_max_match_chars_of_a_huge_message_and_the_cut_is_counted() {
    EventTriage bounded =
        new EventTriage(
            new PoisonPolicy(3),
            Clock.fixed(Instant.parse("2026-11-22T00:00:00Z"), ZoneOffset.UTC),
            1000);
    String tail = "x".repeat(5_000_000) + " disk error";
    Verdict late = bounded.triage(event("r9", tail), 1, RULES);
    assertThat(late).isInstanceOf(Verdict.Unhandled.class);
    assertThat(bounded.truncatedMessages()).isEqualTo(1);
    Verdict early = bounded.triage(event("r9", "disk error " + "x".repeat(5_000_000)), 1, RULES);
    assertThat(early).isInstanceOf(Verdict.Handled.class);
    assertThat(bounded.truncatedMessages()).isEqualTo(2);
    assertThat(bounded.matchedText("a".repeat(999) + "\uD83D\uDE00")).hasSize(999);
    assertThat(triage.triage(event("r9", tail), 1, RULES)).isInstanceOf(Verdict.Unhandled.class);
  }

  @Test
  void a_message_a_clearing_pattern_finds_is_that_rules_clearing_event_before_any_rule_matches() {
    Rule linkDown =
        new Rule(7, "LINK-DOWN", null, null, "contains", 50, "Page_only", "Ignore", "NETO", true);
    Rule anyError =
        new Rule(8, "ERROR", null, null, "contains", 10, "Ticket_only", "Ignore", "DB", true);
    io.mutt.pipeline.clearing.ClearingRule clearing =
        io.mutt.pipeline.clearing.ClearingRule.fromMap(
            linkDown, Map.of("clear_pattern", "LINK-UP", "clear_key", "interface (\\S+)"));
    RuleSet rules =
        new RuleSet(
            RuleMatcher.indexed(List.of(linkDown, anyError)),
            Set.of(),
            Map.of(),
            new io.mutt.pipeline.clearing.ClearingRules(List.of(clearing)));

    Verdict.Handled down =
        (Verdict.Handled) triage.triage(event("sw1", "LINK-DOWN interface Gi0/1"), 1, rules);
    assertThat(down.decision().rule().id()).isEqualTo(7);
    assertThat(down.signal()).isEqualTo(new Verdict.Signal(clearing, "Gi0/1", false));

    // "ERROR" would match rule 8 first, but the clearing pattern is checked before the rules
    Verdict.Handled up =
        (Verdict.Handled)
            triage.triage(event("sw1", "ERROR cleared: LINK-UP interface Gi0/1"), 1, rules);
    assertThat(up.decision().rule().id()).isEqualTo(7);
    assertThat(up.signal()).isEqualTo(new Verdict.Signal(clearing, "Gi0/1", true));

    Verdict.Handled other = (Verdict.Handled) triage.triage(event("sw1", "ERROR disk"), 1, rules);
    assertThat(other.decision().rule().id()).isEqualTo(8);
    assertThat(other.signal()).isNull();
  }
}
