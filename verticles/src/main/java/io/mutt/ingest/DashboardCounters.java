package io.mutt.ingest;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The names of the minute / hour / day counters of accepted events the dashboard reads (SPEC 4.3
 * step 6, REDIS_KEYS 5): {@code <prefix>:1m:<YYYY-MM-DDTHH:MM>} (TTL 7200 s), {@code
 * :1h:<YYYY-MM-DDTHH>} (172800 s), {@code :24h:<YYYY-MM-DD>} (2592000 s), UTC. The append scripts
 * increment them and set the TTL when the increment created the key. Names are cached per minute;
 * one instance per event loop (not thread-safe).
 */
final class DashboardCounters {

  static final long[] TTL_SECONDS = {7200, 172800, 2592000};
  private static final DateTimeFormatter MINUTE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter HOUR =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

  private final String prefix;
  private long cachedMinute = Long.MIN_VALUE;
  private String[] cached;

  DashboardCounters(String prefix) {
    this.prefix = prefix;
  }

  /** The three counter keys for the current UTC minute. */
  String[] keysNow() {
    long now = System.currentTimeMillis();
    long minute = now / 60_000;
    if (minute != cachedMinute) {
      Instant i = Instant.ofEpochMilli(now);
      cached =
          new String[] {
            prefix + ":1m:" + MINUTE.format(i),
            prefix + ":1h:" + HOUR.format(i),
            prefix + ":24h:" + DAY.format(i)
          };
      cachedMinute = minute;
    }
    return cached;
  }
}
