package io.mutt.ingest;

import io.mutt.contract.CounterKeys;
import java.time.Instant;

/**
 * The counter keys ({@link CounterKeys}) an append increments for the current UTC minute: the
 * minute, hour and day counters of all events, then the minute, day and total counters of this
 * writer's source. Cached per minute because every append increments them. The append scripts set
 * the TTL ({@link #TTL_SECONDS}, 0 = none). One instance per event loop (not thread-safe).
 */
final class DashboardCounters {

  /** The expiry of each key of {@link #keysNow()}, in the same order (0 = none). */
  static final long[] TTL_SECONDS = {
    CounterKeys.TTL_SECONDS[0],
    CounterKeys.TTL_SECONDS[1],
    CounterKeys.TTL_SECONDS[2],
    CounterKeys.SOURCE_TTL_SECONDS[0],
    CounterKeys.SOURCE_TTL_SECONDS[1],
    CounterKeys.SOURCE_TTL_SECONDS[2]
  };

  private final CounterKeys keys;
  private final String source;
  private long cachedMinute = Long.MIN_VALUE;
  private String[] cached;

  DashboardCounters(CounterKeys keys, String source) {
    this.keys = keys;
    this.source = source;
  }

  /** The counter keys for the current UTC minute, in the order of {@link #TTL_SECONDS}. */
  String[] keysNow() {
    long now = System.currentTimeMillis();
    long minute = now / 60_000;
    if (minute != cachedMinute) {
      Instant i = Instant.ofEpochMilli(now);
      cached =
          new String[] {
            keys.minute(i),
            keys.hour(i),
            keys.day(i),
            keys.sourceMinute(source, i),
            keys.sourceDay(source, i),
            keys.sourceTotal(source)
          };
      cachedMinute = minute;
    }
    return cached;
  }
}
