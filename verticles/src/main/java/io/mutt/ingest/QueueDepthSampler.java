package io.mutt.ingest;

import io.mutt.queue.DurableQueue;
import io.vertx.core.Vertx;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The ingest queue depth as seen by this JVM without a Redis round trip per request: XLEN sampled every
 * {@code periodMs}, plus what this JVM appended since the sample. Shared by all ingest instances of a JVM.
 * Overshoot of the cap is bounded by what other JVMs accept within one period.
 */
public final class QueueDepthSampler {

  private final AtomicLong sampled = new AtomicLong();
  private final AtomicLong sinceSample = new AtomicLong();
  private final AtomicLong gauge;
  private final long timer;
  private final Vertx vertx;

  public QueueDepthSampler(Vertx vertx, DurableQueue queue, long periodMs, AtomicLong gauge) {
    this.vertx = vertx;
    this.gauge = gauge;
    this.timer = vertx.setPeriodic(0, periodMs, id -> queue.depth().onSuccess(d -> {
      sinceSample.set(0);
      sampled.set(d);
      gauge.set(d);
    }));
  }

  public long depth() {
    return sampled.get() + sinceSample.get();
  }

  /** Reserves {@code n} places; returns the depth before the reservation. */
  public long reserve(long n) {
    long before = depth();
    sinceSample.addAndGet(n);
    gauge.set(before + n);
    return before;
  }

  /** Gives back places reserved for a write that failed. */
  public void release(long n) {
    sinceSample.addAndGet(-n);
  }

  public void close() {
    vertx.cancelTimer(timer);
  }
}
