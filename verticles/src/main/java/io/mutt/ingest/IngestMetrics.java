package io.mutt.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The ingest metrics of SPEC 13, registered once per registry and shared by every ingest verticle instance. */
public final class IngestMetrics {

  private static final Map<MeterRegistry, IngestMetrics> BY_REGISTRY = new ConcurrentHashMap<>();
  static final Duration[] BUCKETS_A = {Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10),
      Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
      Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5)};

  private final MeterRegistry registry;
  private final Map<String, Counter> requests = new ConcurrentHashMap<>();
  final Counter rateLimitHits;
  final Timer latency;
  final AtomicLong queueDepth = new AtomicLong();

  private IngestMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.rateLimitHits = Counter.builder("mutt.ingest.rate.limit.hits").description("429 answers").register(registry);
    this.latency = Timer.builder("mutt.ingest.latency").description("ingest handler latency")
        .serviceLevelObjectives(BUCKETS_A).register(registry);
    Gauge.builder("mutt.ingest.queue.depth", queueDepth, AtomicLong::get).description("last ingest queue depth")
        .register(registry);
    for (String reason : new String[] {"auth", "json", "validation", "queue_full", "redis", "rate_limit", "unknown"}) {
      request("fail", reason);
    }
    request("success", "");
  }

  public AtomicLong queueDepthGauge() {
    return queueDepth;
  }

  public static IngestMetrics of(MeterRegistry registry) {
    return BY_REGISTRY.computeIfAbsent(registry, IngestMetrics::new);
  }

  /** {@code mutt_ingest_requests_total{status,reason}}. */
  public Counter request(String status, String reason) {
    return requests.computeIfAbsent(status + "|" + reason, k -> Counter.builder("mutt.ingest.requests")
        .description("ingest requests by outcome").tag("status", status).tag("reason", reason).register(registry));
  }
}
