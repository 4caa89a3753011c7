package io.mutt.pipeline.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventTimestampsTest {

  @Test
  void the_fixture_shapes_parse_to_utc_instants() {
    assertThat(EventTimestamps.parse("2025-01-15T14:30:22Z").toInstant())
        .isEqualTo(Instant.parse("2025-01-15T14:30:22Z"));
    assertThat(EventTimestamps.parse("2025-11-11T16:34:50.6449285Z").toInstant())
        .isEqualTo(Instant.parse("2025-11-11T16:34:50.644928500Z"));
    assertThat(EventTimestamps.parse("2025-11-10T12:00:00.123456+00:00").toInstant())
        .isEqualTo(Instant.parse("2025-11-10T12:00:00.123456Z"));
  }

  @Test
  void offsets_separators_and_missing_parts_follow_postgresql_leniency() {
    assertThat(EventTimestamps.parse("2025-11-10 13:00:00+0100").toInstant())
        .isEqualTo(Instant.parse("2025-11-10T12:00:00Z"));
    assertThat(EventTimestamps.parse("2025-11-10T10:00:00-02").toInstant())
        .isEqualTo(Instant.parse("2025-11-10T12:00:00Z"));
    assertThat(EventTimestamps.parse("2025-11-10T12:00").toInstant())
        .isEqualTo(Instant.parse("2025-11-10T12:00:00Z"));
    assertThat(EventTimestamps.parse("2025-11-10").toInstant())
        .isEqualTo(Instant.parse("2025-11-10T00:00:00Z"));
    assertThat(EventTimestamps.parse("2025-11-10t12:00:00z").toInstant())
        .isEqualTo(Instant.parse("2025-11-10T12:00:00Z"));
  }

  @Test
  void text_that_is_not_a_timestamp_is_refused_with_a_reason_naming_the_field() {
    for (Object bad :
        new Object[] {
          "Nov 10 12:00:00",
          "2025-13-01T00:00:00Z",
          "",
          1731240000,
          null,
          "2025-11-10T12:00:00Zjunk"
        }) {
      assertThatThrownBy(() -> EventTimestamps.parse(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("timestamp is not");
    }
  }

  @Test
  void only_timestamps_within_ten_years_back_and_one_year_ahead_can_be_audited() {
    Instant now = Instant.parse("2026-11-22T00:00:00Z");
    assertThat(EventTimestamps.rangeProblem(EventTimestamps.parse("2025-01-15T14:30:22Z"), now))
        .isNull();
    assertThat(EventTimestamps.rangeProblem(EventTimestamps.parse("1970-01-01T00:00:00Z"), now))
        .contains("more than 10 years old");
    assertThat(EventTimestamps.rangeProblem(EventTimestamps.parse("2030-01-01T00:00:00Z"), now))
        .contains("in the future");
  }

  @Test
  void the_months_of_a_batch_name_the_audit_partitions_it_needs() {
    List<OffsetDateTime> ts =
        List.of(
            EventTimestamps.parse("2025-01-31T23:59:59+00:00"),
            EventTimestamps.parse("2025-02-01T00:30:00+01:00"),
            EventTimestamps.parse("2025-11-11T00:00:00Z"));
    assertThat(EventTimestamps.months(ts, false))
        .containsExactly(LocalDate.parse("2025-01-01"), LocalDate.parse("2025-11-01"));
    assertThat(EventTimestamps.months(ts.subList(0, 1), true))
        .containsExactly(
            LocalDate.parse("2024-12-01"),
            LocalDate.parse("2025-01-01"),
            LocalDate.parse("2025-02-01"));
  }
}
