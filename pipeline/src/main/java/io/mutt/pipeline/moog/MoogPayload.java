package io.mutt.pipeline.moog;

import java.util.LinkedHashMap;
import java.util.Map;

/** The body POSTed to the Moogsoft webhook for one alert (SPEC.md §7.5). */
public final class MoogPayload {

  static final String AGENT = "MUTT v2.5";
  private static final Map<String, Integer> SEVERITIES = Map.of(
      "Critical", 5, "Major", 4, "Warning", 3, "Minor", 2, "Info", 1, "Clear", 0);
  private static final int DEFAULT_SEVERITY = 3;

  private MoogPayload() {
  }

  /**
   * @param alert        a §6 alert-queue message
   * @param epochSeconds send time, becomes {@code agent_time}
   * @return signature and source_id (alert hostname, default {@code unknown}), external_id
   *         ({@code _correlation_id}, default {@code unknown}), manager, source, class
   *         ({@code team_assignment}, default {@code Unknown}), agent, agent_location, type,
   *         severity (Critical 5 … Clear 0, exact case, otherwise 3), description
   *         ({@code message_body}, default ""), agent_time, and custom_info ({@code raw_json})
   *         only when present
   */
  public static Map<String, Object> fromAlert(Map<String, Object> alert, long epochSeconds) {
    Object hostname = valueOr(alert, "hostname", "unknown");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("signature", hostname);
    body.put("source_id", hostname);
    body.put("external_id", valueOr(alert, "_correlation_id", "unknown"));
    body.put("manager", "MUTT");
    body.put("source", "MUTT Alerter");
    body.put("class", valueOr(alert, "team_assignment", "Unknown"));
    body.put("agent", AGENT);
    body.put("agent_location", "Alerter Service");
    body.put("type", "Alert");
    body.put("severity", severity(alert.get("severity")));
    body.put("description", valueOr(alert, "message_body", ""));
    body.put("agent_time", epochSeconds);
    if (alert.get("raw_json") != null) {
      body.put("custom_info", alert.get("raw_json"));
    }
    return body;
  }

  /** Moogsoft's numeric severity for an alert severity name; exact case, unknown → 3 (Warning). */
  static int severity(Object name) {
    return name instanceof String text ? SEVERITIES.getOrDefault(text, DEFAULT_SEVERITY)
        : DEFAULT_SEVERITY;
  }

  private static Object valueOr(Map<String, Object> alert, String key, Object fallback) {
    Object value = alert.get(key);
    return value == null ? fallback : value;
  }
}
