package io.mutt.alerter;

import io.mutt.contract.BusAddresses;
import io.mutt.noise.NoiseStore;
import io.mutt.pipeline.noise.NoiseDecision;
import io.mutt.pipeline.noise.NoiseEngine;
import io.mutt.pipeline.noise.NoiseEvent;
import io.mutt.pipeline.routing.RoutingDecision;
import io.mutt.runtime.MuttRuntime;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
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

  private final MuttRuntime rt;
  private final AlerterSettings settings;
  private final Clock clock;
  private final AtomicReference<NoiseEngine> engine = new AtomicReference<>(NoiseEngine.empty());
  private boolean loading;
  private boolean again;
  private long timer = -1;

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
    vertx
        .eventBus()
        .<JsonObject>consumer(BusAddresses.NOISE_CHANGED, m -> reload("event bus " + m.body()));
    Promise<Void> first = Promise.promise();
    initialLoad(0, first);
    return first.future().onSuccess(v -> scheduleNext());
  }

  private void initialLoad(int attempt, Promise<Void> done) {
    load("startup")
        .onSuccess(v -> done.complete())
        .onFailure(
            err -> {
              long wait = Math.min(30_000, 1000L << Math.min(attempt, 5));
              LOG.warn(
                  "initial noise state load failed ({}); retrying in {} ms",
                  err.getMessage(),
                  wait);
              vertx.setTimer(wait, t -> initialLoad(attempt + 1, done));
            });
  }

  private void scheduleNext() {
    timer =
        vertx.setTimer(
            settings.cacheReloadSeconds(rt.dynamic()) * 1000,
            t -> {
              reload("interval");
              scheduleNext();
            });
  }

  private void reload(String trigger) {
    if (loading) {
      again = true;
      return;
    }
    load(trigger)
        .onComplete(
            ar -> {
              if (again) {
                again = false;
                reload("coalesced");
              }
            });
  }

  private Future<Void> load(String trigger) {
    loading = true;
    return NoiseStore.load(rt.pg(), clock.instant())
        .onComplete(
            ar -> {
              loading = false;
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
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    return Future.succeededFuture();
  }
}
