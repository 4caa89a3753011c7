package io.mutt.ingest;

import io.mutt.queue.DurableQueue;
import io.vertx.core.Vertx;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples the ingest queue depth (XLEN) every {@code periodMs} into a {@link DepthLedger} shared by all ingest
 * instances of the JVM, and publishes it as {@code mutt_ingest_queue_depth}. At most one XLEN is in flight; when
 * Redis does not answer, the last sample stays and the ledger keeps counting this JVM's own writes.
 */
public final class QueueDepthSampler {

  private final DepthLedger ledger = new DepthLedger();
  private final AtomicBoolean inFlight = new AtomicBoolean();
  private final AtomicLong gauge;
  private final DurableQueue queue;
  private final Vertx vertx;
  private final long timer;

  public QueueDepthSampler(Vertx vertx, DurableQueue queue, long periodMs, AtomicLong gauge) {
    this.vertx = vertx;
    this.queue = queue;
    this.gauge = gauge;
    this.timer = vertx.setPeriodic(0, periodMs, id -> sample());
  }

  private void sample() {
    if (!inFlight.compareAndSet(false, true)) {
      return;
    }
    long token = ledger.sampleRequested();
    queue.depth().onComplete(ar -> {
      inFlight.set(false);
      if (ar.succeeded()) {
        ledger.sampled(ar.result(), token);
        gauge.set(ar.result());
      }
    });
  }

  DepthLedger ledger() {
    return ledger;
  }

  public void close() {
    vertx.cancelTimer(timer);
  }
}
