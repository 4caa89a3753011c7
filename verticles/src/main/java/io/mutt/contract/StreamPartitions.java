package io.mutt.contract;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32;

/**
 * How the ingest and alert streams are split into {@code REDIS_PARTITIONS} partitions (ADR 0031).
 * With one partition every name is the configured one, exactly as before partitioning existed. With
 * more, partition {@code i} of a stream {@code base} is {@code base:{t}} where {@code t} is the
 * partition's hash tag; when {@code base} already carries a hash tag {@code {X}}, the partition tag
 * goes inside it ({@code {X:t}}) so that the partition, not the deployment prefix, picks the Redis
 * Cluster slot. The tag of partition {@code i} is the first of {@code p<i>}, {@code p<i>.1}, {@code
 * p<i>.2}, … (prefixed by {@code X:} inside an existing tag) whose slot lies in the {@code i}-th of
 * {@code N} equal slot ranges: on a cluster whose slots are split evenly over its masters (what
 * {@code redis-cli --cluster create} does) the partitions spread evenly over the masters. Every key
 * derived from a partition (seen marks, coalescing windows, unhandled counters) carries the same
 * tag, so each script that touches them stays in one slot.
 */
public final class StreamPartitions {

  /** Number of Redis Cluster hash slots. */
  public static final int SLOTS = 16384;

  /** Upper bound of {@code REDIS_PARTITIONS}. */
  public static final int MAX = 1024;

  private final int count;

  public StreamPartitions(int count) {
    if (count < 1 || count > MAX) {
      throw new IllegalArgumentException(
          "REDIS_PARTITIONS must be between 1 and " + MAX + ", got " + count);
    }
    this.count = count;
  }

  public int count() {
    return count;
  }

  public boolean partitioned() {
    return count > 1;
  }

  /**
   * The partition of a hostname: CRC-32 of its lower-case UTF-8 bytes modulo the count, so one
   * host's events always go to the same partition, in order. A missing hostname is partition 0.
   */
  public int of(String hostname) {
    if (count == 1 || hostname == null) {
      return 0;
    }
    CRC32 crc = new CRC32();
    crc.update(hostname.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
    return (int) (crc.getValue() % count);
  }

  /** The key of partition {@code i} of the stream (or key family) {@code base}. */
  public String key(String base, int i) {
    if (count == 1) {
      return base;
    }
    int open = base.indexOf('{');
    int close = open < 0 ? -1 : base.indexOf('}', open + 1);
    if (open >= 0 && close > open + 1) {
      String inner = base.substring(open + 1, close);
      return base.substring(0, open + 1) + tag(inner + ":", i) + base.substring(close);
    }
    return base + ":{" + tag("", i) + "}";
  }

  /** Every partition key of {@code base}, in partition order. */
  public List<String> keys(String base) {
    List<String> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(key(base, i));
    }
    return out;
  }

  /** The hash tag of partition {@code i}: see the class comment. */
  String tag(String prefix, int i) {
    int lo = (int) ((long) i * SLOTS / count);
    int hi = (int) ((long) (i + 1) * SLOTS / count);
    for (int k = 0; ; k++) {
      String t = prefix + "p" + i + (k == 0 ? "" : "." + k);
      int slot = slot(t);
      if (slot >= lo && slot < hi) {
        return t;
      }
    }
  }

  /**
   * The Redis Cluster slot of a key: CRC16 (XMODEM) of its hash tag (the text between the first
   * {@code {} and the next {@code }}, when not empty) or of the whole key, modulo 16384.
   */
  public static int slot(String key) {
    byte[] b = key.getBytes(StandardCharsets.UTF_8);
    int start = 0;
    int end = b.length;
    int open = key.indexOf('{');
    if (open >= 0) {
      int close = key.indexOf('}', open + 1);
      if (close > open + 1) {
        start = key.substring(0, open + 1).getBytes(StandardCharsets.UTF_8).length;
        end = key.substring(0, close).getBytes(StandardCharsets.UTF_8).length;
      }
    }
    int crc = 0;
    for (int j = start; j < end; j++) {
      crc ^= (b[j] & 0xff) << 8;
      for (int bit = 0; bit < 8; bit++) {
        crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
        crc &= 0xffff;
      }
    }
    return crc % SLOTS;
  }
}
