package io.mutt.pipeline.alerting;

import java.util.Locale;

/**
 * The four backpressure knobs, read from dynamic configuration each time (static fallbacks from
 * {@code ALERTER_QUEUE_WARN_THRESHOLD}, {@code ALERTER_QUEUE_SHED_THRESHOLD}, {@code
 * ALERTER_SHED_MODE}, {@code ALERTER_DEFER_SLEEP_MS}).
 *
 * @param warnThreshold alert-queue depth above which a warning is logged (default 1000)
 * @param shedThreshold alert-queue depth above which the alerter sheds or defers (default 2000)
 * @param mode {@code dlq} or {@code defer} (lower-cased, trimmed; other values are kept as given)
 * @param deferSleepMs pause of one deferral in {@code defer} mode (default 250)
 */
public record BackpressureSettings(
    long warnThreshold, long shedThreshold, String mode, long deferSleepMs) {

  public static final String MODE_DLQ = "dlq";
  public static final String MODE_DEFER = "defer";
  public static final BackpressureSettings DEFAULTS =
      new BackpressureSettings(1000, 2000, MODE_DLQ, 250);

  public BackpressureSettings {
    mode = mode == null ? MODE_DLQ : mode.trim().toLowerCase(Locale.ROOT);
    deferSleepMs = Math.max(0, deferSleepMs);
  }

  public boolean deferMode() {
    return MODE_DEFER.equals(mode);
  }
}
