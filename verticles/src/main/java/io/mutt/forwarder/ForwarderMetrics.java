package io.mutt.forwarder;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.mutt.metrics.CounterFamily;
import io.mutt.metrics.Meters;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Forwarder metrics (docs/reference/metrics.md; {@code mutt_moog_*}, {@code
 * mutt_circuit_breaker_*}, plus the {@code mutt_moog_circuit_open} and {@code
 * mutt_moog_circuit_state}, same values as {@code mutt_circuit_breaker_state}) and {@code
 * mutt_moog_retry_queue_depth} (alerts waiting for their retry time), built once where the role is
 * wired and shared by every forwarder verticle of the JVM.
 */
public final class ForwarderMetrics {

  private static final Duration[] LATENCY_BUCKETS = {
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofMillis(2500),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10),
    Duration.ofSeconds(30)
  };
  public static final String BREAKER = "moogsoft";

  private final CounterFamily requests;
  private final CounterFamily processed;
  private final CounterFamily stateChanges;
  final Timer latency;
  final Counter rateLimitHits;

  /** The two counters of every delivered alert, held so the hot path does not look them up. */
  final Counter requestSuccess;

  final Counter processedSuccess;
  final AtomicLong dlqDepth = new AtomicLong();
  final AtomicLong inFlight = new AtomicLong();
  final AtomicLong retryDepth = new AtomicLong();
  final AtomicLong breakerState = new AtomicLong();
  final AtomicLong breakerFailures = new AtomicLong();

  public ForwarderMetrics(MeterRegistry registry) {
    requests =
        new CounterFamily(
            registry, "mutt.moog.requests", "Moogsoft requests by outcome", "status", "reason");
    processed =
        new CounterFamily(
            registry, "mutt.moog.alerts.processed", "alerts by end of processing", "status");
    stateChanges =
        new CounterFamily(
            registry,
            "mutt.circuit.breaker.state.changes",
            "circuit state changes observed",
            Tags.of("name", BREAKER),
            "from_state",
            "to_state");
    latency =
        Meters.timer(
            registry,
            "mutt.moog.request.latency",
            "Moogsoft webhook exchange time",
            LATENCY_BUCKETS);
    rateLimitHits =
        Meters.counter(
            registry, "mutt.moog.rate.limit.hits", "alert sends deferred by the shared rate limit");
    Meters.gauge(registry, "mutt.moog.dlq.depth", dlqDepth, "LLEN of the Moog DLQ");
    Meters.gauge(
        registry,
        "mutt.moog.processing.list.depth",
        inFlight,
        "alerts this process has read and not yet settled");
    Meters.gauge(
        registry, "mutt.moog.retry.queue.depth", retryDepth, "alerts waiting for their retry time");
    Meters.gauge(
        registry,
        "mutt.circuit.breaker.state",
        breakerState,
        "0 CLOSED, 1 HALF_OPEN, 2 OPEN",
        Tags.of("name", BREAKER));
    Meters.gauge(
        registry,
        "mutt.circuit.breaker.failures",
        breakerFailures,
        "shared failure count",
        Tags.of("name", BREAKER));
    Gauge.builder("mutt.moog.circuit.open", breakerState, s -> s.get() == 2 ? 1 : 0)
        .description("1 while the Moogsoft circuit is OPEN")
        .register(registry);
    Meters.gauge(
        registry,
        "mutt.moog.circuit.state",
        breakerState,
        "Moogsoft circuit state: 0 CLOSED, 1 HALF_OPEN, 2 OPEN");
    for (String reason : new String[] {"http", "rate_limit", "retry_exhausted", "circuit_open"}) {
      request("fail", reason);
    }
    requestSuccess = request("success", "");
    processedSuccess = processed("success");
    for (String status : new String[] {"dlq", "error"}) {
      processed(status);
    }
  }

  /** {@code mutt_moog_requests_total{status,reason}}. */
  public Counter request(String status, String reason) {
    return requests.get(status, reason);
  }

  /** {@code mutt_moog_alerts_processed_total{status}}. */
  public Counter processed(String status) {
    return processed.get(status);
  }

  /** {@code mutt_circuit_breaker_state_changes_total{name,from_state,to_state}}. */
  public Counter stateChange(String from, String to) {
    return stateChanges.get(from, to);
  }
}
