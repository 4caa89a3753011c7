package io.mutt.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The ingest metrics (docs/reference/metrics.md), built once where the role is wired and shared by
 * every ingest verticle instance. {@code mutt_ingest_requests_total{status,reason}} uses the
 * original's reasons plus, for the answers MUTT adds (ADR 0007), {@code too_large} (413), {@code
 * unsupported_media_type} (415) and {@code method_not_allowed} (405).
 */
public final class IngestMetrics {

  static final String[] FAIL_REASONS = {
    "auth",
    "json",
    "validation",
    "queue_full",
    "redis",
    "rate_limit",
    "unknown",
    "too_large",
    "unsupported_media_type",
    "method_not_allowed"
  };
  static final Duration[] BUCKETS_A = {
    Duration.ofMillis(1),
    Duration.ofMillis(5),
    Duration.ofMillis(10),
    Duration.ofMillis(25),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofMillis(2500),
    Duration.ofSeconds(5)
  };

  private final MeterRegistry registry;
  private final Map<String, Counter> requests = new ConcurrentHashMap<>();
  final Counter success;
  final Counter rateLimitHits;
  final Timer latency;
  final AtomicLong queueDepth = new AtomicLong();

  public IngestMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.rateLimitHits =
        Counter.builder("mutt.ingest.rate.limit.hits")
            .description("429 answers")
            .register(registry);
    this.latency =
        Timer.builder("mutt.ingest.latency")
            .description("ingest handler latency")
            .serviceLevelObjectives(BUCKETS_A)
            .register(registry);
    Gauge.builder("mutt.ingest.queue.depth", queueDepth, AtomicLong::get)
        .description("last ingest queue depth")
        .register(registry);
    for (String reason : FAIL_REASONS) {
      failure(reason);
    }
    this.success = request("success", "");
  }

  public AtomicLong queueDepthGauge() {
    return queueDepth;
  }

  /** {@code mutt_ingest_requests_total{status="fail",reason}}. */
  public Counter failure(String reason) {
    return request("fail", reason);
  }

  /** {@code mutt_ingest_requests_total{status,reason}}. */
  public Counter request(String status, String reason) {
    Counter c = requests.get(status + "|" + reason);
    return c != null
        ? c
        : requests.computeIfAbsent(
            status + "|" + reason,
            k ->
                Counter.builder("mutt.ingest.requests")
                    .description("ingest requests by outcome")
                    .tag("status", status)
                    .tag("reason", reason)
                    .register(registry));
  }
}
