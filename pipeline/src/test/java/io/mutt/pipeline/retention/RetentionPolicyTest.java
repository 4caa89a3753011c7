package io.mutt.pipeline.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetentionPolicyTest {

  private final List<String> warnings = new ArrayList<>();

  private RetentionPolicy resolve(Map<String, String> settings, Map<String, String> dynamic) {
    return RetentionPolicy.resolve(settings::get, dynamic::get, warnings);
  }

  @Test
  void nothing_set_gives_the_spec_defaults() {
    assertThat(resolve(Map.of(), Map.of())).isEqualTo(RetentionPolicy.DEFAULTS);
    assertThat(warnings).isEmpty();
  }

  @Test
  void dynamic_keys_win_over_the_environment() {
    Map<String, String> env =
        Map.of(
            "RETENTION_EVENT_AUDIT_DAYS",
            "60",
            "RETENTION_AUDIT_DAYS",
            "100",
            "EVENT_ARCHIVE_RETENTION_YEARS",
            "3",
            "RETENTION_ENABLED",
            "true");
    Map<String, String> dyn =
        Map.of(
            "event_retention_days",
            "30",
            "config_audit_retention_days",
            "200",
            "event_archive_retention_years",
            "2",
            "retention_enforcement_enabled",
            "false");
    RetentionPolicy p = resolve(env, dyn);
    assertThat(p.eventAuditDays()).isEqualTo(30);
    assertThat(p.configAuditDays()).isEqualTo(200);
    assertThat(p.archiveYears()).isEqualTo(2);
    assertThat(p.enabled()).isFalse();
  }

  @Test
  void the_archivers_alias_names_are_accepted_and_win_over_the_yaml_default() {
    Map<String, String> env =
        Map.of(
            "RETENTION_EVENT_AUDIT_DAYS",
            "90",
            "EVENT_RETENTION_DAYS",
            "45",
            "CONFIG_AUDIT_RETENTION_DAYS",
            "400",
            "RETENTION_ENFORCEMENT_ENABLED",
            "false",
            "RETENTION_CLEANUP_BATCH_SIZE",
            "50");
    RetentionPolicy p = resolve(env, Map.of());
    assertThat(p.eventAuditDays()).isEqualTo(45);
    assertThat(p.configAuditDays()).isEqualTo(400);
    assertThat(p.enabled()).isFalse();
    assertThat(p.batchSize()).isEqualTo(50);
  }

  @Test
  void non_positive_or_unparsable_values_are_warned_about_and_the_next_source_is_used() {
    Map<String, String> env =
        new HashMap<>(
            Map.of(
                "RETENTION_EVENT_AUDIT_DAYS",
                "0",
                "RETENTION_DLQ_DAYS",
                "-3",
                "RETENTION_BATCH_SIZE",
                "many",
                "RETENTION_AUDIT_DAYS",
                "120"));
    RetentionPolicy p = resolve(env, Map.of("config_audit_retention_days", "soon"));
    assertThat(p.eventAuditDays()).isEqualTo(90);
    assertThat(p.dlqDays()).isEqualTo(30);
    assertThat(p.batchSize()).isEqualTo(1000);
    assertThat(p.configAuditDays()).isEqualTo(120);
    assertThat(warnings)
        .hasSize(4)
        .anyMatch(w -> w.contains("RETENTION_DLQ_DAYS") && w.contains("-3"))
        .anyMatch(w -> w.contains("dynamic key config_audit_retention_days"));
  }

  @Test
  void policy_days_report_every_type_with_the_archive_in_days() {
    assertThat(RetentionPolicy.DEFAULTS.policyDays())
        .containsEntry("event_audit", 90)
        .containsEntry("event_archive", 2555)
        .containsEntry("config_audit", 365)
        .containsEntry("dlq", 30);
  }

  @Test
  void dry_run_comes_from_the_setting_or_the_command_line() {
    assertThat(resolve(Map.of("RETENTION_DRY_RUN", "true"), Map.of()).dryRun()).isTrue();
    assertThat(RetentionPolicy.DEFAULTS.withDryRun(true).dryRun()).isTrue();
  }
}
