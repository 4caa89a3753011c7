package io.mutt.pipeline.noise;

import java.util.Locale;

/** What a maintenance window does to the events it matches. */
public enum Effect {
  /** Audited, not forwarded. */
  SUPPRESS,
  /** Forwarded with the window's severity and a maintenance marker in {@code custom_info}. */
  DOWNGRADE;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
