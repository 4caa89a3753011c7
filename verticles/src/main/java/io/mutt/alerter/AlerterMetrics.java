package io.mutt.alerter;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The alerter metrics (docs/reference/metrics.md), built once where the role is wired and shared by
 * every alerter instance.
 */
public final class AlerterMetrics {

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
  static final Duration[] BUCKETS_D = {
    Duration.ofMillis(5),
    Duration.ofMillis(10),
    Duration.ofMillis(25),
    Duration.ofMillis(50),
    Duration.ofMillis(75),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofMillis(750),
    Duration.ofSeconds(1),
    Duration.ofMillis(2500),
    Duration.ofSeconds(5),
    Duration.ofMillis(7500),
    Duration.ofSeconds(10)
  };
  static final double[] DB_MS = {1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000};

  private final Map<String, Counter> processed = new ConcurrentHashMap<>();
  private final Map<String, Counter> shed = new ConcurrentHashMap<>();
  private final Map<String, Counter> clearing = new ConcurrentHashMap<>();
  private final MeterRegistry registry;
  final Counter alertsForwarded;
  final Counter alertsCoalesced;
  final Counter deferredSeconds;
  final Counter metaAlerts;
  final Counter cacheReloads;
  final Counter cacheReloadFailures;
  final Timer processingLatency;
  final Timer cacheReloadLatency;
  final DistributionSummary dbWriteLatencyMs;
  final AtomicLong rulesCount = new AtomicLong();
  final AtomicLong devHostsCount = new AtomicLong();
  final AtomicLong teamsCount = new AtomicLong();
  final AtomicLong dlqDepth = new AtomicLong();
  final AtomicLong inFlight = new AtomicLong();
  final AtomicLong queueDepth = new AtomicLong();

  public AlerterMetrics(MeterRegistry r) {
    this.registry = r;
    for (String status : new String[] {"handled", "unhandled", "poison", "error"}) {
      processed(status);
    }
    for (String mode : new String[] {"dlq", "defer"}) {
      shed(mode);
    }
    alertsForwarded =
        Counter.builder("mutt.alerter.alerts.forwarded")
            .description("alerts appended to the alert queue")
            .register(r);
    deferredSeconds =
        Counter.builder("mutt.alerter.deferred.seconds")
            .description(
                "time consumers paused reading the ingest stream because the alert stream was full,"
                    + " summed over consumers")
            .baseUnit("seconds")
            .register(r);
    alertsCoalesced =
        Counter.builder("mutt.alerter.alerts.coalesced")
            .description(
                "alerts folded into an open coalescing window instead of being appended (ADR 0016)")
            .register(r);
    metaAlerts =
        Counter.builder("mutt.alerter.unhandled.meta.alerts")
            .description("unhandled-event meta-alerts")
            .register(r);
    cacheReloads =
        Counter.builder("mutt.alerter.cache.reload")
            .description("rule cache reload attempts")
            .register(r);
    cacheReloadFailures =
        Counter.builder("mutt.alerter.cache.reload.failures")
            .description("failed rule cache reloads")
            .register(r);
    processingLatency =
        Timer.builder("mutt.alerter.processing.latency")
            .description("processing time of successful events")
            .serviceLevelObjectives(BUCKETS_A)
            .register(r);
    cacheReloadLatency =
        Timer.builder("mutt.alerter.cache.reload.latency")
            .description("rule cache reload time")
            .serviceLevelObjectives(BUCKETS_D)
            .register(r);
    dbWriteLatencyMs =
        DistributionSummary.builder("mutt.db.write.latency.ms")
            .description("audit insert latency in ms")
            .serviceLevelObjectives(DB_MS)
            .register(r);
    gauge("mutt.alerter.cache.rules.count", rulesCount, "active rules in the cache");
    gauge("mutt.alerter.cache.dev.hosts.count", devHostsCount, "development hosts in the cache");
    gauge("mutt.alerter.cache.teams.count", teamsCount, "device teams in the cache");
    gauge(
        "mutt.alerter.dlq.depth", dlqDepth, "alerter DLQ length after the last dead-letter write");
    gauge(
        "mutt.alerter.processing.list.depth",
        inFlight,
        "entries this process holds unacknowledged");
    gauge("mutt.alerter.queue.depth", queueDepth, "alert queue depth (backpressure)");
  }

  private void gauge(String name, AtomicLong value, String description) {
    Gauge.builder(name, value, AtomicLong::get).description(description).register(registry);
  }

  /** {@code mutt_alerter_events_processed_total{status}}: handled, unhandled, poison or error. */
  Counter processed(String status) {
    return processed.computeIfAbsent(
        status,
        s ->
            Counter.builder("mutt.alerter.events.processed")
                .description("events processed by outcome")
                .tag("status", s)
                .register(registry));
  }

  /**
   * {@code mutt_alerter_clearing_decisions_total{action}}: what the clearing and flapping state did
   * with an event of a rule with a clearing pattern, or a settled key (ADR 0038).
   */
  Counter clearing(String action) {
    return clearing.computeIfAbsent(
        action,
        a ->
            Counter.builder("mutt.alerter.clearing.decisions")
                .description("clearing and flapping decisions by action")
                .tag("action", a)
                .register(registry));
  }

  /** {@code mutt_alerter_shed_events_total{mode}}: dlq or defer. */
  Counter shed(String mode) {
    return shed.computeIfAbsent(
        mode,
        m ->
            Counter.builder("mutt.alerter.shed.events")
                .description("load-shedding steps by mode")
                .tag("mode", m)
                .register(registry));
  }

  /**
   * {@code mutt_alerter_match_truncated_total}: messages cut to RULE_MATCH_MAX_CHARS for matching.
   */
  void matchTruncations(java.util.function.LongSupplier count) {
    io.micrometer.core.instrument.FunctionCounter.builder(
            "mutt.alerter.match.truncated", count, LongSupplier -> count.getAsLong())
        .description("messages whose tail past RULE_MATCH_MAX_CHARS was left out of rule matching")
        .register(registry);
  }
}
