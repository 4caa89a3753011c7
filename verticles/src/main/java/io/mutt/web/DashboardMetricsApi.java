package io.mutt.web;

import io.micrometer.core.instrument.Timer;
import io.mutt.contract.CounterKeys;
import io.mutt.redis.RedisScan;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.redis.client.Redis;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Dashboard metrics (docs/reference/http-api.md): the latest 60 existing minute buckets of the
 * ingest counters (SCAN, MGET) give the current, 15-minute and 1-hour events per minute; the last
 * 24 hour buckets give the chart. Cached in process for METRICS_CACHE_TTL seconds; Redis failures
 * answer 503.
 */
public final class DashboardMetricsApi {

  private static final DateTimeFormatter HOUR_LABEL = DateTimeFormatter.ofPattern("HH:00");

  private final Redis redis;
  private final CounterKeys counters;
  private final long ttlMs;
  private final WebMetrics metrics;
  private JsonObject cached;
  private long cachedAt;

  public DashboardMetricsApi(
      Redis redis, CounterKeys counters, long ttlSeconds, WebMetrics metrics) {
    this.redis = redis;
    this.counters = counters;
    this.ttlMs = ttlSeconds * 1000;
    this.metrics = metrics;
  }

  public void mount(Router r, String base) {
    r.get(base + "/metrics").handler(this::handle);
  }

  private void handle(RoutingContext ctx) {
    Timer.Sample sample = Timer.start();
    long now = System.currentTimeMillis();
    if (cached != null && now - cachedAt < ttlMs) {
      metrics.request("metrics", "success_cached").increment();
      sample.stop(metrics.latency("metrics"));
      Http.ok(ctx, 200, cached);
      return;
    }
    compute()
        .onSuccess(
            body -> {
              cached = body;
              cachedAt = now;
              metrics.request("metrics", "success").increment();
              sample.stop(metrics.latency("metrics"));
              Http.ok(ctx, 200, body);
            })
        .onFailure(
            err -> {
              sample.stop(metrics.latency("metrics"));
              boolean redisDown =
                  !(err instanceof ClassCastException || err instanceof NullPointerException);
              metrics.request("metrics", redisDown ? "fail_redis" : "fail_unknown").increment();
              Http.fail(ctx, redisDown ? ApiError.unavailable("Redis connection failed") : err);
            });
  }

  Future<JsonObject> compute() {
    Timer.Sample scan = Timer.start();
    return RedisScan.keys(redis, counters.minutePattern())
        .compose(
            names -> {
              scan.stop(metrics.redisScan);
              List<String> latest = new ArrayList<>(names);
              latest.sort(Comparator.reverseOrder());
              List<String> taken = latest.subList(0, Math.min(60, latest.size()));
              ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
              List<String> hours = new ArrayList<>();
              List<String> labels = new ArrayList<>();
              for (int i = 23; i >= 0; i--) {
                ZonedDateTime h = now.minusHours(i);
                hours.add(counters.hour(h.toInstant()));
                labels.add(HOUR_LABEL.format(h));
              }
              return Future.all(RedisScan.mget(redis, taken), RedisScan.mget(redis, hours))
                  .map(
                      all -> {
                        List<Long> minutes = all.resultAt(0);
                        List<Long> perHour = all.resultAt(1);
                        JsonObject summary =
                            new JsonObject()
                                .put(
                                    "current_rate_1m",
                                    round2(minutes.isEmpty() ? 0 : minutes.get(0)))
                                .put(
                                    "avg_rate_15m",
                                    round2(mean(minutes.subList(0, Math.min(15, minutes.size())))))
                                .put("avg_rate_1h", round2(mean(minutes)));
                        JsonArray data = new JsonArray();
                        perHour.forEach(v -> data.add(round2(v / 60.0)));
                        return new JsonObject()
                            .put("summary", summary)
                            .put(
                                "chart_24h",
                                new JsonObject()
                                    .put("labels", new JsonArray(labels))
                                    .put("data", data));
                      });
            });
  }

  private static double mean(List<Long> values) {
    return values.isEmpty()
        ? 0.0
        : values.stream().mapToLong(Long::longValue).sum() / (double) values.size();
  }

  static double round2(double v) {
    return BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_EVEN).doubleValue();
  }
}
