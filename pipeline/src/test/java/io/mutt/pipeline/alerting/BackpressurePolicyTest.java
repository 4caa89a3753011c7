package io.mutt.pipeline.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BackpressurePolicyTest {

  private static final BackpressureSettings DLQ = new BackpressureSettings(1000, 2000, "dlq", 250);
  private static final BackpressureSettings DEFER =
      new BackpressureSettings(1000, 2000, " DEFER ", 250);

  @Test
  void a_queue_at_or_below_the_warn_threshold_needs_nothing() {
    assertThat(BackpressurePolicy.decide(0, DLQ)).isEqualTo(Backpressure.NONE);
    assertThat(BackpressurePolicy.decide(1000, DLQ)).isEqualTo(Backpressure.NONE);
  }

  @Test
  void above_warn_and_at_the_shed_threshold_only_warns_because_comparisons_are_strict() {
    assertThat(BackpressurePolicy.decide(1001, DLQ)).isEqualTo(Backpressure.WARN);
    assertThat(BackpressurePolicy.decide(2000, DLQ)).isEqualTo(Backpressure.WARN);
  }

  @Test
  void above_the_shed_threshold_the_mode_decides_between_shedding_and_deferring() {
    assertThat(BackpressurePolicy.decide(2001, DLQ)).isEqualTo(Backpressure.SHED_DLQ);
    assertThat(BackpressurePolicy.decide(2001, DEFER)).isEqualTo(Backpressure.DEFER);
    assertThat(DEFER.deferMode()).isTrue();
  }

  @Test
  void an_unknown_mode_above_the_shed_threshold_is_reported_and_consumption_goes_on() {
    assertThat(BackpressurePolicy.decide(5000, new BackpressureSettings(1, 2, "drop", 0)))
        .isEqualTo(Backpressure.UNKNOWN_MODE);
  }

  @Test
  void a_missing_mode_means_dlq_and_a_negative_sleep_means_none() {
    BackpressureSettings s = new BackpressureSettings(1, 2, null, -5);
    assertThat(s.mode()).isEqualTo("dlq");
    assertThat(s.deferSleepMs()).isZero();
  }

  @Test
  void the_shedding_reason_names_depth_and_threshold() {
    assertThat(BackpressurePolicy.sheddingReason(2500, 2000))
        .isEqualTo("queue_depth_exceeded:2500>2000");
  }
}
