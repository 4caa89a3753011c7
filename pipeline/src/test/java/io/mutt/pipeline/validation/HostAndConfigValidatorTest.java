package io.mutt.pipeline.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HostAndConfigValidatorTest {

  @Test
  void host_and_team_bodies_use_the_spec_messages() {
    assertThatThrownBy(() -> HostValidator.devHost(Map.of())).hasMessage("hostname is required");
    assertThatThrownBy(() -> HostValidator.team(Map.of("hostname", "r1")))
        .hasMessage("hostname and team_assignment are required");
    assertThatThrownBy(() -> HostValidator.teamUpdate(Map.of("team_assignment", "")))
        .hasMessage("team_assignment is required");
    assertThatThrownBy(() -> HostValidator.devHost(Map.of("hostname", "h".repeat(256))))
        .hasMessage("hostname must be at most 255 characters");
    assertThat(HostValidator.team(Map.of("hostname", "r1", "team_assignment", "NetOps")))
        .containsEntry("hostname", "r1")
        .containsEntry("team_assignment", "NetOps");
  }

  @Test
  void config_keys_follow_the_pattern_and_updates_is_reserved() {
    ConfigValidator.key("moog_rate_limit");
    assertThatThrownBy(() -> ConfigValidator.key("Bad-Key")).isInstanceOf(InvalidInput.class);
    assertThatThrownBy(() -> ConfigValidator.key("updates")).isInstanceOf(InvalidInput.class);
    assertThatThrownBy(() -> ConfigValidator.key("k".repeat(101))).isInstanceOf(InvalidInput.class);
  }

  @Test
  void config_values_are_stored_as_text_and_checked_for_known_keys() {
    assertThat(ConfigValidator.storedForm("anything", Map.of("value", true))).isEqualTo("true");
    assertThat(ConfigValidator.storedForm("moog_rate_limit", Map.of("value", 75))).isEqualTo("75");
    assertThat(ConfigValidator.storedForm("slo_burn_rate_warning", Map.of("value", 2.5)))
        .isEqualTo("2.5");
    assertThat(ConfigValidator.storedForm("alerter_shed_mode", Map.of("value", "defer")))
        .isEqualTo("defer");
    assertThatThrownBy(() -> ConfigValidator.storedForm("x", Map.of()))
        .hasMessage("Missing 'value' in request body");
    Map<String, Object> nullValue = new HashMap<>();
    nullValue.put("value", null);
    assertThatThrownBy(() -> ConfigValidator.storedForm("x", nullValue))
        .hasMessage("value must not be null");
    assertThatThrownBy(() -> ConfigValidator.storedForm("moog_rate_limit", Map.of("value", "fast")))
        .hasMessage("moog_rate_limit must be a non-negative integer");
    assertThatThrownBy(
            () -> ConfigValidator.storedForm("alerter_shed_mode", Map.of("value", "drop")))
        .hasMessage("alerter_shed_mode must be one of dlq, defer");
    assertThat(ConfigValidator.storedForm("remediation_replay_rate", Map.of("value", 0.5)))
        .isEqualTo("0.5");
    assertThatThrownBy(
            () -> ConfigValidator.storedForm("remediation_replay_rate", Map.of("value", 1.5)))
        .hasMessage("remediation_replay_rate must be a fraction in (0, 1]");
    assertThatThrownBy(
            () -> ConfigValidator.storedForm("remediation_replay_rate", Map.of("value", 0)))
        .hasMessage("remediation_replay_rate must be a fraction in (0, 1]");
  }

  @Test
  void record_ids_are_stable_positive_crc32_values() {
    assertThat(RecordIds.of("moog_rate_limit"))
        .isEqualTo(RecordIds.of("moog_rate_limit"))
        .isPositive();
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update("router1".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(RecordIds.of("router1")).isEqualTo((int) (crc.getValue() % 2147483647L));
  }
}
