package io.mutt.alerter;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.mutt.metrics.CounterFamily;
import io.mutt.metrics.Meters;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The alerter metrics (docs/reference/metrics.md), built once where the role is wired and shared by
 * every alerter instance.
 */
public final class AlerterMetrics {

  static final double[] DB_MS = {1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000};

  private final MeterRegistry registry;
  private final CounterFamily processed;
  private final CounterFamily shed;
  private final CounterFamily clearing;
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
    processed =
        new CounterFamily(
            r, "mutt.alerter.events.processed", "events processed by outcome", "status");
    shed = new CounterFamily(r, "mutt.alerter.shed.events", "load-shedding steps by mode", "mode");
    clearing =
        new CounterFamily(
            r,
            "mutt.alerter.clearing.decisions",
            "clearing and flapping decisions by action",
            "action");
    for (String status : new String[] {"handled", "unhandled", "poison", "error"}) {
      processed(status);
    }
    for (String mode : new String[] {"dlq", "defer"}) {
      shed(mode);
    }
    alertsForwarded =
        Meters.counter(r, "mutt.alerter.alerts.forwarded", "alerts appended to the alert queue");
    deferredSeconds =
        Counter.builder("mutt.alerter.deferred.seconds")
            .description(
                "time consumers paused reading the ingest stream because the alert stream was full,"
                    + " summed over consumers")
            .baseUnit("seconds")
            .register(r);
    alertsCoalesced =
        Meters.counter(
            r,
            "mutt.alerter.alerts.coalesced",
            "alerts folded into an open coalescing window instead of being appended (ADR 0016)");
    metaAlerts =
        Meters.counter(r, "mutt.alerter.unhandled.meta.alerts", "unhandled-event meta-alerts");
    cacheReloads = Meters.counter(r, "mutt.alerter.cache.reload", "rule cache reload attempts");
    cacheReloadFailures =
        Meters.counter(r, "mutt.alerter.cache.reload.failures", "failed rule cache reloads");
    processingLatency =
        Meters.timer(
            r,
            "mutt.alerter.processing.latency",
            "processing time of successful events",
            Meters.FAST_BUCKETS);
    cacheReloadLatency =
        Meters.timer(
            r,
            "mutt.alerter.cache.reload.latency",
            "rule cache reload time",
            Meters.DEFAULT_BUCKETS);
    dbWriteLatencyMs =
        DistributionSummary.builder("mutt.db.write.latency.ms")
            .description("audit insert latency in ms")
            .serviceLevelObjectives(DB_MS)
            .register(r);
    Meters.gauge(r, "mutt.alerter.cache.rules.count", rulesCount, "active rules in the cache");
    Meters.gauge(
        r, "mutt.alerter.cache.dev.hosts.count", devHostsCount, "development hosts in the cache");
    Meters.gauge(r, "mutt.alerter.cache.teams.count", teamsCount, "device teams in the cache");
    Meters.gauge(
        r,
        "mutt.alerter.dlq.depth",
        dlqDepth,
        "alerter DLQ length after the last dead-letter write");
    Meters.gauge(
        r,
        "mutt.alerter.processing.list.depth",
        inFlight,
        "entries this process holds unacknowledged");
    Meters.gauge(r, "mutt.alerter.queue.depth", queueDepth, "alert queue depth (backpressure)");
  }

  /** {@code mutt_alerter_events_processed_total{status}}: handled, unhandled, poison or error. */
  Counter processed(String status) {
    return processed.get(status);
  }

  /**
   * {@code mutt_alerter_clearing_decisions_total{action}}: what the clearing and flapping state did
   * with an event of a rule with a clearing pattern, or a settled key (ADR 0038).
   */
  Counter clearing(String action) {
    return clearing.get(action);
  }

  /** {@code mutt_alerter_shed_events_total{mode}}: dlq or defer. */
  Counter shed(String mode) {
    return shed.get(mode);
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
