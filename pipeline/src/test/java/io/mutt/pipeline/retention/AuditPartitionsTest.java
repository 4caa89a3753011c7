package io.mutt.pipeline.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;

class AuditPartitionsTest {

  @Test
  void partition_names_follow_the_schema_and_parse_back() {
    assertThat(AuditPartitions.name(YearMonth.of(2025, 1))).isEqualTo("event_audit_log_2025_01");
    assertThat(AuditPartitions.monthOf("event_audit_log_2024_12")).contains(YearMonth.of(2024, 12));
  }

  @Test
  void other_tables_are_never_taken_for_partitions() {
    assertThat(AuditPartitions.monthOf("event_audit_log_archive")).isEmpty();
    assertThat(AuditPartitions.monthOf("event_audit_log")).isEmpty();
    assertThat(AuditPartitions.monthOf("event_audit_log_2024_13")).isEmpty();
    assertThat(AuditPartitions.whollyBefore("event_audit_log_archive", Instant.now())).isFalse();
  }

  @Test
  void precreation_covers_the_current_month_and_crosses_the_year_end() {
    assertThat(AuditPartitions.monthsToEnsure(LocalDate.of(2025, 11, 20), 3))
        .containsExactly(
            LocalDate.of(2025, 11, 1), LocalDate.of(2025, 12, 1), LocalDate.of(2026, 1, 1));
    assertThat(AuditPartitions.monthsToEnsure(LocalDate.of(2025, 11, 20), 0))
        .containsExactly(LocalDate.of(2025, 11, 1));
  }

  @Test
  void a_partition_is_droppable_only_when_its_whole_range_is_before_the_cutoff() {
    Instant cutoff = Instant.parse("2025-02-01T00:00:00Z");
    assertThat(AuditPartitions.whollyBefore("event_audit_log_2025_01", cutoff)).isTrue();
    assertThat(AuditPartitions.whollyBefore("event_audit_log_2025_02", cutoff)).isFalse();
    assertThat(
            AuditPartitions.whollyBefore(
                "event_audit_log_2025_01", Instant.parse("2025-01-31T23:59:59Z")))
        .isFalse();
  }
}
