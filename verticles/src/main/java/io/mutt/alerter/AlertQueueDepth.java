package io.mutt.alerter;

import io.mutt.queue.DepthPoll;
import io.mutt.queue.DurableQueue;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The alert-queue depth the backpressure compares with its thresholds: XLEN of the alert stream
 * sampled every {@code periodMs} (not once per event), shared by the consumers of this JVM and
 * published as {@code mutt_alerter_queue_depth}. Requests go through a {@link DepthPoll} (one in
 * flight, a lost reply given up, so a frozen sample above the shed threshold cannot defer
 * consumption for good); when Redis does not answer the last sample stays. A verticle, so that
 * undeploying it (or shutdown) stops the sampling.
 */
final class AlertQueueDepth extends VerticleBase {

  private final AtomicLong gauge;
  private final DepthPoll poll;
  private final long periodMs;
  private long timer = -1;

  AlertQueueDepth(DurableQueue queue, long periodMs, AtomicLong gauge) {
    this.gauge = gauge;
    this.periodMs = periodMs;
    this.poll = new DepthPoll(queue, periodMs);
  }

  @Override
  public Future<?> start() {
    timer = vertx.setPeriodic(0, periodMs, id -> poll.poll(gauge::set));
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    return Future.succeededFuture();
  }

  long depth() {
    return gauge.get();
  }
}
