package io.mutt.ingest;

import io.mutt.contract.CounterKeys;
import java.time.Instant;

/**
 * The minute / hour / day counter keys ({@link CounterKeys}) for the current UTC minute, cached per
 * minute because every append increments them. The append scripts set the TTL when the increment
 * created the key. One instance per event loop (not thread-safe).
 */
final class DashboardCounters {

  static final long[] TTL_SECONDS = CounterKeys.TTL_SECONDS;

  private final CounterKeys keys;
  private long cachedMinute = Long.MIN_VALUE;
  private String[] cached;

  DashboardCounters(CounterKeys keys) {
    this.keys = keys;
  }

  /** The three counter keys for the current UTC minute. */
  String[] keysNow() {
    long now = System.currentTimeMillis();
    long minute = now / 60_000;
    if (minute != cachedMinute) {
      Instant i = Instant.ofEpochMilli(now);
      cached = new String[] {keys.minute(i), keys.hour(i), keys.day(i)};
      cachedMinute = minute;
    }
    return cached;
  }
}
