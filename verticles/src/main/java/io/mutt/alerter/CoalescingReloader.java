package io.mutt.alerter;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one in-memory state of the alerter current by running its load: the first load is retried
 * with a backoff (1 s, doubling, at most 30 s) until it succeeds; then a load runs every interval
 * (re-read each cycle) and on each {@link #reload} trigger. Triggers that arrive while a load runs
 * coalesce into one more load after it. Used on the verticle's event loop only.
 */
final class CoalescingReloader {

  private static final Logger LOG = LoggerFactory.getLogger(CoalescingReloader.class);
  private static final long MAX_RETRY_MS = 30_000;

  private final Vertx vertx;
  private final String what;
  private final Function<String, Future<Void>> load;
  private final LongSupplier intervalMs;
  private final BooleanSupplier admit;
  private boolean loading;
  private boolean again;
  private boolean stopped;
  private long timer = -1;

  /**
   * @param what the state's name in log lines ("rule cache")
   * @param load loads and installs the state; given the trigger's name, it logs its own outcome
   * @param intervalMs the time from one scheduled load to the next
   * @param admit asked before each triggered load; false skips it (the caller remembers why)
   */
  CoalescingReloader(
      Vertx vertx,
      String what,
      Function<String, Future<Void>> load,
      LongSupplier intervalMs,
      BooleanSupplier admit) {
    this.vertx = vertx;
    this.what = what;
    this.load = load;
    this.intervalMs = intervalMs;
    this.admit = admit;
  }

  /** Completes after the first successful load; then loads every interval. */
  Future<Void> start() {
    Promise<Void> first = Promise.promise();
    initialLoad(0, first);
    return first.future().onSuccess(v -> scheduleNext());
  }

  /** Loads now, or once more after the load in progress. */
  void reload(String trigger) {
    if (!admit.getAsBoolean()) {
      return;
    }
    if (loading) {
      again = true;
      return;
    }
    loadOnce(trigger)
        .onComplete(
            ar -> {
              if (again && !stopped) {
                again = false;
                reload("coalesced");
              }
            });
  }

  /** No load is scheduled or coalesced from now on. */
  void stop() {
    stopped = true;
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  private void initialLoad(int attempt, Promise<Void> done) {
    loadOnce("startup")
        .onSuccess(v -> done.complete())
        .onFailure(
            err -> {
              long wait = Math.min(MAX_RETRY_MS, 1000L << Math.min(attempt, 5));
              LOG.warn(
                  "initial {} load failed ({}); retrying in {} ms before consuming",
                  what,
                  err.getMessage(),
                  wait);
              vertx.setTimer(wait, t -> initialLoad(attempt + 1, done));
            });
  }

  private void scheduleNext() {
    if (stopped) {
      return;
    }
    timer =
        vertx.setTimer(
            intervalMs.getAsLong(),
            t -> {
              reload("interval");
              scheduleNext();
            });
  }

  private Future<Void> loadOnce(String trigger) {
    loading = true;
    return load.apply(trigger).onComplete(ar -> loading = false);
  }
}
