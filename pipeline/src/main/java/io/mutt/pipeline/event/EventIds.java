package io.mutt.pipeline.event;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Identities given at ingest. {@code _event_id} is unique per accepted event (a random per-process
 * prefix and a counter, so it costs no entropy per event) and is the idempotence key downstream
 * (ADR 0003). Correlation ids are UUIDv4 text.
 */
public final class EventIds {

  private static final String PREFIX = HexFormat.of().formatHex(new SecureRandom().generateSeed(6));
  private static final AtomicLong COUNTER = new AtomicLong();

  private EventIds() {}

  public static String nextEventId() {
    return PREFIX + "-" + Long.toHexString(COUNTER.incrementAndGet());
  }

  /** A random UUIDv4 from a fast non-blocking generator (correlation ids are not secrets). */
  public static String newCorrelationId() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    long msb = (r.nextLong() & 0xffffffffffff0fffL) | 0x0000000000004000L;
    long lsb = (r.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
    return new UUID(msb, lsb).toString();
  }
}
