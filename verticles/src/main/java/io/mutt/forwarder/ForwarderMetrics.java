package io.mutt.forwarder;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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

  private final MeterRegistry registry;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();
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
    this.registry = registry;
    latency =
        Timer.builder("mutt.moog.request.latency")
            .description("Moogsoft webhook exchange time")
            .serviceLevelObjectives(LATENCY_BUCKETS)
            .register(registry);
    rateLimitHits =
        Counter.builder("mutt.moog.rate.limit.hits")
            .description("alert sends deferred by the shared rate limit")
            .register(registry);
    Gauge.builder("mutt.moog.dlq.depth", dlqDepth, AtomicLong::get)
        .description("LLEN of the Moog DLQ")
        .register(registry);
    Gauge.builder("mutt.moog.processing.list.depth", inFlight, AtomicLong::get)
        .description("alerts this process has read and not yet settled")
        .register(registry);
    Gauge.builder("mutt.moog.retry.queue.depth", retryDepth, AtomicLong::get)
        .description("alerts waiting for their retry time")
        .register(registry);
    Gauge.builder("mutt.circuit.breaker.state", breakerState, AtomicLong::get)
        .tag("name", BREAKER)
        .description("0 CLOSED, 1 HALF_OPEN, 2 OPEN")
        .register(registry);
    Gauge.builder("mutt.circuit.breaker.failures", breakerFailures, AtomicLong::get)
        .tag("name", BREAKER)
        .description("shared failure count")
        .register(registry);
    Gauge.builder("mutt.moog.circuit.open", breakerState, s -> s.get() == 2 ? 1 : 0)
        .description("1 while the Moogsoft circuit is OPEN")
        .register(registry);
    Gauge.builder("mutt.moog.circuit.state", breakerState, AtomicLong::get)
        .description("Moogsoft circuit state: 0 CLOSED, 1 HALF_OPEN, 2 OPEN")
        .register(registry);
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
    return counters.computeIfAbsent(
        "r|" + status + "|" + reason,
        k ->
            Counter.builder("mutt.moog.requests")
                .description("Moogsoft requests by outcome")
                .tag("status", status)
                .tag("reason", reason)
                .register(registry));
  }

  /** {@code mutt_moog_alerts_processed_total{status}}. */
  public Counter processed(String status) {
    return counters.computeIfAbsent(
        "p|" + status,
        k ->
            Counter.builder("mutt.moog.alerts.processed")
                .description("alerts by end of processing")
                .tag("status", status)
                .register(registry));
  }

  /** {@code mutt_circuit_breaker_state_changes_total{name,from_state,to_state}}. */
  public Counter stateChange(String from, String to) {
    return counters.computeIfAbsent(
        "c|" + from + "|" + to,
        k ->
            Counter.builder("mutt.circuit.breaker.state.changes")
                .description("circuit state changes observed")
                .tag("name", BREAKER)
                .tag("from_state", from)
                .tag("to_state", to)
                .register(registry));
  }
}
