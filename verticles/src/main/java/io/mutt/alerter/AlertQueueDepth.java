package io.mutt.alerter;

import io.mutt.queue.DepthPoll;
import io.mutt.queue.DurableQueue;
import io.vertx.core.Vertx;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The alert-queue depth the backpressure compares with its thresholds: XLEN of the alert stream
 * sampled every {@code periodMs} (not once per event), shared by the consumers of this JVM and
 * published as {@code mutt_alerter_queue_depth}. Requests go through a {@link DepthPoll} (one in
 * flight, a lost reply given up, so a frozen sample above the shed threshold cannot defer
 * consumption for good); when Redis does not answer the last sample stays.
 */
final class AlertQueueDepth {

  private final Vertx vertx;
  private final AtomicLong gauge;
  private final DepthPoll poll;
  private final long timer;

  AlertQueueDepth(Vertx vertx, DurableQueue queue, long periodMs, AtomicLong gauge) {
    this.vertx = vertx;
    this.gauge = gauge;
    this.poll = new DepthPoll(queue, periodMs);
    this.timer = vertx.setPeriodic(0, periodMs, id -> poll.poll(gauge::set));
  }

  long depth() {
    return gauge.get();
  }

  void close() {
    vertx.cancelTimer(timer);
  }
}
