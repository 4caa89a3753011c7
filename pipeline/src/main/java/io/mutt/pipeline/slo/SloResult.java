package io.mutt.pipeline.slo;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The per-SLO result of {@code GET /api/v2/slo}: {@code slo_name, description, window_hours,
 * actual_value, status, error_budget_remaining, burn_rate, message} plus {@code target} (ratio) or
 * {@code target_seconds} (latency).
 */
public record SloResult(
    SloDefinition definition,
    int windowHours,
    double target,
    Double actual,
    String status,
    Double errorBudgetRemaining,
    Double burnRate,
    String message) {

  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("slo_name", definition.name());
    m.put("description", definition.description());
    m.put("window_hours", windowHours);
    m.put(definition.kind() == SloDefinition.Kind.RATIO ? "target" : "target_seconds", target);
    m.put("actual_value", actual);
    m.put("status", status);
    m.put("error_budget_remaining", errorBudgetRemaining);
    m.put("burn_rate", burnRate);
    m.put("message", message);
    return m;
  }
}
