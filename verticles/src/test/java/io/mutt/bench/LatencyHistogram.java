package io.mutt.bench;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A thread-safe latency histogram with 1 ms buckets up to {@code maxMs}; larger values land in the
 * last bucket.
 */
final class LatencyHistogram {

  private final AtomicLongArray buckets;

  LatencyHistogram(int maxMs) {
    this.buckets = new AtomicLongArray(maxMs + 1);
  }

  void record(long ms) {
    int i = (int) Math.max(0, Math.min(buckets.length() - 1, ms));
    buckets.incrementAndGet(i);
  }

  long count() {
    long n = 0;
    for (int i = 0; i < buckets.length(); i++) {
      n += buckets.get(i);
    }
    return n;
  }

  /**
   * The smallest latency (ms) at or below which {@code q} of the samples lie; -1 without samples.
   */
  long percentile(double q) {
    long total = count();
    if (total == 0) {
      return -1;
    }
    long rank = (long) Math.ceil(q * total);
    long seen = 0;
    for (int i = 0; i < buckets.length(); i++) {
      seen += buckets.get(i);
      if (seen >= rank) {
        return i;
      }
    }
    return buckets.length() - 1;
  }

  long max() {
    for (int i = buckets.length() - 1; i >= 0; i--) {
      if (buckets.get(i) > 0) {
        return i;
      }
    }
    return -1;
  }
}
