package io.mutt.pipeline.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mutt.pipeline.moog.DeliveryOutcome;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  final RetryPolicy policy = new RetryPolicy(5, 1000, 60_000, new SplittableRandom(7));

  @Test
  void a_success_is_delivered_with_its_count_unchanged() {
    assertThat(policy.after(2, DeliveryOutcome.SUCCESS, -1)).isEqualTo(Disposition.delivered(2));
  }

  @Test
  void a_refused_alert_is_dead_lettered_at_once_without_spending_a_retry() {
    Disposition d = policy.after(0, DeliveryOutcome.NON_RETRYABLE, -1);
    assertThat(d.kind()).isEqualTo(Disposition.Kind.DEAD_LETTER);
    assertThat(d.reason()).isEqualTo(Disposition.NON_RETRYABLE);
    assertThat(d.retryCount()).isZero();
  }

  @Test
  void retryable_failures_count_up_and_wait_within_the_full_jitter_ceiling() {
    for (int n = 0; n < 5; n++) {
      Disposition d = policy.after(n, DeliveryOutcome.RETRYABLE, -1);
      assertThat(d.kind()).isEqualTo(Disposition.Kind.RETRY);
      assertThat(d.retryCount()).isEqualTo(n + 1);
      assertThat(d.delayMs()).isBetween(0L, Math.min(60_000L, 1000L << n));
    }
  }

  @Test
  void the_sixth_failure_with_five_retries_allowed_dead_letters_as_exhausted() {
    Disposition d = policy.after(5, DeliveryOutcome.RETRYABLE, -1);
    assertThat(d.kind()).isEqualTo(Disposition.Kind.DEAD_LETTER);
    assertThat(d.reason()).isEqualTo(Disposition.RETRY_EXHAUSTED);
    assertThat(d.retryCount()).isEqualTo(6);
    assertThat(policy.exhausted(5)).isFalse();
    assertThat(policy.exhausted(6)).isTrue();
  }

  @Test
  void retry_after_is_honoured_capped_at_the_maximum_and_spread_by_at_most_a_fifth() {
    Disposition d = policy.after(0, DeliveryOutcome.RETRYABLE, 10_000);
    assertThat(d.delayMs()).isBetween(10_000L, 12_000L);
    assertThat(policy.after(0, DeliveryOutcome.RETRYABLE, 3_600_000).delayMs())
        .isBetween(60_000L, 72_000L);
    assertThat(policy.after(0, DeliveryOutcome.RETRYABLE, 0).delayMs()).isZero();
  }

  @Test
  void zero_retries_dead_letters_on_the_first_failure() {
    RetryPolicy none = new RetryPolicy(0, 1000, 1000, new SplittableRandom(1));
    assertThat(none.after(0, DeliveryOutcome.RETRYABLE, -1).reason())
        .isEqualTo(Disposition.RETRY_EXHAUSTED);
  }

  @Test
  void inconsistent_settings_are_refused() {
    assertThatThrownBy(() -> new RetryPolicy(-1, 1, 1, new SplittableRandom()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RetryPolicy(1, 10, 5, new SplittableRandom()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
