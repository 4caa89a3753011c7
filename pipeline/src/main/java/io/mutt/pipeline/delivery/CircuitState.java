package io.mutt.pipeline.delivery;

import java.util.Locale;

/**
 * The shared circuit's states with their gauge values for {@code mutt_circuit_breaker_state} (0
 * CLOSED, 1 HALF_OPEN, 2 OPEN), and what a forwarder consumer may do in each (ADR 0004): send
 * freely, send one cluster-wide probe, or keep alerts queued.
 */
public enum CircuitState {
  CLOSED(0),
  HALF_OPEN(1),
  OPEN(2);

  /** What a consumer may do under a state. */
  public enum Gate {
    /** Read and send batches. */
    SEND,
    /** Whoever wins the probe lock sends exactly one alert; everyone else waits. */
    PROBE,
    /** Leave alerts queued; look again after a jittered defer. */
    WAIT
  }

  private final int gaugeValue;

  CircuitState(int gaugeValue) {
    this.gaugeValue = gaugeValue;
  }

  public int gaugeValue() {
    return gaugeValue;
  }

  /** What consumers may do; a disabled breaker always sends. */
  public Gate gate(boolean breakerEnabled) {
    if (!breakerEnabled) {
      return Gate.SEND;
    }
    return switch (this) {
      case CLOSED -> Gate.SEND;
      case HALF_OPEN -> Gate.PROBE;
      case OPEN -> Gate.WAIT;
    };
  }

  /**
   * Whether a consumer may send now: always when CLOSED, during HALF_OPEN only while it holds the
   * probe.
   */
  public boolean allowsSend(boolean breakerEnabled, boolean holdsProbe) {
    return gate(breakerEnabled) == Gate.SEND || (this == HALF_OPEN && holdsProbe);
  }

  /**
   * Parses a stored value; anything unknown (or absent) reads as CLOSED, as the original's
   * get_state did.
   */
  public static CircuitState parse(String stored) {
    if (stored == null) {
      return CLOSED;
    }
    try {
      return valueOf(stored.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return CLOSED;
    }
  }
}
