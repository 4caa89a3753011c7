package io.mutt.pipeline.delivery;

import io.mutt.pipeline.backoff.Backoff;
import io.mutt.pipeline.moog.DeliveryOutcome;
import java.util.random.RandomGenerator;

/**
 * The Forwarder's retry budget (ADR 0004): a retryable failure waits {@code
 * full-jitter(MOOG_RETRY_BASE_DELAY·2^n, MOOG_RETRY_MAX_DELAY)} — or the server's {@code
 * Retry-After}, capped at the maximum delay — and counts {@code _moog_retry_count = n+1}; once that
 * count would exceed {@code MOOG_MAX_RETRIES} the alert is dead-lettered at once instead of waiting
 * for a last pointless pop. With the defaults an alert is attempted 6 times, as in the original.
 */
public final class RetryPolicy {

  private final int maxRetries;
  private final long baseMs;
  private final long maxMs;
  private final RandomGenerator rnd;

  /**
   * @param maxRetries {@code MOOG_MAX_RETRIES} (≥ 0)
   * @param baseMs {@code MOOG_RETRY_BASE_DELAY} in ms
   * @param maxMs {@code MOOG_RETRY_MAX_DELAY} in ms
   */
  public RetryPolicy(int maxRetries, long baseMs, long maxMs, RandomGenerator rnd) {
    if (maxRetries < 0 || baseMs < 0 || maxMs < baseMs) {
      throw new IllegalArgumentException(
          "invalid retry settings: max_retries="
              + maxRetries
              + " base_ms="
              + baseMs
              + " max_ms="
              + maxMs);
    }
    this.maxRetries = maxRetries;
    this.baseMs = baseMs;
    this.maxMs = maxMs;
    this.rnd = rnd;
  }

  /** Step 2: an alert popped with a count above the budget is dead-lettered without a send. */
  public boolean exhausted(int retryCount) {
    return retryCount > maxRetries;
  }

  /**
   * @param retryCount the alert's {@code _moog_retry_count} before this attempt
   * @param outcome the classified result of the attempt
   * @param retryAfterMs the server's {@code Retry-After} in ms, or a negative value when absent
   */
  public Disposition after(int retryCount, DeliveryOutcome outcome, long retryAfterMs) {
    switch (outcome) {
      case SUCCESS:
        return Disposition.delivered(retryCount);
      case NON_RETRYABLE:
        return Disposition.deadLetter(retryCount, Disposition.NON_RETRYABLE);
      default:
        int next = retryCount + 1;
        if (next > maxRetries) {
          return Disposition.deadLetter(next, Disposition.RETRY_EXHAUSTED);
        }
        return Disposition.retry(next, delayMs(retryCount, retryAfterMs));
    }
  }

  /**
   * Full jitter over the capped exponential, or the server's wish (capped, spread by up to +20 %).
   */
  long delayMs(int attempt, long retryAfterMs) {
    if (retryAfterMs >= 0) {
      long wish = Math.min(retryAfterMs, maxMs);
      return wish + (wish == 0 ? 0 : rnd.nextLong(wish / 5 + 1));
    }
    return Backoff.fullJitterMs(baseMs, maxMs, attempt, rnd);
  }

  public int maxRetries() {
    return maxRetries;
  }
}
