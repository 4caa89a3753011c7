package io.mutt.pipeline.alerting;

/**
 * When an event has failed often enough to be dead-lettered: an event gets {@code
 * ALERTER_MAX_RETRIES + 1} processing attempts. Attempts are counted by the durable queue's
 * delivery count (a redelivery after a failure or a crash is a retry) and, for events pushed back
 * by older tools, by the {@code _retry_count} field; the larger of the two wins.
 */
public final class PoisonPolicy {

  private final int maxRetries;

  public PoisonPolicy(int maxRetries) {
    if (maxRetries < 0) {
      throw new IllegalArgumentException("ALERTER_MAX_RETRIES must be >= 0, was " + maxRetries);
    }
    this.maxRetries = maxRetries;
  }

  public int maxRetries() {
    return maxRetries;
  }

  /**
   * Retries already spent before this attempt.
   *
   * @param deliveries the queue's delivery count, this delivery included (1 = first attempt)
   * @param retryCountField the event's {@code _retry_count} (absent, null or not an integer = 0)
   */
  public int retries(long deliveries, Object retryCountField) {
    long fromQueue = Math.max(0, deliveries - 1);
    long fromField = 0;
    if (retryCountField instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
      fromField = Math.max(0, n.longValue());
    } else if (retryCountField instanceof String s) {
      try {
        fromField = Math.max(0, Long.parseLong(s.trim()));
      } catch (NumberFormatException e) {
        fromField = 0;
      }
    }
    return (int) Math.min(Integer.MAX_VALUE, Math.max(fromQueue, fromField));
  }

  /** True when the retries are spent: more than {@code ALERTER_MAX_RETRIES}. */
  public boolean exhausted(int retries) {
    return retries > maxRetries;
  }
}
