package io.mutt.retention;

import io.mutt.config.MuttConfig;
import io.mutt.pipeline.retention.AuditPartitions;
import io.mutt.pipeline.retention.RetentionCutoffs;
import io.mutt.pipeline.retention.RetentionOutcome;
import io.mutt.pipeline.retention.RetentionPolicy;
import io.mutt.runtime.MuttRuntime;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One retention run, plain asynchronous code over the runtime's PostgreSQL pool and Redis client:
 * ensure the coming partitions, move old event audit rows to the archive, drop emptied partitions
 * wholly before the window, delete expired archive rows and old config audit rows, trim the three
 * dead-letter lists. A failing task is counted in {@code mutt_retention_errors_total{task}} and
 * logged; the others still run. A dry run counts and changes nothing. Used by the in-app {@link
 * RetentionScheduler} and by {@code mutt retention run}.
 */
public final class RetentionJob {

  private static final Logger LOG = LoggerFactory.getLogger(RetentionJob.class);

  private final MuttRuntime rt;
  private final Clock clock;
  private final PartitionStore partitions;
  private final AuditStore audit;
  private final DlqTrimmer dlq;
  private final RetentionMetrics metrics;

  public RetentionJob(MuttRuntime rt, Clock clock, RetentionMetrics metrics) {
    this.rt = rt;
    this.clock = clock;
    this.partitions = new PartitionStore(rt.pg());
    this.audit = new AuditStore(rt.pg());
    this.dlq = new DlqTrimmer(rt.redis());
    this.metrics = metrics;
  }

  /** The policy in force now: dynamic keys, then static settings (warnings are logged). */
  public RetentionPolicy policy() {
    List<String> warnings = new ArrayList<>();
    MuttConfig config = rt.config();
    RetentionPolicy p =
        RetentionPolicy.resolve(
            key -> config.string(key, null), key -> rt.dynamic().get(key).orElse(null), warnings);
    warnings.forEach(w -> LOG.warn("retention: {}", w));
    return p;
  }

  /**
   * Creates the partitions of the current month and the {@code months - 1} following; answers how
   * many exist.
   */
  public Future<Integer> ensurePartitions(int months) {
    return partitions
        .ensure(
            AuditPartitions.monthsToEnsure(LocalDate.now(clock.withZone(ZoneOffset.UTC)), months))
        .onFailure(err -> metrics.error("partitions").increment());
  }

  /** The partitions that exist, oldest first. */
  public Future<List<String>> listPartitions() {
    return partitions.list();
  }

  /**
   * Runs every task once with the given policy. Never fails: failed tasks are listed in the
   * outcome.
   */
  public Future<RetentionOutcome> run(RetentionPolicy policy) {
    Run run = new Run(policy, RetentionCutoffs.of(policy, clock.instant()), clock.millis());
    return run.task("partitions", run::ensure)
        .compose(v -> run.task("event_audit", run::archive))
        .compose(v -> run.task("partitions", run::dropEmptied))
        .compose(v -> run.task("event_archive", run::expireArchive))
        .compose(v -> run.task("config_audit", run::trimConfigAudit))
        .compose(v -> run.task("dlq", run::trimDlqs))
        .map(v -> run.finish())
        .compose(this::rememberSuccess);
  }

  /**
   * A live run in which every task succeeded is remembered in Redis ({@code
   * mutt:retention:last_success}, epoch seconds) for the whole deployment, whichever node or CLI
   * ran it; {@code mutt_retention_last_success_timestamp_seconds} follows it.
   */
  private Future<RetentionOutcome> rememberSuccess(RetentionOutcome outcome) {
    if (outcome.dryRun() || !outcome.failedTasks().isEmpty()) {
      return Future.succeededFuture(outcome);
    }
    long now = clock.millis() / 1000;
    return rt.redis()
        .send(Request.cmd(Command.SET).arg(rt.keys().retentionLastSuccess).arg(now))
        .onSuccess(r -> metrics.lastSuccess(now))
        .onFailure(
            err -> LOG.warn("retention: last success not recorded in Redis: {}", err.getMessage()))
        .transform(ar -> Future.succeededFuture(outcome));
  }

  /**
   * Refreshes the gauges the retention alerts watch: the deployment's last success (from Redis;
   * when no run ever succeeded the key is started at now, so a new deployment is not reported stale
   * before its first run is due), the partitions missing among the {@code months} to come, and the
   * archive's size.
   */
  public Future<Void> observe(int months) {
    String key = rt.keys().retentionLastSuccess;
    long now = clock.millis() / 1000;
    Future<Void> success =
        rt.redis()
            .send(Request.cmd(Command.SET).arg(key).arg(now).arg("NX"))
            .compose(created -> rt.redis().send(Request.cmd(Command.GET).arg(key)))
            .map(
                r -> {
                  metrics.lastSuccess(r == null ? now : r.toLong());
                  return null;
                });
    List<String> wanted =
        AuditPartitions.monthsToEnsure(LocalDate.now(clock.withZone(ZoneOffset.UTC)), months)
            .stream()
            .map(m -> AuditPartitions.name(java.time.YearMonth.from(m)))
            .toList();
    Future<Void> missing =
        partitions
            .list()
            .map(
                names -> {
                  metrics.partitionsMissing(
                      wanted.stream().filter(n -> !names.contains(n)).count());
                  return null;
                });
    Future<Void> size =
        audit
            .archiveBytes()
            .map(
                bytes -> {
                  metrics.archiveBytes(bytes);
                  return null;
                });
    return Future.join(success, missing, size).mapEmpty();
  }

