package io.mutt.web.slo;

import io.mutt.pipeline.slo.SloCatalogue;
import io.mutt.pipeline.slo.SloDefinition;
import io.mutt.pipeline.slo.SloEvaluator;
import io.mutt.pipeline.slo.SloResult;
import io.mutt.pipeline.slo.SloSettings;
import io.mutt.runtime.DynamicConfig;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The SLO report: every catalogue entry from Prometheus when it answers, else from {@link
 * LocalSource}; the response says which in {@code source}. When Prometheus did not answer any query
 * it is not asked again for {@code downBackoffMs}, so the dashboard's SLO panel stays fast.
 */
public final class SloService {

  private final PrometheusSource prometheus;
  private final LocalSource local;
  private final DynamicConfig dynamic;
  private final long downBackoffMs;
  private volatile long prometheusDownUntil;
  private volatile JsonObject last;
  private volatile long lastAt;

  public SloService(
      PrometheusSource prometheus, LocalSource local, DynamicConfig dynamic, long downBackoffMs) {
    this.prometheus = prometheus;
    this.local = local;
    this.dynamic = dynamic;
    this.downBackoffMs = downBackoffMs;
  }

  public Future<JsonObject> report() {
    SloSettings settings = new SloSettings(dynamic::get);
    List<SloDefinition> all = SloCatalogue.ALL;
    Future<Source> values =
        System.currentTimeMillis() < prometheusDownUntil
            ? fromLocal(settings, all)
            : fromPrometheus(settings, all)
                .compose(s -> s == null ? fromLocal(settings, all) : Future.succeededFuture(s));
    return values.map(
        src -> {
          List<SloResult> results = new ArrayList<>();
          for (SloDefinition d : all) {
            Double v = src.values.getOrDefault(d.name(), Optional.empty()).orElse(null);
            results.add(
                SloEvaluator.evaluate(
                    d,
                    settings,
                    v,
                    src.name.equals("prometheus") ? "Prometheus" : "local counters"));
          }
          JsonArray slos = new JsonArray();
          results.forEach(r -> slos.add(new JsonObject(r.toMap())));
          JsonObject body =
              new JsonObject()
                  .put("timestamp", Instant.now().toString())
                  .put("window_hours", settings.globalWindowHours())
                  .put("source", src.name)
                  .put("components", new JsonObject(SloEvaluator.components(results)))
                  .put("slos", slos);
          last = body;
          lastAt = System.currentTimeMillis();
          return body;
        });
  }

  /** The last report if younger than {@code maxAgeMs}, else a new one. */
  public Future<JsonObject> recent(long maxAgeMs) {
    JsonObject l = last;
    return l != null && System.currentTimeMillis() - lastAt < maxAgeMs
        ? Future.succeededFuture(l)
        : report();
  }

  private record Source(String name, Map<String, Optional<Double>> values) {}

  private Future<Source> fromPrometheus(SloSettings settings, List<SloDefinition> all) {
    List<Future<Optional<Double>>> queries = new ArrayList<>();
    for (SloDefinition d : all) {
      queries.add(prometheus.query(d.query(settings.windowHours(d))));
    }
    return Future.join(queries)
        .transform(
            ar -> {
              Map<String, Optional<Double>> values = new LinkedHashMap<>();
              boolean anyAnswered = false;
              for (int i = 0; i < all.size(); i++) {
                Future<Optional<Double>> q = queries.get(i);
                anyAnswered |= q.succeeded();
                values.put(all.get(i).name(), q.succeeded() ? q.result() : Optional.empty());
              }
              if (!anyAnswered) {
                prometheusDownUntil = System.currentTimeMillis() + downBackoffMs;
                return Future.succeededFuture(null);
              }
              return Future.succeededFuture(new Source("prometheus", values));
            });
  }

  private Future<Source> fromLocal(SloSettings settings, List<SloDefinition> all) {
    Map<String, Integer> windows = new HashMap<>();
    all.forEach(d -> windows.put(d.name(), settings.windowHours(d)));
    return local.values(all, windows).map(v -> new Source("local", v));
  }
}
