package io.mutt.pipeline.routing;

import java.util.Locale;

/** Where an event's host lives: {@code dev} when in {@code development_hosts}. */
public enum Environment {
  PROD,
  DEV;

  /** {@code prod} or {@code dev}, as used in logs and metrics. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
