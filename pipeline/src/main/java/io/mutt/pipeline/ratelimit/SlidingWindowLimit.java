package io.mutt.pipeline.ratelimit;

import java.util.Optional;

/**
 * The shared ingest limit: at most {@code maxEvents} accepted events in any sliding window of
 * {@code windowSeconds}, across every ingest instance. The window is a sorted set of one member per
 * accepted event (score = Redis time in fractional epoch seconds); members older than {@code now -
 * window} are trimmed first, then a request of {@code n} events is admitted iff {@code inWindow + n
 * <= maxEvents} (ADR 0007: a batch counts as its events, so a batch of 100 uses 100 places).
 */
public record SlidingWindowLimit(long maxEvents, long windowSeconds) {

  public SlidingWindowLimit {
    if (maxEvents < 1) {
      throw new IllegalArgumentException("INGEST_MAX_RATE must be >= 1, got " + maxEvents);
    }
    if (windowSeconds < 1) {
      throw new IllegalArgumentException("INGEST_RATE_WINDOW must be >= 1, got " + windowSeconds);
    }
  }

  /**
   * The limit in force: the dynamic values {@code ingest_max_rate} / {@code ingest_rate_window}
   * when present and usable (whole numbers >= 1), else the static ones (read when the limiter is
   * built).
   */
  public static SlidingWindowLimit resolve(
      long staticMax,
      long staticWindow,
      Optional<String> dynamicMax,
      Optional<String> dynamicWindow) {
    return new SlidingWindowLimit(
        positive(dynamicMax).orElse(staticMax), positive(dynamicWindow).orElse(staticWindow));
  }

  private static Optional<Long> positive(Optional<String> value) {
    return value.flatMap(
        v -> {
          try {
            double d = Double.parseDouble(v.trim());
            return d >= 1 && d <= Long.MAX_VALUE && d == Math.rint(d)
                ? Optional.of((long) d)
                : Optional.empty();
          } catch (NumberFormatException e) {
            return Optional.empty();
          }
        });
  }

  /**
   * Whether {@code n} more events fit when {@code inWindow} events were accepted in the current
   * window.
   */
  public boolean admits(long inWindow, long n) {
    return inWindow + n <= maxEvents;
  }

  /** Scores at or below this are outside the window ending at {@code nowSeconds}. */
  public double cutoff(double nowSeconds) {
    return nowSeconds - windowSeconds;
  }

  /** The key's TTL: the window plus one second, refreshed on every admission. */
  public long ttlMillis() {
    return windowSeconds * 1000 + 1000;
  }

  /**
   * {@code retry_after} of the 429 answer and its {@code Retry-After} header: the window
   * (docs/reference/http-api.md).
   */
  public long retryAfterSeconds() {
    return windowSeconds;
  }

  /** Whether a request of {@code n} events can never be admitted, whatever the window holds. */
  public boolean neverAdmits(long n) {
    return n > maxEvents;
  }
}
