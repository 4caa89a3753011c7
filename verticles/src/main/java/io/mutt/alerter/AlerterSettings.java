package io.mutt.alerter;

import io.mutt.config.ConfigException;
import io.mutt.config.MuttConfig;
import io.mutt.pipeline.alerting.BackpressureSettings;
import io.mutt.pipeline.alerting.CoalescingKey;
import io.mutt.runtime.DynamicConfig;

/**
 * Typed alerter options (docs/reference/configuration.md), read once from the static configuration;
 * the dynamic keys ({@code cache_reload_interval}, {@code unhandled_*}, {@code alerter_*}) are
 * re-read through {@link DynamicConfig} each time they are used, with these static values as
 * fallbacks.
 *
 * @param instances consumer verticles per JVM ({@code ALERTER_INSTANCES})
 * @param batchSize entries read per batch ({@code ALERTER_BATCH_SIZE})
 * @param blockMs longest wait for new entries ({@code BRPOPLPUSH_TIMEOUT} seconds)
 * @param janitorTimeoutMs idle time after which unacknowledged entries are taken over ({@code
 *     ALERTER_JANITOR_TIMEOUT} s)
 * @param maxRetries failed attempts before the DLQ ({@code ALERTER_MAX_RETRIES})
 * @param cacheReloadSeconds rule-cache reload period fallback ({@code CACHE_RELOAD_INTERVAL})
 * @param unhandledThreshold meta-alert threshold fallback ({@code UNHANDLED_THRESHOLD})
 * @param unhandledExpirySeconds meta-alert window fallback ({@code UNHANDLED_EXPIRY_SECONDS})
 * @param defaultTeam team of meta-alerts for hosts without a {@code device_teams} row ({@code
 *     UNHANDLED_DEFAULT_TEAM})
 * @param dedupeTtlSeconds how long an appended alert's event id is remembered ({@code
 *     ALERTER_DEDUPE_TTL})
 * @param depthSampleMs alert-queue depth sampling period ({@code ALERTER_DEPTH_SAMPLE_MS})
 * @param backpressure static fallbacks of the four backpressure keys
 * @param coalescingKey which payload fields make two alerts repeats ({@code
 *     ALERT_COALESCE_KEY_FIELDS})
 * @param auditUnhandled fallback of the dynamic {@code audit_unhandled}: also audit events that
 *     matched no rule ({@code AUDIT_UNHANDLED}, off)
 * @param windowEndCheckMs how often closed maintenance-window occurrences are looked for and
 *     audited ({@code WINDOW_END_CHECK_MS})
 */
public record AlerterSettings(
    int instances,
    int batchSize,
    long blockMs,
    long janitorTimeoutMs,
    int maxRetries,
    long cacheReloadSeconds,
    long unhandledThreshold,
    long unhandledExpirySeconds,
    String defaultTeam,
    long dedupeTtlSeconds,
    long depthSampleMs,
    BackpressureSettings backpressure,
    CoalescingKey coalescingKey,
    int maxMatchChars,
    boolean auditUnhandled,
    long windowEndCheckMs) {

  public static AlerterSettings from(MuttConfig c) {
    return new AlerterSettings(
        c.atLeast("ALERTER_INSTANCES", 2, 1),
        c.atLeast("ALERTER_BATCH_SIZE", 500, 1),
        Math.max(1, Math.round(c.doubleValue("BRPOPLPUSH_TIMEOUT", 5) * 1000)),
        Math.max(100, Math.round(c.doubleValue("ALERTER_JANITOR_TIMEOUT", 15) * 1000)),
        c.atLeast("ALERTER_MAX_RETRIES", 3, 0),
        Math.max(1, c.longValue("CACHE_RELOAD_INTERVAL", 300)),
        Math.max(1, c.longValue("UNHANDLED_THRESHOLD", 100)),
        Math.max(1, c.longValue("UNHANDLED_EXPIRY_SECONDS", 86400)),
        c.string("UNHANDLED_DEFAULT_TEAM", "NETO"),
        Math.max(1, c.longValue("ALERTER_DEDUPE_TTL", 600)),
        Math.max(5, c.longValue("ALERTER_DEPTH_SAMPLE_MS", 50)),
        new BackpressureSettings(
            c.longValue("ALERTER_QUEUE_WARN_THRESHOLD", 1000),
            c.longValue("ALERTER_QUEUE_SHED_THRESHOLD", 2000),
            c.string("ALERTER_SHED_MODE", "defer"),
            c.longValue("ALERTER_DEFER_SLEEP_MS", 250)),
        coalescingKey(c.string("ALERT_COALESCE_KEY_FIELDS", "signature,severity,class")),
        c.atLeast(
            "RULE_MATCH_MAX_CHARS",
            io.mutt.pipeline.alerting.EventTriage.DEFAULT_MAX_MATCH_CHARS,
            1),
        c.bool("AUDIT_UNHANDLED", false),
        Math.max(100, c.longValue("WINDOW_END_CHECK_MS", 15_000)));
  }

  private static CoalescingKey coalescingKey(String csv) {
    try {
      return CoalescingKey.parse(csv);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("ALERT_COALESCE_KEY_FIELDS: " + e.getMessage());
    }
  }

  /**
   * The four backpressure keys as they are now (re-read each time, so an operator's change takes
   * effect at once).
   */
  public BackpressureSettings backpressure(DynamicConfig d) {
    return new BackpressureSettings(
        d.getLong("alerter_queue_warn_threshold", backpressure.warnThreshold()),
        d.getLong("alerter_queue_shed_threshold", backpressure.shedThreshold()),
        d.getString("alerter_shed_mode", backpressure.mode()),
        d.getLong("alerter_defer_sleep_ms", backpressure.deferSleepMs()));
  }

  public long unhandledThreshold(DynamicConfig d) {
    return Math.max(1, d.getLong("unhandled_threshold", unhandledThreshold));
  }

  public long unhandledExpirySeconds(DynamicConfig d) {
    return Math.max(1, d.getLong("unhandled_expiry_seconds", unhandledExpirySeconds));
  }

  /** Whether unmatched events get an audit row too (dynamic {@code audit_unhandled}). */
  public boolean auditUnhandled(DynamicConfig d) {
    String v = d.getString("audit_unhandled", Boolean.toString(auditUnhandled)).trim();
    return v.equalsIgnoreCase("true") || v.equals("1");
  }

  public long cacheReloadSeconds(DynamicConfig d) {
    return Math.max(1, d.getLong("cache_reload_interval", cacheReloadSeconds));
  }
}
