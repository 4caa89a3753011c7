package io.mutt.contract;

import io.mutt.pipeline.delivery.DrainState;
import io.mutt.pipeline.delivery.ReplayPace;
import io.vertx.core.json.JsonObject;

/**
 * One DLQ's drain status as the remediation leader publishes it after every round, in the hash
 * {@link RedisKeys#remediationDrain} (field = the DLQ's short name: {@code alerter}, {@code moog};
 * value = this record as JSON {@code {"state","rate","depth","at"}}). The hash expires when no
 * leader refreshes it, so readers (dashboard, {@code mutt status}) show "unknown" rather than an
 * old estimate.
 *
 * @param state where the DLQ stands
 * @param ratePerSecond entries per second moved from this DLQ in the last round (0 unless draining)
 * @param depth depth after the round
 * @param atMs when the round ended (epoch ms)
 */
public record DrainReport(DrainState state, double ratePerSecond, long depth, long atMs) {

  public String encode() {
    return new JsonObject()
        .put("state", state.label())
        .put("rate", ratePerSecond)
        .put("depth", depth)
        .put("at", atMs)
        .encode();
  }

  /** Parses a stored value; null when absent or not a report. */
  public static DrainReport parse(String stored) {
    if (stored == null) {
      return null;
    }
    try {
      JsonObject o = new JsonObject(stored);
      DrainState s = DrainState.parse(o.getString("state"));
      if (s == null) {
        return null;
      }
      return new DrainReport(
          s,
          o.getNumber("rate", 0).doubleValue(),
          o.getNumber("depth", 0).longValue(),
          o.getNumber("at", 0).longValue());
    } catch (RuntimeException e) {
      return null;
    }
  }

  /**
   * Seconds until a DLQ now holding {@code liveDepth} entries is empty at this report's rate: 0
   * when empty, -1 when it is not being drained.
   */
  public double drainSeconds(long liveDepth) {
    return ReplayPace.drainSeconds(liveDepth, state == DrainState.DRAINING ? ratePerSecond : 0);
  }

  /**
   * The JSON the dashboard and {@code mutt status} show for one DLQ: {@code depth}, {@code
   * drain_seconds} (0 empty, -1 not draining, null unknown: no leader reported) and {@code
   * drain_state}.
   */
  public static JsonObject view(DrainReport r, long liveDepth) {
    JsonObject o = new JsonObject().put("depth", liveDepth);
    if (r == null) {
      return o.put("drain_seconds", liveDepth == 0 ? 0.0 : null).put("drain_state", "unknown");
    }
    double s = r.drainSeconds(liveDepth);
    return o.put("drain_seconds", Math.round(s * 10) / 10.0).put("drain_state", r.state().label());
  }
}