  /** State of one run: counts so far and the failed tasks. */
  private final class Run {
    final RetentionPolicy policy;
    final RetentionCutoffs cutoffs;
    final long startMs;
    int ensured;
    long archived;
    int dropped;
    long archiveDeleted;
    long configDeleted;
    final Map<String, Long> dlqRemoved = new LinkedHashMap<>();
    final List<String> failed = new ArrayList<>();

    Run(RetentionPolicy policy, RetentionCutoffs cutoffs, long startMs) {
      this.policy = policy;
      this.cutoffs = cutoffs;
      this.startMs = startMs;
    }

    Future<Void> task(String name, Supplier<Future<?>> body) {
      return body.get()
          .<Void>mapEmpty()
          .recover(
              err -> {
                if (!failed.contains(name)) {
                  failed.add(name);
                }
                metrics.error(name).increment();
                LOG.warn("retention task {} failed: {}", name, err.getMessage());
                return Future.succeededFuture();
              });
    }

    Future<?> ensure() {
      List<LocalDate> months =
          AuditPartitions.monthsToEnsure(
              LocalDate.now(clock.withZone(ZoneOffset.UTC)), policy.precreateMonths());
      if (!policy.dryRun()) {
        return partitions.ensure(months).onSuccess(n -> ensured = n);
      }
      return partitions
          .list()
          .onSuccess(
              names ->
                  ensured =
                      (int)
                          months.stream()
                              .filter(
                                  m ->
                                      names.contains(
                                          AuditPartitions.name(java.time.YearMonth.from(m))))
                              .count());
    }

    Future<?> archive() {
      return audit
          .archiveEvents(cutoffs.eventAudit(), policy.batchSize(), policy.dryRun())
          .onSuccess(n -> archived = n);
    }

    Future<?> dropEmptied() {
      return partitions
          .list()
          .compose(
              names -> {
                Future<Void> chain = Future.succeededFuture();
                for (String name : names) {
                  if (!AuditPartitions.whollyBefore(name, cutoffs.eventAudit())) {
                    continue;
                  }
                  if (policy.dryRun()) {
                    dropped++;
                  } else {
                    chain =
                        chain.compose(
                            v ->
                                partitions
                                    .dropIfEmpty(name)
                                    .map(
                                        d -> {
                                          if (d) {
                                            dropped++;
                                            LOG.info(
                                                "retention: dropped emptied partition {}", name);
                                          }
                                          return null;
                                        }));
                  }
                }
                return chain;
              });
    }

    Future<?> expireArchive() {
      return audit
          .expireArchive(cutoffs.archive(), policy.batchSize(), policy.dryRun())
          .onSuccess(n -> archiveDeleted = n);
    }

    Future<?> trimConfigAudit() {
      return audit
          .trimConfigAudit(cutoffs.configAudit(), policy.batchSize(), policy.dryRun())
          .onSuccess(n -> configDeleted = n);
    }

    Future<?> trimDlqs() {
      Future<Void> chain = Future.succeededFuture();
      for (String key : List.of(rt.keys().alerterDlq, rt.keys().moogDlq, rt.keys().deadLetters)) {
        chain =
            chain.compose(
                v ->
                    dlq.trim(key, cutoffs.dlq(), policy.batchSize(), policy.dryRun())
                        .map(
                            n -> {
                              dlqRemoved.put(key, n);
                              return null;
                            }));
      }
      return chain;
    }

    RetentionOutcome finish() {
      long end = clock.millis();
      RetentionOutcome outcome =
          new RetentionOutcome(
              policy.dryRun(),
              ensured,
              archived,
              dropped,
              archiveDeleted,
              configDeleted,
              dlqRemoved,
              failed,
              (end - startMs) / 1000.0);
      metrics.record(outcome, policy, end);
      LOG.info(
          "retention run{} finished in {} s: {} event audit rows archived, {} partitions dropped, {} archive"
              + " rows and {} config audit rows deleted, {} DLQ entries removed{}",
          policy.dryRun() ? " (dry run, nothing changed)" : "",
          outcome.durationSeconds(),
          archived,
          dropped,
          archiveDeleted,
          configDeleted,
          outcome.dlqRemovedTotal(),
          failed.isEmpty() ? "" : "; failed: " + failed);
      return outcome;
    }
  }
}
