package io.mutt.pipeline.moog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MoogPayloadTest {

  @Test
  void an_alert_maps_onto_the_moogsoft_event_fields() {
    Map<String, Object> raw = Map.of("hostname", "router1", "message", "disk error");
    Map<String, Object> alert =
        Map.of(
            "hostname",
            "router1",
            "team_assignment",
            "NETO",
            "severity",
            "Warning",
            "message_body",
            "disk error",
            "raw_json",
            raw,
            "_correlation_id",
            "c-1",
            "_moog_retry_count",
            2);

    Map<String, Object> body = MoogPayload.fromAlert(alert, 1_736_951_422L);

    assertThat(body)
        .containsExactly(
            Map.entry("signature", "router1"),
            Map.entry("source_id", "router1"),
            Map.entry("external_id", "c-1"),
            Map.entry("manager", "MUTT"),
            Map.entry("source", "MUTT Alerter"),
            Map.entry("class", "NETO"),
            Map.entry("agent", "MUTT v2.5"),
            Map.entry("agent_location", "Alerter Service"),
            Map.entry("type", "Alert"),
            Map.entry("severity", 3),
            Map.entry("description", "disk error"),
            Map.entry("agent_time", 1_736_951_422L),
            Map.entry("custom_info", raw));
  }

  @Test
  void missing_fields_take_their_defaults_and_custom_info_is_left_out() {
    Map<String, Object> body = MoogPayload.fromAlert(new HashMap<>(), 0L);

    assertThat(body)
        .containsEntry("signature", "unknown")
        .containsEntry("source_id", "unknown")
        .containsEntry("external_id", "unknown")
        .containsEntry("class", "Unknown")
        .containsEntry("description", "")
        .containsEntry("severity", 3)
        .doesNotContainKey("custom_info");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "Critical,5",
    "Major,4",
    "Warning,3",
    "Minor,2",
    "Info,1",
    "Clear,0",
    "critical,3",
    "CLEAR,3",
    "Informational,3",
    "'',3"
  })
  void severity_names_map_exactly_by_case_and_anything_else_is_3(String name, int expected) {
    assertThat(MoogPayload.fromAlert(Map.of("severity", name), 0L))
        .containsEntry("severity", expected);
  }

  @Test
  void a_non_text_severity_is_3() {
    assertThat(MoogPayload.fromAlert(Map.of("severity", 5), 0L)).containsEntry("severity", 3);
  }
}
