package io.mutt.pipeline.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.mutt.pipeline.retention.DlqTrimRule.Verdict;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DlqTrimRuleTest {

  private static final Instant CUTOFF = Instant.parse("2025-10-01T00:00:00Z");

  @Test
  void failed_at_decides_when_present() {
    assertThat(DlqTrimRule.decide("2025-09-01T10:00:00+00:00", "2025-11-01T00:00:00Z", CUTOFF))
        .isEqualTo(Verdict.EXPIRED);
    assertThat(DlqTrimRule.decide("2025-10-02T10:00:00Z", "2020-01-01T00:00:00Z", CUTOFF))
        .isEqualTo(Verdict.RECENT);
  }

  @Test
  void the_event_timestamp_is_used_when_failed_at_is_absent() {
    assertThat(DlqTrimRule.decide(null, "2025-09-30T23:59:59.6449285Z", CUTOFF))
        .isEqualTo(Verdict.EXPIRED);
    assertThat(DlqTrimRule.decide(null, "2025-10-01T00:00:00", CUTOFF)).isEqualTo(Verdict.RECENT);
  }

  @Test
  void epoch_seconds_are_understood() {
    assertThat(DlqTrimRule.decide(1_700_000_000.5, null, CUTOFF)).isEqualTo(Verdict.EXPIRED);
    assertThat(DlqTrimRule.decide("1790000000", null, CUTOFF)).isEqualTo(Verdict.RECENT);
  }

  @Test
  void an_entry_without_a_usable_time_stops_the_trim() {
    assertThat(DlqTrimRule.decide(null, null, CUTOFF)).isEqualTo(Verdict.UNDATED);
    assertThat(DlqTrimRule.decide("yesterday", "2020-01-01T00:00:00Z", CUTOFF))
        .isEqualTo(Verdict.UNDATED);
    assertThat(DlqTrimRule.decide(null, "Nov 10 12:00:00", CUTOFF)).isEqualTo(Verdict.UNDATED);
    assertThat(DlqTrimRule.decide(-5, null, CUTOFF)).isEqualTo(Verdict.UNDATED);
  }
}
