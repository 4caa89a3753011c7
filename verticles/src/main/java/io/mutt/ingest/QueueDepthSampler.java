package io.mutt.ingest;

import io.mutt.queue.DepthPoll;
import io.mutt.queue.DurableQueue;
import io.vertx.core.Vertx;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples the ingest queue depth (XLEN) every {@code periodMs} into a {@link DepthLedger} shared by
 * all ingest instances of the JVM, and publishes it as {@code mutt_ingest_queue_depth}. Requests go
 * through a {@link DepthPoll} (one in flight, a lost reply given up); when Redis does not answer,
 * the last sample stays and the ledger keeps counting this JVM's own writes.
 */
public final class QueueDepthSampler {

  private final DepthLedger ledger = new DepthLedger();
  private final AtomicLong gauge;
  private final DepthPoll poll;
  private final Vertx vertx;
  private final long timer;

  public QueueDepthSampler(Vertx vertx, DurableQueue queue, long periodMs, AtomicLong gauge) {
    this.vertx = vertx;
    this.gauge = gauge;
    this.poll = new DepthPoll(queue, periodMs);
    this.timer = vertx.setPeriodic(0, periodMs, id -> sample());
  }

  private void sample() {
    long token =
        ledger.sampleRequested(); // only reads a counter: harmless when the poll is skipped
    poll.poll(
        depth -> {
          ledger.sampled(depth, token);
          gauge.set(depth);
        });
  }

  public DepthLedger ledger() {
    return ledger;
  }

  public void close() {
    vertx.cancelTimer(timer);
  }
}
