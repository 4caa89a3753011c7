package io.mutt.pipeline.moog;

import static io.mutt.pipeline.rules.TestRules.rule;
import static org.assertj.core.api.Assertions.assertThat;

import io.mutt.pipeline.routing.Routing;
import io.mutt.pipeline.routing.RoutingDecision;
import io.mutt.pipeline.rules.Rule;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AlertPayloadsTest {

  private final Map<String, Object> event =
      new LinkedHashMap<>(
          Map.of(
              "hostname", "router1.prod.example.com",
              "timestamp", "2025-01-15T14:30:22Z",
              "message", "%BGP-3-NOTIFICATION: (Unspecified Error)",
              "_correlation_id", "c-123"));

  @Test
  void a_matched_event_becomes_a_warning_for_the_rules_team_carrying_the_whole_event() {
    Rule rule = rule(2).contains("ERROR").handling("Ticket_only", "Ignore").team("NETO").build();
    RoutingDecision decision = Routing.decide(rule, "router1.prod.example.com", Set.of());

    Map<String, Object> alert = AlertPayloads.forMatched(event, decision);

    assertThat(alert)
        .containsExactly(
            Map.entry("hostname", "router1.prod.example.com"),
            Map.entry("team_assignment", "NETO"),
            Map.entry("severity", "Warning"),
            Map.entry("message_body", "%BGP-3-NOTIFICATION: (Unspecified Error)"),
            Map.entry("raw_json", event),
            Map.entry("_correlation_id", "c-123"));
  }

  @Test
  void alerts_never_carry_the_api_key() {
    Rule rule = rule(2).contains("x").build();

    assertThat(AlertPayloads.forMatched(event, Routing.decide(rule, "h", Set.of())))
        .doesNotContainKey("api_key");
    assertThat(AlertPayloads.forUnhandled(event, "NETO", "m")).doesNotContainKey("api_key");
  }

  @Test
  void a_meta_alert_comes_from_mutt_itself_with_the_device_team_and_summary_text() {
    Map<String, Object> alert = AlertPayloads.forUnhandled(event, "NetOps", "[MUTT] Detected 2 …");

    assertThat(alert)
        .containsEntry("hostname", "MUTT_Alerter")
        .containsEntry("team_assignment", "NetOps")
        .containsEntry("severity", "Warning")
        .containsEntry("message_body", "[MUTT] Detected 2 …")
        .containsEntry("raw_json", event)
        .containsEntry("_correlation_id", "c-123");
  }

  @Test
  void a_missing_correlation_id_becomes_unknown() {
    event.remove("_correlation_id");

    assertThat(AlertPayloads.forUnhandled(event, "NETO", "m"))
        .containsEntry("_correlation_id", "unknown");
  }

  @Test
  void raw_json_is_a_copy_so_later_changes_to_the_event_do_not_leak_in() {
    Map<String, Object> alert = AlertPayloads.forUnhandled(event, "NETO", "m");
    event.put("_retry_count", 1);

    @SuppressWarnings("unchecked")
    Map<String, Object> rawJson = (Map<String, Object>) alert.get("raw_json");
    assertThat(rawJson).doesNotContainKey("_retry_count");
  }
}
