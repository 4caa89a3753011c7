package io.mutt.moog;

import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How the Moogsoft stand-in misbehaves: answer with an error status, answer late, or drop the
 * connection, for a fraction of requests and optionally only until a deadline. {@code mode}: none |
 * status | delay | refuse.
 */
public record FaultPlan(String mode, int status, long delayMs, double fraction, long untilEpochMs) {

  public static final FaultPlan NONE = new FaultPlan("none", 200, 0, 0, 0);

  /**
   * From {@code {"mode":"status","status":500,"delay_ms":0,"fraction":1.0,"duration_ms":30000}}.
   */
  public static FaultPlan fromJson(JsonObject j, long nowMs) {
    String mode = j.getString("mode", "none").toLowerCase(Locale.ROOT);
    if (!mode.matches("none|status|delay|refuse")) {
      throw new IllegalArgumentException("mode must be one of none, status, delay, refuse");
    }
    int status = j.getInteger("status", 500);
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("status must be an HTTP status code");
    }
    double fraction = j.getDouble("fraction", 1.0);
    if (fraction < 0 || fraction > 1) {
      throw new IllegalArgumentException("fraction must be between 0 and 1");
    }
    long duration = j.getLong("duration_ms", 0L);
    return new FaultPlan(
        mode,
        status,
        Math.max(0, j.getLong("delay_ms", 0L)),
        fraction,
        duration > 0 ? nowMs + duration : 0);
  }

  /** Whether this request should be hit by the fault. */
  public boolean applies(long nowMs) {
    if ("none".equals(mode) || (untilEpochMs > 0 && nowMs > untilEpochMs)) {
      return false;
    }
    return fraction >= 1.0 || ThreadLocalRandom.current().nextDouble() < fraction;
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("mode", mode)
        .put("status", status)
        .put("delay_ms", delayMs)
        .put("fraction", fraction)
        .put("until_epoch_ms", untilEpochMs);
  }
}
