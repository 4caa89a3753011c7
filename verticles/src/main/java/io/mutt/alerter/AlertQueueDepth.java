package io.mutt.alerter;

import io.mutt.queue.DurableQueue;
import io.vertx.core.Vertx;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The alert-queue depth the backpressure of SPEC.md §5.9 compares with its thresholds: XLEN of the alert stream
 * sampled every {@code periodMs} (not once per event), shared by the consumers of this JVM and published as
 * {@code mutt_alerter_queue_depth}. At most one XLEN is in flight; when Redis does not answer the last sample stays,
 * and an XLEN without a reply after ten periods (at least 1 s) is given up, so a lost reply cannot freeze a sample
 * above the shed threshold and defer consumption for good.
 */
final class AlertQueueDepth {

  private final Vertx vertx;
  private final DurableQueue queue;
  private final AtomicLong gauge;
  private final AtomicBoolean inFlight = new AtomicBoolean();
  private final long timer;
  private final long replyTimeoutMs;

  AlertQueueDepth(Vertx vertx, DurableQueue queue, long periodMs, AtomicLong gauge) {
    this.vertx = vertx;
    this.queue = queue;
    this.gauge = gauge;
    this.replyTimeoutMs = Math.max(1000, 10 * periodMs);
    this.timer = vertx.setPeriodic(0, periodMs, id -> sample());
  }

  private void sample() {
    if (!inFlight.compareAndSet(false, true)) {
      return;
    }
    queue.depth().timeout(replyTimeoutMs, TimeUnit.MILLISECONDS).onComplete(ar -> {
      inFlight.set(false);
      if (ar.succeeded()) {
        gauge.set(ar.result());
      }
    });
  }

  long depth() {
    return gauge.get();
  }

  void close() {
    vertx.cancelTimer(timer);
  }
}
