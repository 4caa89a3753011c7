package io.mutt.pipeline.backoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mutt.pipeline.testing.Seeded;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class BackoffTest {

  @Test
  void full_jitter_stays_between_zero_and_the_capped_exponential() {
    Seeded.cases(
        500,
        random -> {
          long baseMs = Seeded.longBetween(random, 0, 1_000_000);
          long maxMs = Seeded.longBetween(random, 0, 10_000_000);
          int attempt = Seeded.intBetween(random, 0, 200);
          long delay =
              Backoff.fullJitterMs(
                  baseMs, maxMs, attempt, new SplittableRandom(Seeded.anyLong(random)));

          double exponential = baseMs * Math.pow(2, attempt);
          assertThat(delay)
              .as("base %d, max %d, attempt %d", baseMs, maxMs, attempt)
              .isBetween(0L, (long) Math.min(maxMs, exponential));
        });
  }

  @Test
  void huge_inputs_saturate_instead_of_overflowing() {
    Seeded.cases(
        200,
        random -> {
          int attempt = Seeded.intBetween(random, 0, 1000);
          long delay =
              Backoff.fullJitterMs(
                  Long.MAX_VALUE / 3,
                  Long.MAX_VALUE,
                  attempt,
                  new SplittableRandom(Seeded.anyLong(random)));

          assertThat(delay).as("attempt %d", attempt).isNotNegative();
        });
  }

  @Test
  void the_ceiling_doubles_per_attempt_up_to_the_maximum() {
    assertThat(Backoff.cappedExponential(1000, 60_000, 0)).isEqualTo(1000);
    assertThat(Backoff.cappedExponential(1000, 60_000, 5)).isEqualTo(32_000);
    assertThat(Backoff.cappedExponential(1000, 60_000, 6)).isEqualTo(60_000);
    assertThat(Backoff.cappedExponential(1000, 60_000, 63)).isEqualTo(60_000);
    assertThat(Backoff.cappedExponential(3, Long.MAX_VALUE, 62)).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void full_jitter_reaches_both_ends_of_its_range() {
    RandomGenerator rnd = new SplittableRandom(42);
    boolean sawZero = false;
    boolean sawCeiling = false;
    for (int i = 0; i < 2000; i++) {
      long delay = Backoff.fullJitterMs(1, 8, 3, rnd);
      sawZero |= delay == 0;
      sawCeiling |= delay == 8;
    }
    assertThat(sawZero).isTrue();
    assertThat(sawCeiling).isTrue();
  }

  @Test
  void jitter_moves_a_delay_by_at_most_the_fraction_and_never_below_zero() {
    Seeded.cases(
        500,
        random -> {
          long delayMs = Seeded.longBetween(random, 0, 10_000_000);
          double fraction = Seeded.doubleBetween(random, 0, 3);
          long jittered =
              Backoff.jittered(delayMs, fraction, new SplittableRandom(Seeded.anyLong(random)));

          double spread = delayMs * fraction;
          assertThat(jittered)
              .as("delay %d, fraction %s", delayMs, fraction)
              .isNotNegative()
              .isBetween((long) Math.floor(delayMs - spread), (long) Math.ceil(delayMs + spread));
        });
  }

  @Test
  void zero_fraction_means_no_jitter() {
    assertThat(Backoff.jittered(250, 0, new SplittableRandom(1))).isEqualTo(250);
  }

  @Test
  void negative_or_invalid_inputs_are_refused() {
    RandomGenerator rnd = new SplittableRandom(1);
    assertThatThrownBy(() -> Backoff.fullJitterMs(-1, 10, 0, rnd))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Backoff.fullJitterMs(1, 10, -1, rnd))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Backoff.jittered(-5, 0.1, rnd))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Backoff.jittered(5, Double.NaN, rnd))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Backoff.jittered(5, -0.1, rnd))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
