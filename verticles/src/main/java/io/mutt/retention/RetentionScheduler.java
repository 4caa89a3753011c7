package io.mutt.retention;

import io.mutt.pipeline.delivery.LeaderLease;
import io.mutt.pipeline.retention.RetentionPolicy;
import io.mutt.redis.RedisLease;
import io.mutt.runtime.MuttRuntime;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.time.Clock;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs retention inside MUTT on exactly one node: every {@code RETENTION_CHECK_INTERVAL_MS} it
 * takes or renews the leader lease {@code mutt:leader:retention} (expiry three intervals). The
 * leader ensures the coming partitions when it becomes leader and then hourly, and runs the daily
 * {@link RetentionJob} once per UTC day at {@code RETENTION_RUN_AT} (default 02:00) or, after a
 * hand-over or restart, later within {@code RETENTION_RUN_WINDOW_MINUTES}; the day of the last run
 * is kept in {@code mutt:retention:last_run} so a new leader does not repeat it. {@code
 * retention_enforcement_enabled} (dynamic) is read before each run.
 */
public final class RetentionScheduler extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(RetentionScheduler.class);
  private static final long HOUR_MS = 3_600_000L;

  private final MuttRuntime rt;
  private final Clock clock;
  private final RetentionJob job;
  private final RedisLease lock;
  private final String lastRunKey;
  private final long intervalMs;
  private final LocalTime runAt;
  private final long windowMinutes;
  private long timer = -1;
  private boolean leader;
  private boolean busy;
  private long lastEnsureMs = Long.MIN_VALUE;

  public RetentionScheduler(MuttRuntime rt, Clock clock, RetentionMetrics metrics) {
    this.rt = rt;
    this.clock = clock;
    this.job = new RetentionJob(rt, clock, metrics);
    this.intervalMs = rt.config().atLeast("RETENTION_CHECK_INTERVAL_MS", 10_000, 50);
    this.lock =
        new RedisLease(
            "retention",
            rt.redis(),
            rt.keys().retentionLeader,
            rt.podName() + "-" + UUID.randomUUID().toString().substring(0, 8),
            new LeaderLease(3L * intervalMs));
    this.lastRunKey = rt.keys().retentionLastRun;
    this.runAt = parseRunAt(rt.config().string("RETENTION_RUN_AT", "02:00"));
    this.windowMinutes = rt.config().atLeast("RETENTION_RUN_WINDOW_MINUTES", 60, 1);
  }

  static LocalTime parseRunAt(String text) {
    try {
      return LocalTime.parse(text.length() == 4 ? "0" + text : text);
    } catch (DateTimeParseException e) {
      throw new io.mutt.config.ConfigException(
          "RETENTION_RUN_AT must be a UTC time HH:MM, got '" + text + "'");
    }
  }

  @Override
  public Future<?> start() {
    timer = vertx.setPeriodic(intervalMs, id -> tick());
    return tick();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    return leader
        ? lock.release().recover(err -> Future.succeededFuture())
        : Future.succeededFuture();
  }

  /** Whether this instance held the lease at its last check. */
  public boolean isLeader() {
    return leader;
  }

  private Future<Void> tick() {
    return lock.tick()
        .compose(
            isLeader -> {
              leader = isLeader;
              if (!leader || busy) {
                return Future.succeededFuture();
              }
              busy = true;
              return ensureHourly().compose(v -> runIfDue()).andThen(ar -> busy = false);
            })
        .recover(
            err -> {
              LOG.warn("retention scheduler check failed: {}", err.getMessage());
              return Future.succeededFuture();
            });
  }

  private Future<Void> ensureHourly() {
    long now = clock.millis();
    if (lastEnsureMs != Long.MIN_VALUE && now - lastEnsureMs < HOUR_MS) {
      return Future.succeededFuture();
    }
    RetentionPolicy policy = job.policy();
    return job.ensurePartitions(policy.precreateMonths())
        .onSuccess(n -> lastEnsureMs = now)
        .eventually(() -> job.observe(policy.precreateMonths()).otherwiseEmpty())
        .mapEmpty();
  }

  private Future<Void> runIfDue() {
    ZonedDateTime now = ZonedDateTime.now(clock.withZone(ZoneOffset.UTC));
    ZonedDateTime due = now.toLocalDate().atTime(runAt).atZone(ZoneOffset.UTC);
    if (now.isBefore(due) || now.isAfter(due.plusMinutes(windowMinutes))) {
      return Future.succeededFuture();
    }
    String today = now.toLocalDate().toString();
    return rt.redis()
        .send(Request.cmd(Command.GET).arg(lastRunKey))
        .compose(
            last -> {
              if (last != null && today.equals(last.toString())) {
                return Future.succeededFuture();
              }
              RetentionPolicy policy = job.policy();
              if (!policy.enabled()) {
                LOG.info(
                    "retention is disabled (retention_enforcement_enabled / RETENTION_ENABLED); skipping {}",
                    today);
                return markRun(today);
              }
              return job.run(policy).compose(outcome -> markRun(today));
            });
  }

  private Future<Void> markRun(String day) {
    return rt.redis()
        .send(Request.cmd(Command.SET).arg(lastRunKey).arg(day).arg("EX").arg(7 * 86_400))
        .mapEmpty();
  }
}
