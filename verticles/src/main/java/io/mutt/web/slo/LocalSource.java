package io.mutt.web.slo;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.mutt.contract.CounterKeys;
import io.mutt.pipeline.slo.HistogramQuantile;
import io.mutt.pipeline.slo.SloDefinition;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * SLO values from MUTT's own counters when Prometheus does not answer (source {@code local}):
 * good/total pairs kept in the Redis hash {@code sloCounters} (fields {@code <slo>:good}, {@code
 * <slo>:total}; they survive restarts) when a role writes them, else the counters and histograms of
 * this process's registry (since start), and for ingest availability without local requests the
 * Redis dashboard counters of the window (accepted events, no failures known).
 */
public final class LocalSource {

  private final Redis redis;
  private final MeterRegistry registry;
  private final String sloCountersKey;
  private final CounterKeys counters;

  public LocalSource(
      Redis redis, MeterRegistry registry, String sloCountersKey, CounterKeys counters) {
    this.redis = redis;
    this.registry = registry;
    this.sloCountersKey = sloCountersKey;
    this.counters = counters;
  }

  /** Values for each SLO name (absent = no data), computed in one pass. */
  public Future<Map<String, Optional<Double>>> values(
      List<SloDefinition> slos, Map<String, Integer> windows) {
    return redis
        .send(Request.cmd(Command.HGETALL).arg(sloCountersKey))
        .compose(
            hash -> {
              Map<String, Double> stored = new HashMap<>();
              if (hash != null) {
                for (String k : hash.getKeys()) {
                  try {
                    stored.put(k, Double.parseDouble(hash.get(k).toString()));
                  } catch (NumberFormatException ignored) {
                    // a malformed field is ignored
                  }
                }
              }
              int ingestWindow = windows.getOrDefault("ingestor_availability", 24);
              return acceptedEvents(ingestWindow)
                  .map(
                      accepted -> {
                        Map<String, Optional<Double>> out = new HashMap<>();
                        for (SloDefinition d : slos) {
                          out.put(d.name(), value(d, stored, accepted));
                        }
                        return out;
                      });
            });
  }

  private Optional<Double> value(SloDefinition d, Map<String, Double> stored, long accepted) {
    Double good = stored.get(d.name() + ":good");
    Double total = stored.get(d.name() + ":total");
    if (good != null && total != null && total > 0) {
      return Optional.of(good / total);
    }
    return switch (d.name()) {
      case "ingestor_availability" -> {
        Optional<Double> r = ratio("mutt.ingest.requests", "status", "success");
        yield r.isPresent() ? r : accepted > 0 ? Optional.of(1.0) : Optional.empty();
      }
      case "forwarder_availability" -> ratio("mutt.moog.requests", "status", "success");
      case "alerter_processing_success" ->
          ratio("mutt.alerter.events.processed", "status", "handled");
      case "alerter_cache_reload_success" -> {
        double all = sum("mutt.alerter.cache.reload");
        yield all > 0
            ? Optional.of(1 - sum("mutt.alerter.cache.reload.failures") / all)
            : Optional.empty();
      }
      case "ingestor_latency_p99" -> p99("mutt.ingest.latency");
      case "forwarder_latency_p99" -> p99("mutt.moog.request.latency");
      default -> Optional.empty();
    };
  }

  private Optional<Double> ratio(String name, String tag, String goodValue) {
    double good = 0;
    double all = 0;
    for (Counter c : registry.find(name).counters()) {
      all += c.count();
      if (goodValue.equals(c.getId().getTag(tag))) {
        good += c.count();
      }
    }
    return all > 0 ? Optional.of(good / all) : Optional.empty();
  }

  private double sum(String name) {
    return registry.find(name).counters().stream().mapToDouble(Counter::count).sum();
  }

  private Optional<Double> p99(String timerName) {
    Timer t = registry.find(timerName).timer();
    if (t == null) {
      return Optional.empty();
    }
    HistogramSnapshot snap = t.takeSnapshot();
    CountAtBucket[] buckets = snap.histogramCounts();
    double[] bounds = new double[buckets.length];
    double[] counts = new double[buckets.length];
    for (int i = 0; i < buckets.length; i++) {
      bounds[i] = buckets[i].bucket(TimeUnit.SECONDS);
      counts[i] = buckets[i].count();
    }
    double q = HistogramQuantile.of(0.99, bounds, counts, snap.count());
    return Double.isNaN(q) ? Optional.empty() : Optional.of(q);
  }

  private Future<Long> acceptedEvents(int hours) {
    ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < Math.min(hours, 48); i++) {
      keys.add(counters.hour(now.minusHours(i).toInstant()));
    }
    Request mget = Request.cmd(Command.MGET);
    keys.forEach(mget::arg);
    return redis
        .send(mget)
        .map(
            resp -> {
              long sum = 0;
              for (Response v : resp) {
                if (v != null) {
                  try {
                    sum += Long.parseLong(v.toString());
                  } catch (NumberFormatException ignored) {
                    // not a counter
                  }
                }
              }
              return sum;
            });
  }
}
