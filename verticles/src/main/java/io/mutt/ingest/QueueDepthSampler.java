package io.mutt.ingest;

import io.mutt.queue.DepthPoll;
import io.mutt.queue.DurableQueue;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples the ingest queue depth (XLEN) every {@code periodMs} into a {@link DepthLedger} shared by
 * all ingest instances of the JVM, and publishes it as {@code mutt_ingest_queue_depth}. Requests go
 * through a {@link DepthPoll} (one in flight, a lost reply given up); when Redis does not answer,
 * the last sample stays and the ledger keeps counting this JVM's own writes. A verticle, deployed
 * once per JVM, so that undeploying it (or shutdown) stops the sampling.
 */
public final class QueueDepthSampler extends VerticleBase {

  private final DepthLedger ledger = new DepthLedger();
  private final AtomicLong gauge;
  private final DepthPoll poll;
  private final long periodMs;
  private long timer = -1;

  public QueueDepthSampler(DurableQueue queue, long periodMs, AtomicLong gauge) {
    this.gauge = gauge;
    this.periodMs = periodMs;
    this.poll = new DepthPoll(queue, periodMs);
  }

  @Override
  public Future<?> start() {
    timer = vertx.setPeriodic(0, periodMs, id -> sample());
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    return Future.succeededFuture();
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
}
