package io.mutt.contract;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The dashboard's counters of accepted events, one key per UTC minute, hour and day under {@link
 * RedisKeys#metricsPrefix}: {@code <prefix>:1m:<YYYY-MM-DDTHH:MM>} (TTL 7200 s), {@code
 * <prefix>:1h:<YYYY-MM-DDTHH>} (172800 s), {@code <prefix>:24h:<YYYY-MM-DD>} (2592000 s); and per
 * source of the events ({@link #SOURCES}) {@code <prefix>:source:<source>:1m:<minute>} (7200 s),
 * {@code <prefix>:source:<source>:24h:<day>} (2592000 s) and {@code <prefix>:source:<source>:total}
 * (no expiry). Whatever appends to the ingest stream increments them in the same transaction; the
 * web role reads them (docs/reference/redis-keys.md).
 */
public final class CounterKeys {

  /** Expiry of the minute, hour and day counters, in that order. */
  public static final long[] TTL_SECONDS = {7200, 172800, 2592000};

  /** Expiry of a source's minute, day and total counters, in that order (0 = none). */
  public static final long[] SOURCE_TTL_SECONDS = {7200, 2592000, 0};

  /** Events posted over HTTP. */
  public static final String HTTP = "http";

  /** Events read by the syslog listener (UDP, TCP, TLS). */
  public static final String SYSLOG = "syslog";

  /** Notifications read by the SNMP trap listener. */
  public static final String TRAPS = "traps";

  /** The sources the dashboard shows events per, in display order. */
  public static final List<String> SOURCES = List.of(HTTP, SYSLOG, TRAPS);

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

  /** Events from {@code source} in the UTC minute of {@code at}. */
  public String sourceMinute(String source, Instant at) {
    return prefix + ":source:" + source + ":1m:" + MINUTE.format(at);
  }

  /** Events from {@code source} on the UTC day of {@code at}. */
  public String sourceDay(String source, Instant at) {
    return prefix + ":source:" + source + ":24h:" + DAY.format(at);
  }

  /** Events from {@code source} since the counters began. */
  public String sourceTotal(String source) {
    return prefix + ":source:" + source + ":total";
  }

  /** A SCAN pattern matching every minute counter. */
  public String minutePattern() {
    return prefix + ":1m:*";
  }
}
