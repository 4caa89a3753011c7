package io.mutt.ingest;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * This JVM's estimate of the ingest queue depth (for the queue cap, without a Redis round trip per
 * request; ADR 0007): the last sampled XLEN, plus the events this JVM wrote since that sample was
 * requested, plus the events reserved and still being written. The estimate never undercounts what
 * this JVM did, so this JVM alone never takes the queue past the cap; writes of other JVMs are seen
 * one sample later (the overshoot bound of ADR 0007). Thread-safe and lock-free: shared by every
 * ingest verticle instance of the JVM. No Vert.x.
 */
public final class DepthLedger {

  /** A reservation answer: whether {@code n} events fit, and the depth estimate before them. */
  public record Admission(boolean admitted, long depthBefore) {}

  private record Sample(long depth, long writtenWhenRequested) {}

  private final AtomicReference<Sample> sample = new AtomicReference<>(new Sample(0, 0));
  private final AtomicLong written = new AtomicLong();
  private final AtomicLong inFlight = new AtomicLong();

  /** Reserves room for {@code n} events if the estimate plus {@code n} stays within {@code cap}. */
  public Admission reserve(long n, long cap) {
    long flying = inFlight.addAndGet(n);
    Sample s = sample.get();
    long estimate = s.depth + (written.get() - s.writtenWhenRequested) + flying;
    if (estimate > cap) {
      inFlight.addAndGet(-n);
      return new Admission(false, estimate - n);
    }
    return new Admission(true, estimate - n);
  }

  /**
   * The reserved events are in Redis. Counted as written before leaving flight, so no reader
   * undercounts.
   */
  public void written(long n) {
    written.addAndGet(n);
    inFlight.addAndGet(-n);
  }

  /** The reserved events were not written (Redis error or rate limit). */
  public void released(long n) {
    inFlight.addAndGet(-n);
  }

  /** Call just before sending XLEN; pass the token to {@link #sampled}. */
  long sampleRequested() {
    return written.get();
  }

  /**
   * The XLEN answer for a sample requested when {@link #sampleRequested} returned {@code token}.
   */
  void sampled(long depth, long token) {
    sample.set(new Sample(depth, token));
  }

  /** The current estimate (for the gauge and answers). */
  public long estimate() {
    long flying = inFlight.get();
    Sample s = sample.get();
    return s.depth + (written.get() - s.writtenWhenRequested) + flying;
  }
}
