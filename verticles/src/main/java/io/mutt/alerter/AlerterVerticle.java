package io.mutt.alerter;

import io.mutt.db.DatabaseBreaker;
import io.mutt.pipeline.alerting.Backpressure;
import io.mutt.pipeline.alerting.BackpressurePolicy;
import io.mutt.pipeline.alerting.BackpressureSettings;
import io.mutt.pipeline.backoff.Backoff;
import io.mutt.queue.DurableQueue;
import io.mutt.queue.QueueEntry;
import io.mutt.runtime.Failures;
import io.mutt.runtime.MuttRuntime;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One alerter consumer: reads batches from the durable ingest queue under its own worker identity,
 * hands them to the {@link BatchProcessor}, and acknowledges what became durable. At start it first
 * finishes its own unacknowledged entries (a restart with the same identity); a janitor timer takes
 * over entries other consumers left unacknowledged for {@code ALERTER_JANITOR_TIMEOUT}. Before each
 * batch it applies the backpressure (see {@link Shedder} and {@link DeferGate}). Nothing here
 * blocks: each step is a future and the next iteration is scheduled on the event loop.
 */
final class AlerterVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(AlerterVerticle.class);
  private static final long ERROR_PAUSE_MS = 1000;
  private static final long WARN_EVERY_MS = 10_000;

  private final MuttRuntime rt;
  private final AlerterSettings settings;
  private final DurableQueue queue;
  private final BatchProcessor processor;
  private final AlertQueueDepth alertDepth;
  private final Shedder shedder;
  private final String consumer;
  private final AlerterMetrics metrics;
  private final DatabaseBreaker database;

  /** The alert stream's partitions: a batch's alerts may be on any of them. */
  private final List<String> alertStreams;

  private boolean heldByDatabase;
  private DeferGate gate;
  private long janitorTimer = -1;
  private boolean janitorBusy;
  private boolean stopped;
  private long lastWarnMs;
  private Future<?> inFlight = Future.succeededFuture();

  AlerterVerticle(
      MuttRuntime rt,
      AlerterSettings settings,
      DurableQueue queue,
      BatchProcessor processor,
      AlertQueueDepth alertDepth,
      Shedder shedder,
      AlerterMetrics metrics,
      String consumer,
      DatabaseBreaker database) {
    this.database = database;
    this.rt = rt;
    this.alertStreams =
        rt.keys().alertPartitions.stream()
            .map(io.mutt.contract.RedisKeys.AlertSlot::stream)
            .toList();
    this.settings = settings;
    this.queue = queue;
    this.processor = processor;
    this.alertDepth = alertDepth;
    this.shedder = shedder;
    this.consumer = consumer;
    this.metrics = metrics;
  }

  @Override
  public Future<?> start() {
    gate = new DeferGate(vertx, "alerter-defer-" + consumer);
    long period = Math.max(100, settings.janitorTimeoutMs() / 2);
    return queue
        .join(vertx, consumer)
        .onSuccess(
            v -> {
              janitorTimer = vertx.setPeriodic(period, period, id -> janitor());
              recoverOwn().onComplete(ar -> loop());
            });
  }

  /**
   * Entries this identity read before a restart and never acknowledged, batch after batch; stops
   * when a round leaves some pending (the janitor retries those later). Iterates on fresh stacks,
   * never by nesting futures.
   */
  private Future<Void> recoverOwn() {
    Promise<Void> done = Promise.promise();
    repeat(
        () ->
            queue
                .readOwnPending(consumer, settings.batchSize())
                .compose(
                    entries -> {
                      if (entries.isEmpty()) {
                        return Future.succeededFuture(false);
                      }
                      LOG.info(
                          "{} resumes {} entries it held before a restart",
                          consumer,
                          entries.size());
                      return handle(entries).map(acked -> acked == entries.size());
                    }),
        done);
    return done.future()
        .recover(
            err -> {
              LOG.warn("{} could not read its own pending entries: {}", consumer, err.getMessage());
              return Future.succeededFuture();
            });
  }

  /**
   * Runs {@code step} until it answers false (or fails, or the verticle stops), each run on a fresh
   * stack.
   */
  private void repeat(Supplier<Future<Boolean>> step, Promise<Void> done) {
    step.get()
        .onComplete(
            ar -> {
              if (ar.failed()) {
                done.fail(ar.cause());
              } else if (ar.result() && !stopped) {
                vertx.runOnContext(v -> repeat(step, done));
              } else {
                done.complete();
              }
            });
  }

  private void loop() {
    if (stopped) {
      return;
    }
    if (!mayRead()) {
      return;
    }
    BackpressureSettings bp = settings.backpressure(rt.dynamic());
    long depth = alertDepth.depth();
    Backpressure action = BackpressurePolicy.decide(depth, bp);
    if (action == Backpressure.WARN || action == Backpressure.UNKNOWN_MODE) {
      warn(action, depth, bp);
    }
    if (action == Backpressure.SHED_DLQ) {
      next(
          shedder.shed(consumer, settings.batchSize(), depth, bp.shedThreshold()),
          BackpressurePolicy.STEP_PAUSE_MS);
      return;
    }
    if (bp.deferMode()) {
      gate.admit(action == Backpressure.DEFER, bp.deferSleepMs())
          .onComplete(
              ar -> {
                if (ar.succeeded() && ar.result()) {
                  consume();
                } else {
                  metrics.shed("defer").increment();
                  long pause =
                      Backoff.jittered(bp.deferSleepMs(), 0.2, ThreadLocalRandom.current())
                          + BackpressurePolicy.STEP_PAUSE_MS;
                  deferred(pause);
                  next(Future.succeededFuture(), pause);
                }
              });
      return;
    }
    consume();
  }

  /** Counts a deferral pause, here and cluster-wide for the dashboard's storm panel. */
  private void deferred(long pauseMs) {
    metrics.deferredSeconds.increment(pauseMs / 1000.0);
    rt.redis()
        .send(Request.cmd(Command.INCRBY).arg(rt.keys().deferredMillis).arg(pauseMs))
        .onFailure(err -> LOG.debug("deferred-time counter: {}", err.getMessage()));
  }

  /**
   * The "may read" gate: while PostgreSQL is unreachable (ADR 0025) nothing is read; the loop asks
   * again after the breaker's probe period. On the way back it first finishes the entries it held
   * when the outage began. Answers whether the loop may go on now.
   */
  private boolean mayRead() {
    if (!database.available()) {
      heldByDatabase = true;
      vertx.setTimer(database.retryMs(), t -> loop());
      return false;
    }
    if (heldByDatabase) {
      heldByDatabase = false;
      recoverOwn().onComplete(ar -> loop());
      return false;
    }
    return true;
  }

  private void consume() {
    Future<Integer> step =
        queue
            .read(consumer, settings.batchSize(), settings.blockMs())
            .timeout(settings.blockMs() + stepTimeoutMs(), TimeUnit.MILLISECONDS)
            .compose(entries -> stopped ? Future.succeededFuture(0) : handle(entries));
    next(step, 0);
  }

  /** Processes and acknowledges entries; completes with how many were acknowledged. */
  private Future<Integer> handle(List<QueueEntry> entries) {
    if (entries.isEmpty()) {
      return Future.succeededFuture(0);
    }
    metrics.inFlight.addAndGet(entries.size());
    Future<Integer> done =
        processor
            .process(entries)
            .compose(ids -> replicated(ids).compose(v -> queue.ack(ids)).map(ids.size()))
            .timeout(stepTimeoutMs(), TimeUnit.MILLISECONDS)
            .onFailure(
                err -> {
                  if (err instanceof TimeoutException) {
                    LOG.warn(
                        "{}: a batch of {} entries did not complete within {} ms; they stay pending and are taken over",
                        consumer,
                        entries.size(),
                        stepTimeoutMs());
                  }
                })
            .onComplete(ar -> metrics.inFlight.addAndGet(-entries.size()));
    inFlight = done;
    return done;
  }

  /**
   * Waits until the batch's successors (alerts, coalescing windows) reached the required replicas
   * (ADR 0032), on the master of every alert-stream partition (ADR 0031); the DLQ writer waits for
   * its own. Until then nothing is acknowledged: entries whose successor a failover could still
   * lose stay pending and are redelivered.
   */
  private Future<Void> replicated(List<String> ids) {
    return ids.isEmpty() ? Future.succeededFuture() : rt.replicaAcks().replicated(alertStreams);
  }

  /** Runs the next iteration after {@code step}, on a fresh stack; pauses after a failure. */
  private void next(Future<?> step, long pauseMs) {
    step.onComplete(
        ar -> {
          if (stopped) {
            return;
          }
          long pause = pauseMs;
          if (ar.failed() && closing(ar.cause())) {
            return;
          }
          if (ar.failed()) {
            LOG.warn(
                "{} consumer step failed, retrying in {} ms: {}",
                consumer,
                ERROR_PAUSE_MS,
                ar.cause().getMessage());
            pause = Math.max(pause, ERROR_PAUSE_MS);
          }
          if (pause > 0) {
            vertx.setTimer(pause, t -> loop());
          } else {
            vertx.runOnContext(v -> loop());
          }
        });
  }

  /**
   * Takes over entries left unacknowledged longer than the janitor timeout (dead or stuck
   * consumers).
   */
  private void janitor() {
    if (janitorBusy || stopped || !database.available()) {
      return;
    }
    BackpressureSettings bp = settings.backpressure(rt.dynamic());
    if (BackpressurePolicy.decide(alertDepth.depth(), bp) == Backpressure.DEFER) {
      return;
    }
    janitorBusy = true;
    claimRound()
        .onComplete(
            ar -> {
              janitorBusy = false;
              if (ar.failed() && !closing(ar.cause())) {
                LOG.warn("{} janitor failed: {}", consumer, ar.cause().getMessage());
              }
            });
  }

  private Future<Void> claimRound() {
    Promise<Void> done = Promise.promise();
    repeat(
        () ->
            queue
                .claimIdle(consumer, settings.janitorTimeoutMs(), settings.batchSize())
                .compose(
                    entries -> {
                      if (entries.isEmpty()) {
                        return Future.succeededFuture(false);
                      }
                      LOG.info(
                          "{} took over {} entries idle for more than {} ms",
                          consumer,
                          entries.size(),
                          settings.janitorTimeoutMs());
                      return handle(entries).map(acked -> entries.size() == settings.batchSize());
                    }),
        done);
    return done.future();
  }

  private void warn(Backpressure action, long depth, BackpressureSettings bp) {
    long now = System.currentTimeMillis();
    if (now - lastWarnMs < WARN_EVERY_MS) {
      return;
    }
    lastWarnMs = now;
    if (action == Backpressure.WARN) {
      LOG.warn("alert queue depth {} above the warn threshold {}", depth, bp.warnThreshold());
    } else {
      LOG.warn(
          "alert queue depth {} above the shed threshold {} but alerter_shed_mode '{}' is neither dlq nor defer;"
              + " consuming anyway",
          depth,
          bp.shedThreshold(),
          bp.mode());
    }
  }

  /**
   * The shared Redis client was closed: the JVM is shutting down and this verticle is about to be
   * stopped.
   */
  private static boolean closing(Throwable err) {
    return Failures.isClosed(err);
  }

  /**
   * How long one batch may take before the consumer gives up waiting for it and moves on. A reply
   * that never comes (a connection lost mid-call) must not stop the consumer; the entries stay
   * pending and the janitor re-delivers them. Twice the janitor timeout, at least 30 s.
   */
  private long stepTimeoutMs() {
    return Math.max(30_000, 2 * settings.janitorTimeoutMs());
  }

  @Override
  public Future<?> stop() {
    stopped = true;
    if (janitorTimer >= 0) {
      vertx.cancelTimer(janitorTimer);
    }
    if (gate != null) {
      gate.close();
    }
    return inFlight.otherwiseEmpty().compose(v -> queue.leave(consumer));
  }
}
