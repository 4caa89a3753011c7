package io.mutt.contract;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The dashboard's counters of accepted events, one key per UTC minute, hour and day under {@link
 * RedisKeys#metricsPrefix}: {@code <prefix>:1m:<YYYY-MM-DDTHH:MM>} (TTL 7200 s), {@code
 * <prefix>:1h:<YYYY-MM-DDTHH>} (172800 s), {@code <prefix>:24h:<YYYY-MM-DD>} (2592000 s). Ingest
 * increments them; the web role reads them (docs/reference/redis-keys.md).
 */
public final class CounterKeys {

  /** Expiry of the minute, hour and day counters, in that order. */
  public static final long[] TTL_SECONDS = {7200, 172800, 2592000};

  private static final DateTimeFormatter MINUTE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter HOUR =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

  private final String prefix;

  public CounterKeys(String metricsPrefix) {
    this.prefix = metricsPrefix;
  }

  public String minute(Instant at) {
    return prefix + ":1m:" + MINUTE.format(at);
  }

  public String hour(Instant at) {
    return prefix + ":1h:" + HOUR.format(at);
  }

  public String day(Instant at) {
    return prefix + ":24h:" + DAY.format(at);
  }

  /** A SCAN pattern matching every minute counter. */
  public String minutePattern() {
    return prefix + ":1m:*";
  }
}
