package io.mutt.remediation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
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

  /** Prometheus client default buckets. */
  private static final Duration[] BUCKETS_D = {
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

  private final MeterRegistry registry;
  private final Map<String, AtomicLong> depths = new ConcurrentHashMap<>();
  private final Map<String, AtomicReference<Double>> drains = new ConcurrentHashMap<>();
  private final Map<String, Counter> failures = new ConcurrentHashMap<>();
  final Counter loops;
  final Counter replaySuccess;
  final Counter poison;
  final AtomicLong moogHealth = new AtomicLong();
  final AtomicLong leader = new AtomicLong();
  final Timer loopDuration;

  public RemediationMetrics(MeterRegistry registry) {
    this.registry = registry;
    loops =
        Counter.builder("mutt.remediation.loops")
            .description("remediation loops executed")
            .register(registry);
    replaySuccess =
        Counter.builder("mutt.remediation.replay.success")
            .description("DLQ entries replayed")
            .register(registry);
    poison =
        Counter.builder("mutt.remediation.poison.messages")
            .description("poison entries moved to the dead list")
            .register(registry);
    Gauge.builder("mutt.remediation.moog.health", moogHealth, AtomicLong::get)
        .description("Moogsoft health probe: 1 healthy, 0 unhealthy")
        .register(registry);
    Gauge.builder("mutt.remediation.leader", leader, AtomicLong::get)
        .description("1 while this instance is the remediation leader")
        .register(registry);
    loopDuration =
        Timer.builder("mutt.remediation.loop.duration")
            .description("time per remediation loop")
            .serviceLevelObjectives(BUCKETS_D)
            .register(registry);
    replayFail("processing_error");
    replayFail("redis_error");
  }

  /** {@code mutt_remediation_replay_fail_total{reason}}. */
  Counter replayFail(String reason) {
    return failures.computeIfAbsent(
        reason,
        r ->
            Counter.builder("mutt.remediation.replay.fail")
                .description("failed replays")
                .tag("reason", r)
                .register(registry));
  }

  /** {@code mutt_remediation_dlq_depth{dlq_name}}. */
  AtomicLong depth(String dlqName) {
    return depths.computeIfAbsent(
        dlqName,
        n -> {
          AtomicLong v = new AtomicLong();
          Gauge.builder("mutt.remediation.dlq.depth", v, AtomicLong::get)
              .tag("dlq_name", n)
              .description("DLQ depth")
              .register(registry);
          return v;
        });
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
