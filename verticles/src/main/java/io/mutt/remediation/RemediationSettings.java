package io.mutt.remediation;

import io.mutt.config.ConfigException;
import io.mutt.config.MuttConfig;
import io.mutt.config.Secrets;

/**
 * Remediation's static settings (conf/mutt.yaml), validated at start. Interval, batch size, poison
 * threshold, replay rate, Moogsoft's rate limit and the alert-queue warn threshold are the
 * fallbacks of the dynamic keys {@code remediation_interval}, {@code remediation_batch_size},
 * {@code max_poison_retries}, {@code remediation_replay_rate}, {@code moog_rate_limit}, {@code
 * moog_rate_period} and {@code alerter_queue_warn_threshold} (ADR 0018).
 */
public record RemediationSettings(
    boolean enabled,
    long intervalMs,
    int batchSize,
    int maxPoisonRetries,
    boolean healthCheckEnabled,
    String webhookUrl,
    String apiKey,
    long healthTimeoutMs,
    long healthCacheMs,
    long leaderLeaseMs,
    boolean replayMoogDlq,
    double replayRate,
    long moogRateLimit,
    double moogRatePeriodSeconds,
    long targetWarnThreshold) {

  public static RemediationSettings from(MuttConfig c, Secrets secrets) {
    double interval = c.doubleValue("REMEDIATION_INTERVAL", 30);
    if (interval <= 0) {
      throw new ConfigException("REMEDIATION_INTERVAL must be > 0, got " + interval);
    }
    double lease = c.doubleValue("REMEDIATION_LEADER_LEASE", 15);
    if (lease < 0.3) {
      throw new ConfigException("REMEDIATION_LEADER_LEASE must be >= 0.3 seconds, got " + lease);
    }
    double timeout = c.doubleValue("MOOG_HEALTH_TIMEOUT", 5);
    double cache = c.doubleValue("MOOG_HEALTH_CACHE_SECONDS", 60);
    if (timeout <= 0 || cache < 0) {
      throw new ConfigException(
          "MOOG_HEALTH_TIMEOUT must be > 0 and MOOG_HEALTH_CACHE_SECONDS >= 0");
    }
    double replayRate = c.doubleValue("REMEDIATION_REPLAY_RATE", 0.8);
    if (!(replayRate > 0) || replayRate > 1) {
      throw new ConfigException("REMEDIATION_REPLAY_RATE must be in (0, 1], got " + replayRate);
    }
    double period = c.doubleValue("MOOG_RATE_PERIOD", 1);
    if (!(period > 0)) {
      throw new ConfigException("MOOG_RATE_PERIOD must be > 0, got " + period);
    }
    return new RemediationSettings(
        c.bool("REMEDIATION_ENABLED", true),
        Math.round(interval * 1000),
        c.atLeast("REMEDIATION_BATCH_SIZE", 10, 1),
        c.atLeast("MAX_POISON_RETRIES", 3, 1),
        c.bool("MOOG_HEALTH_CHECK_ENABLED", true),
        c.string("MOOG_WEBHOOK_URL", ""),
        secrets.get("MOOG_API_KEY").orElse(null),
        Math.round(timeout * 1000),
        Math.round(cache * 1000),
        Math.round(lease * 1000),
        c.bool("REMEDIATION_REPLAY_MOOG_DLQ", true),
        replayRate,
        c.atLeast("MOOG_RATE_LIMIT", 50, 1),
        period,
        c.atLeast("ALERTER_QUEUE_WARN_THRESHOLD", 1000, 1));
  }
}
