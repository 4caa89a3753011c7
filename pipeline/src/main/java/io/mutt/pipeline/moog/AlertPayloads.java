package io.mutt.pipeline.moog;

import io.mutt.pipeline.routing.RoutingDecision;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Alerter's {@code mutt:alert_queue} message (docs/reference/moogsoft-payload.md), for a
 * matched event and for an unhandled-event meta-alert. {@code api_key} is deliberately left out, so
 * that no key travels with an alert; {@code _moog_retry_count} is added by the Forwarder on its
 * first retry.
 */
public final class AlertPayloads {

  /** Hostname of meta-alerts raised by MUTT itself. */
  public static final String META_ALERT_HOSTNAME = "MUTT_Alerter";

  static final String SEVERITY = "Warning";
  static final String UNKNOWN_CORRELATION_ID = "unknown";

  private AlertPayloads() {}

  /**
   * @param event the ingested event (kept whole as {@code raw_json}, internal fields included)
   * @return hostname, team_assignment (the rule's team), severity {@code Warning}, message_body
   *     (the event message), raw_json, _correlation_id (default {@code unknown})
   */
  public static Map<String, Object> forMatched(
      Map<String, Object> event, RoutingDecision decision) {
    return payload(event.get("hostname"), decision.team(), event.get("message"), event);
  }

  /**
   * @param team {@code device_teams[hostname]}, else {@code UNHANDLED_DEFAULT_TEAM}
   * @param metaMessage see {@link io.mutt.pipeline.routing.UnhandledSignature#metaAlertMessage}
   */
  public static Map<String, Object> forUnhandled(
      Map<String, Object> event, String team, String metaMessage) {
    return payload(META_ALERT_HOSTNAME, team, metaMessage, event);
  }

  private static Map<String, Object> payload(
      Object hostname, String team, Object messageBody, Map<String, Object> event) {
    Object correlationId = event.get("_correlation_id");
    Map<String, Object> alert = new LinkedHashMap<>();
    alert.put("hostname", hostname);
    alert.put("team_assignment", team);
    alert.put("severity", SEVERITY);
    alert.put("message_body", messageBody);
    alert.put("raw_json", new LinkedHashMap<>(event));
    alert.put("_correlation_id", correlationId == null ? UNKNOWN_CORRELATION_ID : correlationId);
    return alert;
  }
}
