package io.mutt.pipeline.backoff;

import java.util.random.RandomGenerator;

/**
 * Retry delays with jitter, so that workers retrying after a shared outage spread out instead of
 * arriving together.
 */
public final class Backoff {

  private Backoff() {}

  /**
   * "Full jitter": uniform in {@code [0, min(maxMs, baseMs·2^attempt)]}, both ends included. The
   * exponential never overflows: it saturates at {@code maxMs}.
   *
   * @param attempt 0 for the first retry
   * @throws IllegalArgumentException for a negative base, max or attempt
   */
  public static long fullJitterMs(long baseMs, long maxMs, int attempt, RandomGenerator rnd) {
    if (baseMs < 0 || maxMs < 0 || attempt < 0) {
      throw new IllegalArgumentException(
          "negative backoff input: base=" + baseMs + " max=" + maxMs + " attempt=" + attempt);
    }
    long ceiling = cappedExponential(baseMs, maxMs, attempt);
    return ceiling == Long.MAX_VALUE ? rnd.nextLong() >>> 1 : rnd.nextLong(ceiling + 1);
  }

  /**
   * {@code delayMs} moved up or down by up to {@code fraction·delayMs}, uniformly, and never below
   * 0; e.g. {@code jittered(250, 0.2, rnd)} is in [200, 300].
   *
   * @throws IllegalArgumentException for a negative delay or a negative or non-finite fraction
   */
  public static long jittered(long delayMs, double fraction, RandomGenerator rnd) {
    if (delayMs < 0 || !(fraction >= 0) || Double.isInfinite(fraction)) {
      throw new IllegalArgumentException(
          "invalid jitter input: delay=" + delayMs + " fraction=" + fraction);
    }
    double spread = delayMs * fraction;
    double offset = (rnd.nextDouble() * 2 - 1) * spread;
    return Math.max(0, Math.round(delayMs + offset));
  }

  /** {@code min(max, base·2^attempt)} without overflow. */
  static long cappedExponential(long baseMs, long maxMs, int attempt) {
    if (baseMs == 0) {
      return 0;
    }
    if (attempt >= Long.SIZE - 1 || baseMs > (maxMs >> attempt)) {
      return maxMs;
    }
    return Math.min(maxMs, baseMs << attempt);
  }
}
