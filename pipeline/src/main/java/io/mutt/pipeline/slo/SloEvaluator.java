package io.mutt.pipeline.slo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The SLO maths: burn rate and error budget for ratio SLOs, bounds for latency SLOs, the status and
 * message of each, and the documented {@code components} view of the two availability SLOs.
 */
public final class SloEvaluator {

  private SloEvaluator() {}

  /**
   * @param actual the measured ratio or p99 seconds; null, NaN or ±Inf mean "no data"
   * @param noDataSource shown in the message when there is no data, e.g. {@code Prometheus}
   */
  public static SloResult evaluate(
      SloDefinition d, SloSettings s, Double actual, String noDataSource) {
    int window = s.windowHours(d);
    double target = s.target(d);
    if (actual == null || actual.isNaN() || actual.isInfinite()) {
      return new SloResult(
          d, window, target, null, "critical", null, null, "No data from " + noDataSource);
    }
    return d.kind() == SloDefinition.Kind.RATIO
        ? ratio(d, window, target, actual, s.warn(d), s.critical(d))
        : latency(d, window, target, actual, s.warn(d), s.critical(d));
  }

  static SloResult ratio(
      SloDefinition d, int window, double target, double actual, double warn, double crit) {
    double budget = Math.max(0, 1 - target);
    double burn = budget == 0 ? 0 : round6(Math.max(0, 1 - actual) / budget);
    double remaining = target == 1.0 ? 1.0 : (actual - target) / (1 - target);
    String status;
    String message;
    if (burn >= crit) {
      status = "critical";
      message = String.format(Locale.ROOT, "Critical burn rate (%.2fx target)", burn);
    } else if (burn >= warn) {
      status = "warning";
      message = String.format(Locale.ROOT, "Warning burn rate (%.2fx target)", burn);
    } else if (actual < target) {
      status = "breaching";
      message = "Below target";
    } else {
      status = "ok";
      message = "Within target";
    }
    return new SloResult(d, window, target, actual, status, remaining, burn, message);
  }

  static SloResult latency(
      SloDefinition d, int window, double target, double actual, double warn, double crit) {
    String status;
    String message;
    if (actual >= crit) {
      status = "critical";
      message = String.format(Locale.ROOT, "Critical latency (%.3fs > %.3fs)", actual, crit);
    } else if (actual >= warn) {
      status = "warning";
      message = String.format(Locale.ROOT, "Warning latency (%.3fs > %.3fs)", actual, warn);
    } else if (actual > target) {
      status = "breaching";
      message = "Above target latency";
    } else {
      status = "ok";
      message = "Within target latency";
    }
    return new SloResult(d, window, target, actual, status, null, null, message);
  }

  /**
   * The {@code components} object: {@code ingestor} and {@code forwarder} views of the availability
   * SLOs with {@code state} ok ← ok, warn ← warning|breaching, critical ← critical (including no
   * data).
   */
  public static Map<String, Object> components(List<SloResult> results) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (SloResult r : results) {
      String component =
          switch (r.definition().name()) {
            case "ingestor_availability" -> "ingestor";
            case "forwarder_availability" -> "forwarder";
            default -> null;
          };
      if (component == null) {
        continue;
      }
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("target", r.target());
      c.put("availability", r.actual());
      c.put("error_budget_remaining", r.errorBudgetRemaining());
      c.put("burn_rate", r.burnRate());
      c.put("state", state(r.status()));
      c.put("window_hours", r.windowHours());
      out.put(component, c);
    }
    return out;
  }

  /** ok, warn or critical for a result status. */
  public static String state(String status) {
    return switch (status) {
      case "ok" -> "ok";
      case "warning", "breaching" -> "warn";
      default -> "critical";
    };
  }

  static double round6(double v) {
    return BigDecimal.valueOf(v).setScale(6, RoundingMode.HALF_EVEN).doubleValue();
  }
}
