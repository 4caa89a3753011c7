package io.mutt.remediation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.mutt.metrics.CounterFamily;
import io.mutt.metrics.GaugeFamily;
import io.mutt.metrics.Meters;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The remediation metrics (docs/reference/metrics.md; {@code mutt_remediation_*}), plus {@code
 * mutt_remediation_leader} (1 on the instance that holds the lease) and {@code
 * mutt_remediation_dlq_drain_seconds{dlq_name}} (ADR 0018), built once where the role is wired.
 */
public final class RemediationMetrics {

  private final MeterRegistry registry;
  private final GaugeFamily depths;
  private final Map<String, AtomicReference<Double>> drains = new ConcurrentHashMap<>();
  private final CounterFamily failures;
  final Counter loops;
  final Counter replaySuccess;
  final Counter poison;
  final AtomicLong moogHealth = new AtomicLong();
  final AtomicLong leader = new AtomicLong();
  final Timer loopDuration;

  public RemediationMetrics(MeterRegistry registry) {
    this.registry = registry;
    depths = new GaugeFamily(registry, "mutt.remediation.dlq.depth", "DLQ depth", "dlq_name");
    failures =
        new CounterFamily(registry, "mutt.remediation.replay.fail", "failed replays", "reason");
    loops = Meters.counter(registry, "mutt.remediation.loops", "remediation loops executed");
    replaySuccess =
        Meters.counter(registry, "mutt.remediation.replay.success", "DLQ entries replayed");
    poison =
        Meters.counter(
            registry, "mutt.remediation.poison.messages", "poison entries moved to the dead list");
    Meters.gauge(
        registry,
        "mutt.remediation.moog.health",
        moogHealth,
        "Moogsoft health probe: 1 healthy, 0 unhealthy");
    Meters.gauge(
        registry,
        "mutt.remediation.leader",
        leader,
        "1 while this instance is the remediation leader");
    loopDuration =
        Meters.timer(
            registry,
            "mutt.remediation.loop.duration",
            "time per remediation loop",
            Meters.DEFAULT_BUCKETS);
    replayFail("processing_error");
    replayFail("redis_error");
  }

  /** {@code mutt_remediation_replay_fail_total{reason}}. */
  Counter replayFail(String reason) {
    return failures.get(reason);
  }

  /** {@code mutt_remediation_dlq_depth{dlq_name}}. */
  AtomicLong depth(String dlqName) {
    return depths.get(dlqName);
  }

  /**
   * {@code mutt_remediation_dlq_drain_seconds{dlq_name}}: depth / the rate this DLQ is being
   * replayed at; 0 when empty, -1 while it is not draining (Moogsoft unhealthy, circuit open,
   * target stream full, or not the leader).
   */
  AtomicReference<Double> drainSeconds(String dlqName) {
    return drains.computeIfAbsent(
        dlqName,
        n -> {
          AtomicReference<Double> v = new AtomicReference<>(-1.0);
          Gauge.builder("mutt.remediation.dlq.drain.seconds", v, AtomicReference::get)
              .tag("dlq_name", n)
              .description(
                  "seconds until the DLQ is empty at the current replay rate; -1 not draining")
              .register(registry);
          return v;
        });
  }
}
