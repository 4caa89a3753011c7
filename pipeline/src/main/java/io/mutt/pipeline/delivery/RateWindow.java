package io.mutt.pipeline.delivery;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The shared Moogsoft rate limit's window maths (ADR 0004), in plain Java. The forwarder runs the
 * same rules as one Redis script over a sorted set; this model exists to state them once, to test
 * them (including the claim that the receiver never sees more than {@code limit} arrivals in any
 * window) and to measure runs.
 *
 * <ul>
 *   <li>A permit is a member with a score. Members with score ≤ now − window have left the window.
 *   <li>{@code acquire(n)} grants min(n, limit − members) permits, each scored {@code now + holdMs}
 *       (its request may arrive at any time until its timeout), and when short says how long until
 *       the lowest score leaves.
 *   <li>{@code complete} re-scores a grant's permits with the completion time.
 * </ul>
 *
 * Why this bounds arrivals: take any {@code limit + 1} arrivals inside one window and the one
 * granted last, at g. Each other permit was granted at or before g, and at g its score was ≥ its
 * own arrival time (in flight: grant + hold ≥ arrival; completed: completion ≥ arrival) &gt; g −
 * window, because both arrivals lie in the same window and the last grant's arrival is ≥ g. So all
 * of them were still counted at g, and it could not have been granted.
 */
public final class RateWindow {

  /**
   * Permits granted and, when short, the wait in ms before the lowest-scored permit leaves the
   * window.
   */
  public record Grant(int granted, long waitMs) {}

  private final int limit;
  private final long windowMs;
  private final long holdMs;
  private final TreeMap<Long, Integer> byScore = new TreeMap<>();
  private final Map<String, long[]> members = new HashMap<>();
  private long sequence;

  /**
   * @param holdMs how long a granted permit may stay in flight (webhook timeout + margin); 0 models
   *     the original's "stamp at grant time" limiter, which bounds send starts only
   */
  public RateWindow(int limit, long windowMs, long holdMs) {
    if (limit < 1 || windowMs < 1 || holdMs < 0) {
      throw new IllegalArgumentException("limit and window must be >= 1 and hold >= 0");
    }
    this.limit = limit;
    this.windowMs = windowMs;
    this.holdMs = holdMs;
  }

  /** Grants up to {@code wanted} permits at {@code nowMs}; the permits are tagged {@code tag}. */
  public Grant acquire(String tag, int wanted, long nowMs) {
    trim(nowMs);
    int grant = Math.max(0, Math.min(wanted, limit - size()));
    long[] scores = new long[grant];
    for (int i = 0; i < grant; i++) {
      scores[i] = nowMs + holdMs;
      byScore.merge(scores[i], 1, Integer::sum);
    }
    if (grant > 0) {
      members.put(tag + ":" + (sequence++), scores);
    }
    long wait = 0;
    if (grant < wanted) {
      wait = byScore.isEmpty() ? 1 : Math.max(1, byScore.firstKey() + windowMs - nowMs);
    }
    return new Grant(grant, wait);
  }

  /**
   * Re-scores every permit acquired under {@code tag} with {@code nowMs} (their requests
   * completed).
   */
  public void complete(String tag, long nowMs) {
    members
        .entrySet()
        .removeIf(
            e -> {
              if (!e.getKey().startsWith(tag + ":")) {
                return false;
              }
              for (long s : e.getValue()) {
                Integer c = byScore.get(s);
                if (c != null) { // like ZADD XX: a permit that already left the window stays gone
                  if (c == 1) {
                    byScore.remove(s);
                  } else {
                    byScore.put(s, c - 1);
                  }
                  byScore.merge(nowMs, 1, Integer::sum);
                }
              }
              return true;
            });
  }

  private void trim(long nowMs) {
    byScore.headMap(nowMs - windowMs, true).clear();
  }

  private int size() {
    return byScore.values().stream().mapToInt(Integer::intValue).sum();
  }

  /**
   * The largest number of times inside any half-open window {@code [t, t + windowMs)}; {@code
   * sorted} ascending.
   */
  public static int maxInWindow(long[] sorted, long windowMs) {
    int best = 0;
    int j = 0;
    for (int i = 0; i < sorted.length; i++) {
      while (sorted[i] - sorted[j] >= windowMs) {
        j++;
      }
      best = Math.max(best, i - j + 1);
    }
    return best;
  }
}
