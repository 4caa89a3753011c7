package io.mutt.pipeline.backoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class BackoffTest {

  @Property(tries = 500)
  void full_jitter_stays_between_zero_and_the_capped_exponential(
      @ForAll @LongRange(min = 0, max = 1_000_000) long baseMs,
      @ForAll @LongRange(min = 0, max = 10_000_000) long maxMs,
      @ForAll @IntRange(min = 0, max = 200) int attempt,
      @ForAll long seed) {
    long delay = Backoff.fullJitterMs(baseMs, maxMs, attempt, new SplittableRandom(seed));

    double exponential = baseMs * Math.pow(2, attempt);
    assertThat(delay).isBetween(0L, (long) Math.min(maxMs, exponential));
  }

  @Property(tries = 200)
  void huge_inputs_saturate_instead_of_overflowing(
      @ForAll @IntRange(min = 0, max = 1000) int attempt, @ForAll long seed) {
    long delay =
        Backoff.fullJitterMs(
            Long.MAX_VALUE / 3, Long.MAX_VALUE, attempt, new SplittableRandom(seed));

    assertThat(delay).isNotNegative();
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

  @Property(tries = 500)
  void jitter_moves_a_delay_by_at_most_the_fraction_and_never_below_zero(
      @ForAll @LongRange(min = 0, max = 10_000_000) long delayMs,
      @ForAll @DoubleRange(min = 0, max = 3) double fraction,
      @ForAll long seed) {
    long jittered = Backoff.jittered(delayMs, fraction, new SplittableRandom(seed));

    double spread = delayMs * fraction;
    assertThat(jittered)
        .isNotNegative()
        .isBetween((long) Math.floor(delayMs - spread), (long) Math.ceil(delayMs + spread));
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
