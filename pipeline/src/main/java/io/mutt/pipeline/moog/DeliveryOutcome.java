package io.mutt.pipeline.moog;

/**
 * How the Forwarder treats the result of one webhook exchange (as amended for MUTT): any 2xx
 * succeeds; 5xx, 408 and 429 are retried with backoff; every other status (3xx, other 4xx, 1xx)
 * goes to the Moog DLQ; a timeout or connection error is retried.
 *
 * <p>408 is retryable here although the Python original dead-lettered it (its own test expected a
 * retry): a request timeout says nothing about the alert itself, so retrying it is the safe
 * reading.
 */
public enum DeliveryOutcome {
  /** Delivered; the circuit breaker records a success. */
  SUCCESS,
  /** Re-queue with backoff; the circuit breaker records a failure. */
  RETRYABLE,
  /** Dead-letter now; the circuit breaker is not touched. */
  NON_RETRYABLE;

  /** Classifies an HTTP status code. */
  public static DeliveryOutcome classify(int status) {
    if (status >= 200 && status < 300) {
      return SUCCESS;
    }
    if (status >= 500 || status == 408 || status == 429) {
      return RETRYABLE;
    }
    return NON_RETRYABLE;
  }

  /** A timeout, connection error or other exception before a status arrived. */
  public static DeliveryOutcome transportError() {
    return RETRYABLE;
  }

  /** Whether the circuit breaker counts this outcome as a failure. */
  public boolean isBreakerFailure() {
    return this == RETRYABLE;
  }
}
