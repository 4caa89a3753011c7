package io.mutt.retention;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.mutt.metrics.CounterFamily;
import io.mutt.metrics.GaugeFamily;
import io.mutt.metrics.Meters;
import io.mutt.pipeline.retention.RetentionOutcome;
import io.mutt.pipeline.retention.RetentionPolicy;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The retention metrics (docs/reference/metrics.md), built once where the role is wired: the
 * text-file set ({@code mutt_retention_cleanup_records_deleted_total{type}}, {@code
 * mutt_retention_policy_days{type}}, {@code mutt_retention_cleanup_last_run_timestamp_seconds}) and
 * the daemon set ({@code mutt_retention_events_archived_total}, {@code
 * mutt_retention_events_deleted_total}, {@code mutt_retention_config_audits_deleted_total}, {@code
 * mutt_retention_errors_total{task}}, {@code mutt_retention_last_run_timestamp}, {@code
 * mutt_retention_enforcement_duration_seconds}) — and what the retention alerts watch: {@code
 * mutt_retention_last_success_timestamp_seconds}, {@code mutt_retention_partitions_missing} and
 * {@code mutt_retention_archive_bytes}. Dry runs move no counter; they only set the timestamps.
 */
public final class RetentionMetrics {

  static final String[] TASKS = {
    "partitions", "event_audit", "event_archive", "config_audit", "dlq"
  };

  private static final String[] DELETED_TYPES = {"config_audit", "event_audit", "dlq"};

  private final MeterRegistry registry;
  private final CounterFamily deletedByType;
  private final CounterFamily errors;
  private final GaugeFamily policyDays;
  private final Counter eventsArchived;
  private final Counter eventsDeleted;
  private final Counter configAuditsDeleted;
  private final AtomicLong lastRunEpochMs = new AtomicLong();
  private final AtomicLong lastSuccessEpochSeconds = new AtomicLong();
  private final AtomicLong partitionsMissing = new AtomicLong();
  private final AtomicLong archiveBytes = new AtomicLong(-1);
  private final Timer duration;

  public RetentionMetrics(MeterRegistry registry) {
    this.registry = registry;
    deletedByType =
        new CounterFamily(
            registry,
            "mutt.retention.cleanup.records.deleted",
            "records removed by retention, per data type",
            "type");
    errors = new CounterFamily(registry, "mutt.retention.errors", "failed retention tasks", "task");
    policyDays =
        new GaugeFamily(
            registry,
            "mutt.retention.policy.days",
            "retention window in days, per data type",
            "type");
    for (String type : DELETED_TYPES) {
      deletedByType.get(type);
    }
    for (String task : TASKS) {
      error(task);
    }
    RetentionPolicy.DEFAULTS.policyDays().forEach((type, days) -> policyDay(type).set(days));
    eventsArchived =
        Meters.counter(
            registry, "mutt.retention.events.archived", "event audit rows moved to the archive");
    eventsDeleted =
        Meters.counter(
            registry,
            "mutt.retention.events.deleted",
            "archived event audit rows deleted past the archive retention");
    configAuditsDeleted =
        Meters.counter(
            registry, "mutt.retention.config.audits.deleted", "config audit rows deleted");
    Gauge.builder(
            "mutt.retention.cleanup.last.run.timestamp.seconds",
            lastRunEpochMs,
            v -> v.get() / 1000.0)
        .description("end of the last retention run, epoch seconds")
        .register(registry);
    Gauge.builder("mutt.retention.last.run.timestamp", lastRunEpochMs, v -> v.get() / 1000.0)
        .description("end of the last retention run, epoch seconds")
        .register(registry);
    Meters.gauge(
        registry,
        "mutt.retention.last.success.timestamp.seconds",
        lastSuccessEpochSeconds,
        "end of the last retention run without a failed task, epoch seconds, as kept in Redis"
            + " for the whole deployment (0 until known)");
    Meters.gauge(
        registry,
        "mutt.retention.partitions.missing",
        partitionsMissing,
        "event_audit_log partitions missing among this month and the months to pre-create"
            + " (leader only; 0 elsewhere)");
    Meters.gauge(
        registry,
        "mutt.retention.archive.bytes",
        archiveBytes,
        "size of event_audit_log_archive with its indexes (leader only; -1 until measured)");
    duration =
        Meters.timer(
            registry,
            "mutt.retention.enforcement.duration",
            "wall time of a retention run",
            Duration.ofMillis(100),
            Duration.ofSeconds(1),
            Duration.ofSeconds(10),
            Duration.ofSeconds(60),
            Duration.ofMinutes(5),
            Duration.ofMinutes(15),
            Duration.ofHours(1));
  }

  /** {@code mutt_retention_errors_total{task}}. */
  public Counter error(String task) {
    return errors.get(task);
  }

  private AtomicLong policyDay(String type) {
    return policyDays.get(type);
  }

  /** The deployment's last successful run (epoch seconds), as read from Redis. */
  public void lastSuccess(long epochSeconds) {
    lastSuccessEpochSeconds.set(epochSeconds);
  }

  /** How many of the partitions that should exist now do not. */
  public void partitionsMissing(long n) {
    partitionsMissing.set(n);
  }

  /** The archive table's size on disk. */
  public void archiveBytes(long bytes) {
    archiveBytes.set(bytes);
  }

  /** Records a finished run (live or dry). */
  public void record(RetentionOutcome outcome, RetentionPolicy policy, long endEpochMs) {
    policy.policyDays().forEach((type, days) -> policyDay(type).set(days));
    if (!outcome.dryRun()) {
      outcome.deletedByType().forEach((type, n) -> deletedByType.get(type).increment(n));
      eventsArchived.increment(outcome.eventsArchived());
      eventsDeleted.increment(outcome.archiveRowsDeleted());
      configAuditsDeleted.increment(outcome.configAuditsDeleted());
    }
    duration.record(Duration.ofMillis(Math.round(outcome.durationSeconds() * 1000)));
    lastRunEpochMs.set(endEpochMs);
  }
}
