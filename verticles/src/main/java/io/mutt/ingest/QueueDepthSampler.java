package io.mutt.ingest;

import io.mutt.queue.DurableQueue;
import io.vertx.core.Vertx;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples the ingest queue depth (XLEN) every {@code periodMs} into a {@link DepthLedger} shared by all ingest
 * instances of the JVM, and publishes it as {@code mutt_ingest_queue_depth}. At most one XLEN is in flight; when
 * Redis does not answer, the last sample stays and the ledger keeps counting this JVM's own writes. An XLEN whose
 * reply does not come within {@link #replyTimeoutMs(long)} is given up, so one lost reply cannot stop sampling for good
 * (the estimate would then only grow and the ingest answer 503 queue_full with an empty queue).
 */
public final class QueueDepthSampler {

  private final DepthLedger ledger = new DepthLedger();
  private final AtomicBoolean inFlight = new AtomicBoolean();
  private final AtomicLong gauge;
  private final DurableQueue queue;
  private final Vertx vertx;
  private final long timer;
  private final long replyTimeoutMs;

  public QueueDepthSampler(Vertx vertx, DurableQueue queue, long periodMs, AtomicLong gauge) {
    this.vertx = vertx;
    this.queue = queue;
    this.gauge = gauge;
    this.replyTimeoutMs = replyTimeoutMs(periodMs);
    this.timer = vertx.setPeriodic(0, periodMs, id -> sample());
  }

  /** Ten sampling periods, at least one second: far above a healthy XLEN, well below an operator noticing. */
  static long replyTimeoutMs(long periodMs) {
    return Math.max(1000, 10 * periodMs);
  }

  private void sample() {
    if (!inFlight.compareAndSet(false, true)) {
      return;
    }
    long token = ledger.sampleRequested();
    queue.depth().timeout(replyTimeoutMs, TimeUnit.MILLISECONDS).onComplete(ar -> {
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
