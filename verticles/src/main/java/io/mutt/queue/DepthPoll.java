package io.mutt.queue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;

/**
 * Asks a queue for its depth on behalf of a periodic sampler: at most one request in flight, and a
 * request without a reply after ten sampling periods (at least 1 s) is given up, so one lost Redis
 * reply cannot stop the sampling for good (a frozen depth kept the ingest answering 503 queue_full
 * with an empty queue). Failed or given-up requests leave the caller's last value in place.
 */
public final class DepthPoll {

  private final DurableQueue queue;
  private final long replyTimeoutMs;
  private final AtomicBoolean inFlight = new AtomicBoolean();

  public DepthPoll(DurableQueue queue, long periodMs) {
    this.queue = queue;
    this.replyTimeoutMs = Math.max(1000, 10 * periodMs);
  }

  /** Sends one depth request unless one is outstanding; {@code onDepth} gets the answer. */
  public void poll(LongConsumer onDepth) {
    if (!inFlight.compareAndSet(false, true)) {
      return;
    }
    queue
        .depth()
        .timeout(replyTimeoutMs, TimeUnit.MILLISECONDS)
        .onComplete(
            ar -> {
              inFlight.set(false);
              if (ar.succeeded()) {
                onDepth.accept(ar.result());
              }
            });
  }
}
