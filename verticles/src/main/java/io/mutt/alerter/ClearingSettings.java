package io.mutt.alerter;

import io.mutt.config.ConfigException;
import io.mutt.config.MuttConfig;
import io.mutt.pipeline.clearing.FlapSettings;
import io.mutt.runtime.DynamicConfig;

/**
 * Clearing and flap suppression settings (ADR 0038, docs/reference/configuration.md): the global
 * flapping limits (static {@code FLAP_*}, overridden at run time by the dynamic keys {@code
 * flap_threshold}, {@code flap_window_minutes}, {@code flap_stable_minutes}; a rule's own columns
 * beat both), how long an idle key's state is kept, and how often flapping keys are checked for
 * stability.
 *
 * @param defaults static global limits
 * @param stateTtlMs an idle key's state expires after this ({@code CLEARING_STATE_TTL_HOURS})
 * @param settleCheckMs period of the stability check ({@code FLAP_SETTLE_CHECK_MS})
 */
public record ClearingSettings(FlapSettings defaults, long stateTtlMs, long settleCheckMs) {

  public static ClearingSettings from(MuttConfig c) {
    FlapSettings defaults;
    try {
      defaults =
          new FlapSettings(
              c.atLeast("FLAP_THRESHOLD", FlapSettings.DEFAULTS.threshold(), 0),
              c.atLeast("FLAP_WINDOW_MINUTES", FlapSettings.DEFAULTS.windowMinutes(), 1),
              c.atLeast("FLAP_STABLE_MINUTES", FlapSettings.DEFAULTS.stableMinutes(), 1));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("FLAP_*: " + e.getMessage());
    }
    return new ClearingSettings(
        defaults,
        Math.max(1, c.longValue("CLEARING_STATE_TTL_HOURS", 168)) * 3_600_000L,
        Math.max(100, c.longValue("FLAP_SETTLE_CHECK_MS", 5000)));
  }

  /** The global limits now: the dynamic keys when set and valid, else the static ones. */
  public FlapSettings defaults(DynamicConfig d) {
    long k = d.getLong("flap_threshold", defaults.threshold());
    long w = d.getLong("flap_window_minutes", defaults.windowMinutes());
    long q = d.getLong("flap_stable_minutes", defaults.stableMinutes());
    if (k < 0 || k > 1000 || w < 1 || w > 10_080 || q < 1 || q > 10_080) {
      return defaults;
    }
    return new FlapSettings((int) k, (int) w, (int) q);
  }
}
