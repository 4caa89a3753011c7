package io.mutt.pipeline.delivery;

import java.util.Locale;

/**
 * Where one DLQ stands in remediation (ADR 0018): being drained, empty, or paused for one reason.
 * Replays happen only while Moogsoft's probe passes, the shared circuit is CLOSED and the target
 * stream is below its bound.
 */
public enum DrainState {
  DRAINING,
  EMPTY,
  /** The probe failed: Moogsoft would refuse what is replayed. */
  PAUSED_MOOG_UNHEALTHY,
  /** The shared circuit breaker is OPEN or HALF_OPEN: the forwarders are holding alerts back. */
  PAUSED_CIRCUIT_OPEN,
  /** The target stream is at or above its bound: live traffic goes first. */
  PAUSED_TARGET_FULL;

  /** The state of a DLQ of {@code depth} entries before a round. */
  public static DrainState before(
      boolean moogHealthy, CircuitState circuit, long depth, long targetLength, long targetBound) {
    if (depth <= 0) {
      return EMPTY;
    }
    if (!moogHealthy) {
      return PAUSED_MOOG_UNHEALTHY;
    }
    if (circuit != CircuitState.CLOSED) {
      return PAUSED_CIRCUIT_OPEN;
    }
    return targetLength >= targetBound ? PAUSED_TARGET_FULL : DRAINING;
  }

  /** Lower-case name used in Redis, the API and the CLI. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static DrainState parse(String label) {
    try {
      return label == null ? null : valueOf(label.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
