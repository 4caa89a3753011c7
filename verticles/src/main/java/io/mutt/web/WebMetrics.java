package io.mutt.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.mutt.metrics.CounterFamily;
import io.mutt.metrics.Meters;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The web metrics (docs/reference/metrics.md): {@code
 * mutt_webui_api_requests_total{endpoint,status}}, {@code
 * mutt_webui_api_latency_seconds{endpoint}}, {@code mutt_webui_redis_scan_latency_seconds}, {@code
 * mutt_webui_db_query_latency_ms{operation}}; built once where the role is wired.
 */
public final class WebMetrics {

  private static final Duration[] API_BUCKETS = {
    Duration.ofMillis(10),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofMillis(2500)
  };
  private final MeterRegistry registry;
  private final CounterFamily requests;
  private final Map<String, Timer> latency = new ConcurrentHashMap<>();
  private final Map<String, DistributionSummary> dbLatency = new ConcurrentHashMap<>();
  public final Timer redisScan;

  public WebMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.requests =
        new CounterFamily(
            registry,
            "mutt.webui.api.requests",
            "web API requests by endpoint and outcome",
            "endpoint",
            "status");
    this.redisScan =
        Meters.timer(
            registry,
            "mutt.webui.redis.scan.latency",
            "SCAN of the dashboard counters",
            Meters.DEFAULT_BUCKETS);
    for (String endpoint : new String[] {"metrics", "slo", "rules", "audit"}) {
      request(endpoint, "success");
      latency(endpoint);
    }
    dbQuery("get_rules");
  }

  public Counter request(String endpoint, String status) {
    return requests.get(endpoint, status);
  }

  public Timer latency(String endpoint) {
    return latency.computeIfAbsent(
        endpoint,
        k ->
            Timer.builder("mutt.webui.api.latency")
                .description("web API latency")
                .tag("endpoint", endpoint)
                .serviceLevelObjectives(API_BUCKETS)
                .register(registry));
  }

  public DistributionSummary dbQuery(String operation) {
    return dbLatency.computeIfAbsent(
        operation,
        k ->
            DistributionSummary.builder("mutt.webui.db.query.latency.ms")
                .description("web database query latency in milliseconds")
                .tag("operation", operation)
                .serviceLevelObjectives(
                    5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000)
                .register(registry));
  }
}
