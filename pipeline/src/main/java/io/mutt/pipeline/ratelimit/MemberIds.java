package io.mutt.pipeline.ratelimit;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Unique sorted-set members for the shared limiter (members must be unique, or two admissions in
 * the same microsecond would count once; a script's RNG may be re-seeded per call, so uniqueness
 * comes from here): a random per-process instance tag and a counter. The limiter script appends
 * {@code :<i>} for the i-th event of a request and prefixes the score, giving {@code
 * <score>:<instance>-<counter>:<i>} as the original's {@code <now>:<random>} layout.
 */
public final class MemberIds {

  private final String instance;
  private final AtomicLong counter = new AtomicLong();

  public MemberIds(String instance) {
    if (instance == null || instance.isEmpty() || instance.contains(":")) {
      throw new IllegalArgumentException("instance tag must be non-empty and free of ':'");
    }
    this.instance = instance;
  }

  /** A tag of 12 random hex digits, different in every process. */
  public static MemberIds random() {
    return new MemberIds(HexFormat.of().formatHex(new SecureRandom().generateSeed(6)));
  }

  /** The member prefix of the next request; never repeats within this process. */
  public String next() {
    return instance + "-" + Long.toHexString(counter.incrementAndGet());
  }
}
