package io.mutt.pipeline.delivery;

/**
 * Local bookkeeping of a leadership lease held in Redis (ADR 0004): the holder renews every third
 * of the lease and acts only while its last confirmation is younger than the lease minus a safety
 * margin, so that by the time the key can expire and another node can win it, the old holder has
 * already stopped acting on it.
 */
public final class LeaderLease {

  private final long leaseMs;
  private final long marginMs;
  private long confirmedAtMs = Long.MIN_VALUE;

  /**
   * @param leaseMs lease length (PX of the Redis key), at least 300 ms
   */
  public LeaderLease(long leaseMs) {
    if (leaseMs < 300) {
      throw new IllegalArgumentException("lease must be at least 300 ms, got " + leaseMs);
    }
    this.leaseMs = leaseMs;
    this.marginMs = Math.max(100, leaseMs / 5);
  }

  /** How often to renew (or, as a follower, to try to acquire). */
  public long renewEveryMs() {
    return Math.max(100, leaseMs / 3);
  }

  public long leaseMs() {
    return leaseMs;
  }

  /**
   * Records a successful acquire or renew. {@code sentAtMs} is when the command was <em>sent</em>:
   * the key's expiry counts from some moment after it, so counting from the send errs on the safe
   * side.
   */
  public void confirmed(long sentAtMs) {
    confirmedAtMs = sentAtMs;
  }

  /** Records that the lease is gone (renew refused, released, or error). */
  public void lost() {
    confirmedAtMs = Long.MIN_VALUE;
  }

  /** Whether this node may act as leader at {@code nowMs}. */
  public boolean valid(long nowMs) {
    return confirmedAtMs != Long.MIN_VALUE && nowMs - confirmedAtMs < leaseMs - marginMs;
  }
}
