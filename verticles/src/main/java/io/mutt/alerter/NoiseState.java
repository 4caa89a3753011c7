package io.mutt.alerter;

import io.mutt.contract.BusAddresses;
import io.mutt.noise.NoiseStore;
import io.mutt.pipeline.noise.NoiseDecision;
import io.mutt.pipeline.noise.NoiseEngine;
import io.mutt.pipeline.noise.NoiseEvent;
import io.mutt.pipeline.noise.WindowEnds;
import io.mutt.pipeline.routing.RoutingDecision;
import io.mutt.runtime.MuttRuntime;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The noise state of this JVM's alerter (ADR 0027): the maintenance windows and silences as one
 * {@link NoiseEngine}, asked once per matched event with no database call, and kept current — read
 * at start (the consumers start after the first load), again at once on {@link
 * BusAddresses#NOISE_CHANGED} (any node of the cluster) and every {@code CACHE_RELOAD_INTERVAL}
 * seconds. Concurrent triggers coalesce into one more load; a failed load keeps the previous state.
 */
public final class NoiseState extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(NoiseState.class);

  /** How long an audited end is remembered (longer than any check gap). */
  private static final long MARK_TTL_MS = 7L * 24 * 3600 * 1000;

  static final String COUNT_AFFECTED =
      "SELECT count(*) FILTER (WHERE noise_decision ~ $3), count(*) FILTER (WHERE noise_decision ~ $4)"
          + " FROM event_audit_log WHERE event_timestamp >= $1 AND event_timestamp < $2"
          + " AND noise_decision IS NOT NULL";

  static final String INSERT_END =
      "INSERT INTO config_audit_log (changed_by, operation, table_name, record_id, new_values, reason)"
          + " VALUES ('mutt:alerter', 'END', 'maintenance_windows', $1, $2,"
          + " 'maintenance window ended; events suppressed during it are not replayed')";

  private final MuttRuntime rt;
  private final AlerterSettings settings;
  private final Clock clock;
  private final AtomicReference<NoiseEngine> engine = new AtomicReference<>(NoiseEngine.empty());
  private CoalescingReloader reloader;
  private long endTimer = -1;
  private Instant lastEndCheck;

  NoiseState(MuttRuntime rt, AlerterSettings settings, Clock clock) {
    this.rt = rt;
    this.settings = settings;
    this.clock = clock;
  }

  /** The decision for a matched event now. */
  NoiseDecision decide(String hostname, String message, RoutingDecision routing) {
    return engine
        .get()
        .decide(
            new NoiseEvent(hostname, message, routing.team(), routing.rule().id()), clock.millis());
  }

  @Override
  public Future<?> start() {
    reloader =
        new CoalescingReloader(
            vertx,
            "noise state",
            this::load,
            () -> settings.cacheReloadSeconds(rt.dynamic()) * 1000,
            () -> true);
    vertx
        .eventBus()
        .<JsonObject>consumer(BusAddresses.NOISE_CHANGED, m -> reload("event bus " + m.body()));
    return reloader
        .start()
        .onSuccess(
            v -> {
              lastEndCheck = clock.instant();
              endTimer = vertx.setPeriodic(settings.windowEndCheckMs(), t -> checkEnds());
            });
  }

  /**
   * Audits the window occurrences that closed since the last check: one {@code config_audit_log}
   * row ({@code END}) per occurrence for the whole cluster (the first alerter to set the
   * occurrence's mark in Redis writes it), with the events the window suppressed or downgraded
   * meanwhile (by event timestamp). Events suppressed during it are not replayed.
   */
  private void checkEnds() {
    Instant now = clock.instant();
    Instant previous = lastEndCheck;
    lastEndCheck = now;
    for (WindowEnds.Ended e : WindowEnds.between(engine.get().windows(), previous, now)) {
      String mark = rt.keys().windowEndPrefix + e.window().id() + ":" + e.end().toEpochMilli();
      rt.redis()
          .send(Request.cmd(Command.SET).arg(mark).arg("1").arg("NX").arg("PX").arg(MARK_TTL_MS))
          .compose(r -> r == null ? Future.succeededFuture() : auditEnd(e))
          .onFailure(
              err ->
                  LOG.warn(
                      "end of maintenance window {} at {} not audited: {}",
                      e.window().id(),
                      e.end(),
                      err.getMessage()));
    }
  }

  private Future<Void> auditEnd(WindowEnds.Ended e) {
    long id = e.window().id();
    Tuple range =
        Tuple.of(
            OffsetDateTime.ofInstant(e.start(), ZoneOffset.UTC),
            OffsetDateTime.ofInstant(e.end(), ZoneOffset.UTC),
            "^suppressed by window " + id + "($|;)",
            "^downgraded to [A-Za-z]+ by window " + id + "($|;)");
    return rt.pg()
        .preparedQuery(COUNT_AFFECTED)
        .execute(range)
        .compose(
            rows -> {
              Row counts = rows.iterator().next();
              JsonObject values =
                  new JsonObject()
                      .put("name", e.window().name())
                      .put("started_at", e.start().toString())
                      .put("ended_at", e.end().toString())
                      .put("events_suppressed", counts.getLong(0))
                      .put("events_downgraded", counts.getLong(1));
              LOG.info("maintenance window {} ended at {}: {}", id, e.end(), values.encode());
              return rt.pg()
                  .preparedQuery(INSERT_END)
                  .execute(Tuple.of((int) id, values))
                  .<Void>mapEmpty();
            });
  }

  private void reload(String trigger) {
    reloader.reload(trigger);
  }

  private Future<Void> load(String trigger) {
    return NoiseStore.load(rt.pg(), clock.instant())
        .onComplete(
            ar -> {
              if (ar.succeeded()) {
                engine.set(ar.result());
                LOG.info(
                    "noise state loaded ({}): {} maintenance windows, {} silences",
                    trigger,
                    ar.result().windows().size(),
                    ar.result().silences().size());
              } else {
                LOG.error(
                    "noise state reload ({}) failed, keeping the previous state: {}",
                    trigger,
                    ar.cause().getMessage());
              }
            })
        .mapEmpty();
  }

  @Override
  public Future<?> stop() {
    if (reloader != null) {
      reloader.stop();
    }
    if (endTimer >= 0) {
      vertx.cancelTimer(endTimer);
    }
    return Future.succeededFuture();
  }
}
