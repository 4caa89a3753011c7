package io.mutt.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.mutt.metrics.CounterFamily;
import io.mutt.metrics.Meters;
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
    "method_not_allowed",
    "auth_locked"
  };
  private final CounterFamily requests;
  final Counter success;
  final Counter rateLimitHits;
  final Timer latency;
  final AtomicLong queueDepth = new AtomicLong();

  public IngestMetrics(MeterRegistry registry) {
    this.requests =
        new CounterFamily(
            registry, "mutt.ingest.requests", "ingest requests by outcome", "status", "reason");
    this.rateLimitHits = Meters.counter(registry, "mutt.ingest.rate.limit.hits", "429 answers");
    this.latency =
        Meters.timer(
            registry, "mutt.ingest.latency", "ingest handler latency", Meters.FAST_BUCKETS);
    Meters.gauge(registry, "mutt.ingest.queue.depth", queueDepth, "last ingest queue depth");
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
    return requests.get(status, reason);
  }
}
