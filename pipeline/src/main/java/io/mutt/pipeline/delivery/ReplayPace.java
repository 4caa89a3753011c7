package io.mutt.pipeline.delivery;

/**
 * How fast remediation moves DLQ entries back into their stream (ADR 0018): a fraction of
 * Moogsoft's shared rate limit, so a DLQ of N alerts drains in about N / (fraction x limit /
 * period) seconds and the rest of the limit stays with live traffic. One round moves up to a batch
 * per DLQ; the next round starts {@link #roundMs} after it, so the long-run replay rate is the pace
 * whatever the batch size.
 *
 * @param fraction share of the limit given to replays, in (0, 1]
 * @param limit Moogsoft's rate limit (alerts per period), at least 1
 * @param periodSeconds the limit's period, positive
 */
public record ReplayPace(double fraction, long limit, double periodSeconds) {

  public ReplayPace {
    if (!(fraction > 0) || fraction > 1) {
      throw new IllegalArgumentException("fraction must be in (0, 1], got " + fraction);
    }
    if (limit < 1 || !(periodSeconds > 0)) {
      throw new IllegalArgumentException("limit must be >= 1 and period > 0");
    }
  }

  /** Entries per second replayed across all DLQs. */
  public double perSecond() {
    return fraction * limit / periodSeconds;
  }

  /** Milliseconds from the start of a round that moved {@code moved} entries to the next one. */
  public long roundMs(long moved) {
    return moved <= 0 ? 0 : (long) Math.ceil(moved * 1000.0 / perSecond());
  }

  /**
   * Seconds until a DLQ of {@code depth} is empty at {@code ratePerSecond}: 0 when it is empty, -1
   * when it is not being drained (rate 0).
   */
  public static double drainSeconds(long depth, double ratePerSecond) {
    if (depth <= 0) {
      return 0;
    }
    return ratePerSecond > 0 ? depth / ratePerSecond : -1;
  }
}
