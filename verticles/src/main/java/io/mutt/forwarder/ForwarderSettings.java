package io.mutt.forwarder;

import io.mutt.config.ConfigException;
import io.mutt.config.MuttConfig;
import io.mutt.config.Secrets;

/**
 * The Forwarder's static settings (conf/mutt.yaml), validated once at start ({@code
 * MOOG_WEBHOOK_URL} non-empty, {@code MOOG_RATE_LIMIT >= 1}, {@code MOOG_MAX_RETRIES >= 0}). Units
 * are in the names. Values that the spec makes dynamic ({@code moog_rate_limit}, {@code
 * moog_rate_period}, {@code circuit_breaker_*}) are the fallbacks when Redis holds no override.
 */
public record ForwarderSettings(
    String webhookUrl,
    String apiKey,
    long webhookTimeoutMs,
    int instances,
    long healthHeadTimeoutMs,
    Consumer consumer,
    RateLimit rateLimit,
    Retry retry,
    Breaker breaker) {

  /**
   * How each consumer reads and holds alerts.
   *
   * @param batchSize alerts read per batch ({@code MOOG_BATCH_SIZE})
   * @param maxInFlight requests in flight per consumer ({@code MOOG_MAX_IN_FLIGHT})
   * @param blockMs longest wait for new alerts ({@code BRPOPLPUSH_TIMEOUT}, at most 1 s)
   * @param janitorTimeoutMs idle time after which unacknowledged alerts are taken over ({@code
   *     MOOG_JANITOR_TIMEOUT})
   * @param holdMaxMs how long unsent alerts may wait for rate permits before being parked
   * @param openDeferMs pause before looking again while the circuit is open ({@code
   *     MOOG_OPEN_DEFER_MS})
   */
  public record Consumer(
      int batchSize,
      int maxInFlight,
      long blockMs,
      long janitorTimeoutMs,
      long holdMaxMs,
      long openDeferMs) {}

  /**
   * Static fallbacks of the shared rate limit ({@code MOOG_RATE_LIMIT} requests per {@code
   * MOOG_RATE_PERIOD}).
   */
  public record RateLimit(int limit, long periodMs) {}

  /**
   * Retries of a failed alert ({@code MOOG_MAX_RETRIES}, {@code MOOG_RETRY_BASE_DELAY}, {@code
   * MOOG_RETRY_MAX_DELAY}).
   */
  public record Retry(int maxRetries, long baseMs, long maxMs) {}

  /**
   * The shared circuit breaker ({@code CIRCUIT_BREAKER_*}); threshold and timeout are the static
   * fallbacks of their dynamic keys.
   */
  public record Breaker(boolean enabled, int threshold, long timeoutMs, long watchMs) {}

  public static ForwarderSettings from(MuttConfig c, Secrets secrets) {
    String url = c.string("MOOG_WEBHOOK_URL", "");
    if (url.isEmpty()) {
      throw new ConfigException("MOOG_WEBHOOK_URL is required for the forwarder");
    }
    String key =
        secrets
            .get("MOOG_API_KEY")
            .orElseThrow(
                () ->
                    new ConfigException(
                        "MOOG_API_KEY is required but not set (environment variable or file in MUTT_SECRETS_DIR)"));
    long janitorMs = seconds(c, "MOOG_JANITOR_TIMEOUT", 15);
    long timeoutMs = seconds(c, "MOOG_WEBHOOK_TIMEOUT", 10);
    if (janitorMs < timeoutMs + 2000) {
      throw new ConfigException(
          "MOOG_JANITOR_TIMEOUT must exceed MOOG_WEBHOOK_TIMEOUT by at least 2 s, or another "
              + "consumer could take over alerts still being sent (got "
              + janitorMs / 1000.0
              + " s and "
              + timeoutMs / 1000.0
              + " s)");
    }
    double base = c.doubleValue("MOOG_RETRY_BASE_DELAY", 1.0);
    double max = c.doubleValue("MOOG_RETRY_MAX_DELAY", 60.0);
    if (base < 0 || max < base) {
      throw new ConfigException(
          "MOOG_RETRY_MAX_DELAY must be >= MOOG_RETRY_BASE_DELAY >= 0, got " + max + " / " + base);
    }
    return new ForwarderSettings(
        url,
        key,
        timeoutMs,
        c.atLeast("FORWARDER_INSTANCES", 2, 1),
        2000,
        new Consumer(
            c.atLeast("MOOG_BATCH_SIZE", 50, 1),
            c.atLeast("MOOG_MAX_IN_FLIGHT", 10, 1),
            Math.min(1000, seconds(c, "BRPOPLPUSH_TIMEOUT", 5)),
            janitorMs,
            holdMaxMs(janitorMs, timeoutMs),
            c.atLeast("MOOG_OPEN_DEFER_MS", 500, 10)),
        new RateLimit(c.atLeast("MOOG_RATE_LIMIT", 50, 1), positive(c, "MOOG_RATE_PERIOD", 1)),
        new Retry(
            c.atLeast("MOOG_MAX_RETRIES", 5, 0), Math.round(base * 1000), Math.round(max * 1000)),
        new Breaker(
            c.bool("CIRCUIT_BREAKER_ENABLED", true),
            c.atLeast("CIRCUIT_BREAKER_THRESHOLD", 10, 1),
            positive(c, "CIRCUIT_BREAKER_TIMEOUT", 5),
            c.atLeast("CIRCUIT_BREAKER_WATCH_MS", 250, 20)));
  }

  /**
   * How long a consumer may hold unsent alerts (waiting for rate permits) before parking them: held
   * time plus one last request must stay below the janitor timeout, or a live consumer could take
   * the alerts over mid-send.
   */
  static long holdMaxMs(long janitorMs, long timeoutMs) {
    return Math.max(200, Math.min(janitorMs / 3, janitorMs - timeoutMs - 1000));
  }

  /** A duration in (possibly fractional) seconds, as ms. */
  static long seconds(MuttConfig c, String key, double def) {
    double v = c.doubleValue(key, def);
    if (v < 0) {
      throw new ConfigException(key + " must be >= 0, got " + v);
    }
    return Math.round(v * 1000);
  }

  private static long positive(MuttConfig c, String key, double def) {
    long ms = seconds(c, key, def);
    if (ms <= 0) {
      throw new ConfigException(key + " must be > 0");
    }
    return ms;
  }
}
