package io.mutt.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.mutt.contract.CounterKeys;
import io.mutt.runtime.MuttRuntime;
import io.mutt.web.slo.SloService;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The once-per-second dashboard snapshot: events per minute (current minute, last 15 and 60
 * minutes, from the ingest minute counters), events today, stream depths (XLEN), DLQ depths (LLEN),
 * each replayed DLQ's drain estimate ({@link DrainViews}), the storm panel ({@link StormPanel}),
 * events per source ({@link SourceCounters}), circuit-breaker state, Moogsoft health and alert
 * counts where this JVM has them, and the SLO states (report at most 15 s old). One Redis round
 * trip.
 */
public final class LiveSnapshot {

  private final MuttRuntime rt;
  private final SloService slo;

  public LiveSnapshot(MuttRuntime rt, SloService slo) {
    this.rt = rt;
    this.slo = slo;
  }

  public Future<JsonObject> compute() {
    ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
    CounterKeys counterKeys = rt.keys().counters;
    Request mget = Request.cmd(Command.MGET);
    for (int i = 0; i < 60; i++) {
      mget.arg(counterKeys.minute(now.minusMinutes(i).toInstant()));
    }
    mget.arg(counterKeys.day(now.toInstant()));
    List<Request> batch =
        new ArrayList<>(
            List.of(
                mget,
                Request.cmd(Command.XLEN).arg(rt.keys().ingestQueue),
                Request.cmd(Command.XLEN).arg(rt.keys().alertQueue)));
    DlqApi.NAMES.forEach(n -> batch.add(Request.cmd(Command.LLEN).arg(rt.keys().dlq(n))));
    batch.add(Request.cmd(Command.GET).arg(rt.keys().circuitState));
    batch.add(DrainViews.read(rt.keys()));
    batch.add(Request.cmd(Command.GET).arg(rt.keys().coalescedTotal));
    batch.add(Request.cmd(Command.GET).arg(rt.keys().deferredMillis));
    batch.add(Request.cmd(Command.GET).arg(rt.keys().moogRatePermits));
    batch.add(
        Request.cmd(Command.XREVRANGE)
            .arg(rt.keys().notifyLog)
            .arg("+")
            .arg("-")
            .arg("COUNT")
            .arg(1));
    batch.add(SourceCounters.read(counterKeys, now));
    Future<JsonObject> sloStates =
        slo.recent(15_000)
            .map(
                r -> {
                  JsonObject c = r.getJsonObject("components");
                  JsonObject out = new JsonObject().put("source", r.getString("source"));
                  c.fieldNames().forEach(k -> out.put(k, c.getJsonObject(k).getString("state")));
                  return out;
                })
            .otherwise(err -> new JsonObject().put("error", "unavailable"));
    Future<Long> ingestDepth = io.mutt.queue.Streams.ingest(rt).depth();
    Future<Long> alertDepth = io.mutt.queue.Streams.alerts(rt).depth();
    return Future.all(rt.redis().batch(batch), sloStates, ingestDepth, alertDepth)
        .map(
            all -> {
              List<Response> rs = all.resultAt(0);
              long[] minutes = new long[60];
              Response counters = rs.get(0);
              for (int i = 0; i < 60; i++) {
                minutes[i] = number(counters.get(i));
              }
              Response state = rs.get(6);
              JsonObject drain = DrainViews.of(rs.get(7), rs.get(3).toLong(), rs.get(4).toLong());
              MeterRegistry reg = rt.registry();
              return new JsonObject()
                  .put("type", "snapshot")
                  .put("ts", Instant.now().toString())
                  .put(
                      "events_per_min",
                      new JsonObject()
                          .put("1m", minutes[0])
                          .put("15m", DashboardMetricsApi.round2(sum(minutes, 15) / 15.0))
                          .put("1h", DashboardMetricsApi.round2(sum(minutes, 60) / 60.0)))
                  .put("events_today", number(counters.get(60)))
                  .put(
                      "queues",
                      new JsonObject()
                          .put("ingest", ingestDepth.result())
                          .put("alerts", alertDepth.result()))
                  .put(
                      "dlq",
                      new JsonObject()
                          .put("alerter", rs.get(3).toLong())
                          .put("moog", rs.get(4).toLong())
                          .put("dead", rs.get(5).toLong()))
                  .put("dlq_drain", drain)
                  .put(
                      "storm",
                      StormPanel.of(
                          now,
                          minutes,
                          number(rs.get(8)),
                          number(rs.get(9)),
                          number(rs.get(10)),
                          ratePeriodSeconds(),
                          drain))
                  .put("circuit", state == null ? "CLOSED" : state.toString())
                  .put("notifier", lastNotification(rs.get(11)))
                  .put("sources", SourceCounters.of(now, rs.get(12)))
                  .put("moog_health", gauge(reg, "mutt.remediation.moog.health"))
                  .put("alerts_forwarded", counter(reg, "mutt.alerter.alerts.forwarded"))
                  .put("moog_delivered", counter(reg, "mutt.moog.alerts.processed", "success"))
                  .put("slo", all.<JsonObject>resultAt(1));
            });
  }

  /**
   * The newest entry of {@code mutt:notify:log}: when, subject, and {@code sent} (every channel),
   * {@code partial} or {@code failed}; null when nothing was ever sent.
   */
  static JsonObject lastNotification(Response range) {
    if (range == null || range.size() == 0) {
      return null;
    }
    Response fields = range.get(0).get(1);
    JsonObject entry = new JsonObject();
    for (int i = 0; i + 1 < fields.size(); i += 2) {
      entry.put(fields.get(i).toString(), fields.get(i + 1).toString());
    }
    JsonObject channels;
    try {
      channels = new JsonObject(entry.getString("channels", "{}"));
    } catch (RuntimeException e) {
      channels = new JsonObject();
    }
    long sent = channels.stream().filter(c -> "sent".equals(c.getValue())).count();
    String outcome = sent == channels.size() ? "sent" : sent == 0 ? "failed" : "partial";
    return new JsonObject()
        .put("at", entry.getString("at"))
        .put("subject", entry.getString("subject"))
        .put("outcome", outcome);
  }

  private double ratePeriodSeconds() {
    double period =
        rt.dynamic().getDouble("moog_rate_period", rt.config().doubleValue("MOOG_RATE_PERIOD", 1));
    return period > 0 ? period : 1;
  }

  private static long sum(long[] v, int n) {
    long s = 0;
    for (int i = 0; i < n; i++) {
      s += v[i];
    }
    return s;
  }

  private static long number(Response r) {
    if (r == null) {
      return 0;
    }
    try {
      return Long.parseLong(r.toString().trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static Double gauge(MeterRegistry reg, String name) {
    Gauge g = reg.find(name).gauge();
    return g == null ? null : g.value();
  }

  private static Long counter(MeterRegistry reg, String name, String... status) {
    var found =
        status.length == 0
            ? reg.find(name).counters()
            : reg.find(name).tag("status", status[0]).counters();
    return found.isEmpty() ? null : (long) found.stream().mapToDouble(Counter::count).sum();
  }
}
