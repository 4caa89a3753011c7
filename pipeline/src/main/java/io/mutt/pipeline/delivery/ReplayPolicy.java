package io.mutt.pipeline.delivery;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remediation's poison rule (ADR 0004): what happens to one DLQ entry when Moogsoft is healthy.
 *
 * <ul>
 *   <li>Alerter DLQ (replayed to the ingest stream): poison iff {@code _moog_retry_count ≥ max} or
 *       {@code _replay_count ≥ max}; otherwise {@code _replay_count += 1} and {@code _retry_count =
 *       0}. An entry that is not a JSON object is replayed unchanged (the alerter discards it).
 *   <li>Moog DLQ (replayed to the alert stream, with its own counter, so that its retries and the
 *       alerter DLQ's do not mix): poison iff {@code _replay_count ≥ max}; otherwise {@code
 *       _replay_count += 1}, a fresh retry budget ({@code _moog_retry_count = 0}) and the previous
 *       failure fields removed. Counting {@code _moog_retry_count} here would send every
 *       retry-exhausted alert straight to the dead list, the opposite of healing. A non-object
 *       entry is poison.
 * </ul>
 *
 * Poison entries go to {@code mutt:dlq:dead} unchanged.
 */
public final class ReplayPolicy {

  /** Which DLQ an entry comes from. */
  public enum Source {
    ALERTER,
    MOOG
  }

  /**
   * @param poison true → move the exact entry to the dead list
   * @param replayed the entry to replay (a changed copy), or null to replay the exact original text
   */
  public record Decision(boolean poison, Map<String, Object> replayed) {}

  static final String REPLAY_COUNT = "_replay_count";
  static final String MOOG_RETRY_COUNT = "_moog_retry_count";
  static final String RETRY_COUNT = "_retry_count";

  private ReplayPolicy() {}

  /**
   * @param entry the parsed entry, or null when it is not a JSON object
   * @param maxPoison {@code max_poison_retries} (dynamic, default {@code MAX_POISON_RETRIES} 3)
   */
  public static Decision decide(Source source, Map<String, Object> entry, int maxPoison) {
    if (entry == null) {
      return source == Source.ALERTER ? new Decision(false, null) : new Decision(true, null);
    }
    int replays = count(entry.get(REPLAY_COUNT));
    boolean poison =
        replays >= maxPoison
            || (source == Source.ALERTER && count(entry.get(MOOG_RETRY_COUNT)) >= maxPoison);
    if (poison) {
      return new Decision(true, null);
    }
    Map<String, Object> copy = new LinkedHashMap<>(entry);
    copy.put(REPLAY_COUNT, replays + 1);
    if (source == Source.ALERTER) {
      copy.put(RETRY_COUNT, 0);
    } else {
      copy.put(MOOG_RETRY_COUNT, 0);
      copy.remove("failed_at");
      copy.remove("dlq_reason");
      copy.remove("last_status");
      copy.remove("last_error");
    }
    return new Decision(false, copy);
  }

  /** A counter field: integers (or integral numbers / numeric text) count, anything else is 0. */
  static int count(Object v) {
    if (v instanceof Number n) {
      double d = n.doubleValue();
      return d == Math.rint(d) && d > 0 ? (int) Math.min(d, Integer.MAX_VALUE) : 0;
    }
    if (v instanceof String s) {
      try {
        return Math.max(0, Integer.parseInt(s.trim()));
      } catch (NumberFormatException e) {
        return 0;
      }
    }
    return 0;
  }
}
