package io.mutt.pipeline.moog;

import java.util.LinkedHashMap;
import java.util.Map;

/** The body POSTed to the Moogsoft webhook for one alert (docs/reference/moogsoft-payload.md). */
public final class MoogPayload {

  // Shared with AlertText, the forwarder's text-splicing fast path, which must produce the same
  // body.
  static final String HOSTNAME = "hostname";
  static final String CORRELATION_ID = "_correlation_id";
  static final String TEAM = "team_assignment";
  static final String SEVERITY = "severity";
  static final String MESSAGE_BODY = "message_body";
  static final String RAW_JSON = "raw_json";

  /**
   * The alert member a coalesced update carries: how many repeats it stands for and when they came
   * (docs/reference/moogsoft-payload.md). It reaches Moogsoft inside {@code custom_info}, under
   * {@link #CUSTOM_INFO_COALESCED}, beside the event's own fields.
   */
  public static final String COALESCED = "_coalesced";

  public static final String CUSTOM_INFO_COALESCED = "mutt_coalesced";
  static final String NO_HOSTNAME = "unknown";
  static final String NO_CORRELATION_ID = "unknown";
  static final String NO_TEAM = "Unknown";
  static final String NO_DESCRIPTION = "";
  static final String MANAGER = "MUTT";
  static final String SOURCE = "MUTT Alerter";
  static final String AGENT = "MUTT v2.5";
  static final String AGENT_LOCATION = "Alerter Service";
  static final String TYPE = "Alert";
  private static final Map<String, Integer> SEVERITIES =
      Map.of("Critical", 5, "Major", 4, "Warning", 3, "Minor", 2, "Info", 1, "Clear", 0);
  private static final int DEFAULT_SEVERITY = 3;

  private MoogPayload() {}

  /**
   * @param alert an alert-stream message (docs/reference/moogsoft-payload.md)
   * @param epochSeconds send time, becomes {@code agent_time}
   * @return signature and source_id (alert hostname, default {@code unknown}), external_id ({@code
   *     _correlation_id}, default {@code unknown}), manager, source, class ({@code
   *     team_assignment}, default {@code Unknown}), agent, agent_location, type, severity (Critical
   *     5 … Clear 0, exact case, otherwise 3), description ({@code message_body}, default ""),
   *     agent_time, and custom_info ({@code raw_json}) only when present; for a coalesced update
   *     (an alert with {@code _coalesced}) custom_info is the event's members plus {@code
   *     mutt_coalesced}
   */
  public static Map<String, Object> fromAlert(Map<String, Object> alert, long epochSeconds) {
    Object hostname = valueOr(alert, HOSTNAME, NO_HOSTNAME);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("signature", hostname);
    body.put("source_id", hostname);
    body.put("external_id", valueOr(alert, CORRELATION_ID, NO_CORRELATION_ID));
    body.put("manager", MANAGER);
    body.put("source", SOURCE);
    body.put("class", valueOr(alert, TEAM, NO_TEAM));
    body.put("agent", AGENT);
    body.put("agent_location", AGENT_LOCATION);
    body.put("type", TYPE);
    body.put("severity", severity(alert.get(SEVERITY)));
    body.put("description", valueOr(alert, MESSAGE_BODY, NO_DESCRIPTION));
    body.put("agent_time", epochSeconds);
    Object raw = alert.get(RAW_JSON);
    Object coalesced = alert.get(COALESCED);
    if (coalesced != null) {
      Map<String, Object> info = new LinkedHashMap<>();
      if (raw instanceof Map<?, ?> event) {
        event.forEach((k, v) -> info.put(String.valueOf(k), v));
      } else if (raw != null) {
        info.put(RAW_JSON, raw);
      }
      info.put(CUSTOM_INFO_COALESCED, coalesced);
      body.put("custom_info", info);
    } else if (raw != null) {
      body.put("custom_info", raw);
    }
    return body;
  }

  /** Moogsoft's numeric severity for an alert severity name; exact case, unknown → 3 (Warning). */
  public static int severityOf(String name) {
    return severity(name);
  }

  static int severity(Object name) {
    return name instanceof String text
        ? SEVERITIES.getOrDefault(text, DEFAULT_SEVERITY)
        : DEFAULT_SEVERITY;
  }

  private static Object valueOr(Map<String, Object> alert, String key, Object fallback) {
    Object value = alert.get(key);
    return value == null ? fallback : value;
  }
}
