package io.mutt.web;

import io.vertx.core.json.JsonObject;
import java.time.ZonedDateTime;

/**
 * The dashboard's storm panel, cluster-wide from Redis: events/s in (the last 60 s of the ingest
 * minute counters), alerts/s out (permits in Moogsoft's shared rate window ÷ its period), repeats
 * folded by coalescing ({@code coalescedTotal}), time the alerters spent deferring ({@code
 * deferredMillis}) and the slowest DLQ drain estimate.
 */
final class StormPanel {

  private StormPanel() {}

  /**
   * @param minutes ingest minute counters, newest (the current, partial minute) first
   * @param drain the DLQ drain views ({@link DrainViews#of})
   */
  static JsonObject of(
      ZonedDateTime now,
      long[] minutes,
      long coalesced,
      long deferredMs,
      long permitsInWindow,
      double ratePeriodSeconds,
      JsonObject drain) {
    return new JsonObject()
        .put("events_in_per_s", DashboardMetricsApi.round2(lastMinute(now, minutes) / 60.0))
        .put("alerts_out_per_s", DashboardMetricsApi.round2(permitsInWindow / ratePeriodSeconds))
        .put("coalesced_total", coalesced)
        .put("deferred_seconds_total", DashboardMetricsApi.round2(deferredMs / 1000.0))
        .put("dlq_drain_seconds", slowest(drain));
  }

  /**
   * Events in the last 60 s: the current minute so far plus the share of the previous minute that
   * still falls inside the window.
   */
  static double lastMinute(ZonedDateTime now, long[] minutes) {
    double intoMinute = now.getSecond() + now.getNano() / 1e9;
    long previous = minutes.length > 1 ? minutes[1] : 0;
    return minutes[0] + previous * (60 - intoMinute) / 60.0;
  }

  /** -1 if a DLQ is not draining, null if one is unknown, else the largest estimate (0: empty). */
  static Double slowest(JsonObject drain) {
    double worst = 0;
    for (String name : drain.fieldNames()) {
      Object v = drain.getJsonObject(name).getValue("drain_seconds");
      if (!(v instanceof Number n)) {
        return null;
      }
      if (n.doubleValue() < 0) {
        return -1.0;
      }
      worst = Math.max(worst, n.doubleValue());
    }
    return worst;
  }
}
