package io.mutt.pipeline.clearing;

/**
 * Flap suppression limits of one rule (ADR 0038).
 *
 * @param threshold a key that changes state more than this many times within {@code windowMinutes}
 *     is flapping; 0 turns flap suppression off
 * @param windowMinutes the window the changes are counted in
 * @param stableMinutes how long a flapping key must go without a change before its final state is
 *     forwarded
 */
public record FlapSettings(int threshold, int windowMinutes, int stableMinutes) {

  /** {@code FLAP_THRESHOLD}, {@code FLAP_WINDOW_MINUTES}, {@code FLAP_STABLE_MINUTES}. */
  public static final FlapSettings DEFAULTS = new FlapSettings(5, 10, 15);

  public FlapSettings {
    if (threshold < 0 || windowMinutes < 1 || stableMinutes < 1) {
      throw new IllegalArgumentException(
          "flap threshold must be >= 0, window and stable minutes >= 1");
    }
  }

  public long windowMs() {
    return windowMinutes * 60_000L;
  }

  public long stableMs() {
    return stableMinutes * 60_000L;
  }
}
