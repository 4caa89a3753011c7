package io.mutt.pipeline.alerting;

/**
 * The alerter's backpressure decision: compares the depth of the downstream alert queue with the
 * warn and shed thresholds. Comparisons are strict, so a depth equal to a threshold does not
 * trigger it.
 */
public final class BackpressurePolicy {

  /** Pause after one shedding or deferral step, so that a worker does not spin (50 ms). */
  public static final long STEP_PAUSE_MS = 50;

  private BackpressurePolicy() {}

  public static Backpressure decide(long alertQueueDepth, BackpressureSettings s) {
    if (alertQueueDepth > s.shedThreshold()) {
      return switch (s.mode()) {
        case BackpressureSettings.MODE_DLQ -> Backpressure.SHED_DLQ;
        case BackpressureSettings.MODE_DEFER -> Backpressure.DEFER;
        default -> Backpressure.UNKNOWN_MODE;
      };
    }
    return alertQueueDepth > s.warnThreshold() ? Backpressure.WARN : Backpressure.NONE;
  }

  /**
   * The {@code shedding_reason} of a load-shed DLQ entry: {@code
   * queue_depth_exceeded:<depth>><threshold>}.
   */
  public static String sheddingReason(long alertQueueDepth, long shedThreshold) {
    return "queue_depth_exceeded:" + alertQueueDepth + ">" + shedThreshold;
  }
}
