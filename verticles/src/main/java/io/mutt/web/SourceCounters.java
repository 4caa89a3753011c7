package io.mutt.web;

import io.mutt.contract.CounterKeys;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.ZonedDateTime;

/**
 * The dashboard's events per source ({@link CounterKeys#SOURCES}: HTTP, syslog, SNMP traps),
 * cluster-wide from the per-source counters every append increments: events per second over the
 * last 60 s (the current minute so far plus the share of the previous minute still inside the
 * window, as the storm panel does), events today (UTC) and events in total.
 */
final class SourceCounters {

  /** Keys read per source: this minute, the previous minute, today, total. */
  private static final int PER_SOURCE = 4;

  private SourceCounters() {}

  /** One MGET of every source's counters, in {@link CounterKeys#SOURCES} order. */
  static Request read(CounterKeys keys, ZonedDateTime now) {
    Request mget = Request.cmd(Command.MGET);
    for (String source : CounterKeys.SOURCES) {
      mget.arg(keys.sourceMinute(source, now.toInstant()))
          .arg(keys.sourceMinute(source, now.minusMinutes(1).toInstant()))
          .arg(keys.sourceDay(source, now.toInstant()))
          .arg(keys.sourceTotal(source));
    }
    return mget;
  }

  /** {@code {source: {per_s, today, total}}} from the reply of {@link #read}. */
  static JsonObject of(ZonedDateTime now, Response values) {
    JsonObject out = new JsonObject();
    for (int i = 0; i < CounterKeys.SOURCES.size(); i++) {
      int at = i * PER_SOURCE;
      long[] minutes = {number(values, at), number(values, at + 1)};
      out.put(
          CounterKeys.SOURCES.get(i),
          new JsonObject()
              .put("per_s", DashboardMetricsApi.round2(StormPanel.lastMinute(now, minutes) / 60.0))
              .put("today", number(values, at + 2))
              .put("total", number(values, at + 3)));
    }
    return out;
  }

  private static long number(Response values, int i) {
    Response r = values == null || i >= values.size() ? null : values.get(i);
    if (r == null) {
      return 0;
    }
    try {
      return Long.parseLong(r.toString().trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
