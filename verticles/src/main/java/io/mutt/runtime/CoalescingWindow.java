package io.mutt.runtime;

import io.mutt.config.MuttConfig;

/**
 * The alert coalescing window (ADR 0016), read the same way by the alerter, which opens windows,
 * and the forwarder, which closes them: {@code ALERT_COALESCE_WINDOW_SECONDS} (default {@value
 * #DEFAULT_SECONDS}; 0 turns coalescing off), overridden at run time by the dynamic key {@code
 * alert_coalesce_window_seconds}.
 */
public final class CoalescingWindow {

  public static final long DEFAULT_SECONDS = 60;
  public static final String STATIC_KEY = "ALERT_COALESCE_WINDOW_SECONDS";
  public static final String DYNAMIC_KEY = "alert_coalesce_window_seconds";

  private final long staticSeconds;
  private final DynamicConfig dynamic;

  public CoalescingWindow(MuttConfig config, DynamicConfig dynamic) {
    this.staticSeconds = Math.max(0, config.longValue(STATIC_KEY, DEFAULT_SECONDS));
    this.dynamic = dynamic;
  }

  /** The window now, in ms; 0 when coalescing is off. */
  public long ms() {
    return Math.max(0, dynamic.getLong(DYNAMIC_KEY, staticSeconds)) * 1000;
  }
}
