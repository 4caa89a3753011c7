package io.mutt.retention;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.mutt.pipeline.retention.RetentionOutcome;
import io.mutt.pipeline.retention.RetentionPolicy;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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

  private final MeterRegistry registry;
  private final Map<String, Counter> deletedByType = new ConcurrentHashMap<>();
  private final Map<String, Counter> errors = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> policyDays = new ConcurrentHashMap<>();
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
    for (String type : new String[] {"config_audit", "event_audit", "dlq"}) {
      deletedByType.put(
          type,
          Counter.builder("mutt.retention.cleanup.records.deleted")
              .tag("type", type)
              .description("records removed by retention, per data type")
              .register(registry));
    }
    for (String task : TASKS) {
      error(task);
    }
    RetentionPolicy.DEFAULTS.policyDays().forEach((type, days) -> policyDay(type).set(days));
    eventsArchived =
        Counter.builder("mutt.retention.events.archived")
            .description("event audit rows moved to the archive")
            .register(registry);
    eventsDeleted =
        Counter.builder("mutt.retention.events.deleted")
            .description("archived event audit rows deleted past the archive retention")
            .register(registry);
    configAuditsDeleted =
        Counter.builder("mutt.retention.config.audits.deleted")
            .description("config audit rows deleted")
            .register(registry);
    Gauge.builder(
            "mutt.retention.cleanup.last.run.timestamp.seconds",
            lastRunEpochMs,
            v -> v.get() / 1000.0)
        .description("end of the last retention run, epoch seconds")
        .register(registry);
    Gauge.builder("mutt.retention.last.run.timestamp", lastRunEpochMs, v -> v.get() / 1000.0)
        .description("end of the last retention run, epoch seconds")
        .register(registry);
    Gauge.builder(
            "mutt.retention.last.success.timestamp.seconds",
            lastSuccessEpochSeconds,
            AtomicLong::get)
        .description(
            "end of the last retention run without a failed task, epoch seconds, as kept in Redis"
                + " for the whole deployment (0 until known)")
        .register(registry);
    Gauge.builder("mutt.retention.partitions.missing", partitionsMissing, AtomicLong::get)
        .description(
            "event_audit_log partitions missing among this month and the months to pre-create"
                + " (leader only; 0 elsewhere)")
        .register(registry);
    Gauge.builder("mutt.retention.archive.bytes", archiveBytes, AtomicLong::get)
        .description(
            "size of event_audit_log_archive with its indexes (leader only; -1 until measured)")
        .register(registry);
    duration =
        Timer.builder("mutt.retention.enforcement.duration")
            .description("wall time of a retention run")
            .serviceLevelObjectives(
                Duration.ofMillis(100),
                Duration.ofSeconds(1),
                Duration.ofSeconds(10),
                Duration.ofSeconds(60),
                Duration.ofMinutes(5),
                Duration.ofMinutes(15),
                Duration.ofHours(1))
            .register(registry);
  }

  /** {@code mutt_retention_errors_total{task}}. */
  public Counter error(String task) {
    return errors.computeIfAbsent(
        task,
        t ->
            Counter.builder("mutt.retention.errors")
                .tag("task", t)
                .description("failed retention tasks")
                .register(registry));
  }

  private AtomicLong policyDay(String type) {
    return policyDays.computeIfAbsent(
        type,
        t -> {
          AtomicLong v = new AtomicLong();
          Gauge.builder("mutt.retention.policy.days", v, AtomicLong::get)
              .tag("type", t)
              .description("retention window in days, per data type")
              .register(registry);
          return v;
        });
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
