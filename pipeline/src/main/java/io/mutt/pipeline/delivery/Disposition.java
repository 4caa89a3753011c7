package io.mutt.pipeline.delivery;

/**
 * What the Forwarder does with one alert after an attempt.
 *
 * @param kind delivered, retry later, or dead-letter now
 * @param retryCount the {@code _moog_retry_count} the alert carries afterwards
 * @param delayMs for {@link Kind#RETRY}: how long the alert waits before it is queued again
 * @param reason for {@link Kind#DEAD_LETTER}: the {@code dlq_reason}; otherwise empty
 */
public record Disposition(Kind kind, int retryCount, long delayMs, String reason) {

  /** The three ends of an attempt. */
  public enum Kind {
    DELIVERED,
    RETRY,
    DEAD_LETTER
  }

  /** DLQ reason: the status says the alert itself is refused (other 4xx, 3xx). */
  public static final String NON_RETRYABLE = "non_retryable_status";

  /** DLQ reason: {@code MOOG_MAX_RETRIES} retries were spent. */
  public static final String RETRY_EXHAUSTED = "retry_exhausted";

  public static Disposition delivered(int retryCount) {
    return new Disposition(Kind.DELIVERED, retryCount, 0, "");
  }

  public static Disposition retry(int retryCount, long delayMs) {
    return new Disposition(Kind.RETRY, retryCount, delayMs, "");
  }

  public static Disposition deadLetter(int retryCount, String reason) {
    return new Disposition(Kind.DEAD_LETTER, retryCount, 0, reason);
  }
}
