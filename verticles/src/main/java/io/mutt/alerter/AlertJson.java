package io.mutt.alerter;

import io.mutt.pipeline.noise.NoiseDecision;
import io.mutt.pipeline.routing.RoutingDecision;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * The alert of a matched event (docs/reference/moogsoft-payload.md) as JSON text, written without
 * re-encoding the event: {@code raw_json} is the event's own JSON text spliced in, the other
 * members are encoded one by one. Same members, order and values as {@code
 * Json.encode(AlertPayloads.forMatched(event, decision))} plus {@code _event_id} (a test holds the
 * two together); about a third of the alerter's CPU went into re-encoding events before.
 */
final class AlertJson {

  /** The severity of every matched-rule alert. */
  static final String SEVERITY = "Warning";

  private AlertJson() {}

  /**
   * @param event the decoded event (for hostname, message, correlation id)
   * @param eventJson the event's JSON text, a JSON object equal to {@code event}
   */
  static String matched(
      Map<String, Object> event, String eventJson, RoutingDecision decision, String eventId) {
    Object correlationId = event.get("_correlation_id");
    return new StringBuilder(eventJson.length() + 160 + decision.team().length())
        .append("{\"hostname\":")
        .append(Json.encode(event.get("hostname")))
        .append(",\"team_assignment\":")
        .append(Json.encode(decision.team()))
        .append(",\"severity\":\"" + SEVERITY + "\"")
        .append(",\"message_body\":")
        .append(Json.encode(event.get("message")))
        .append(",\"raw_json\":")
        .append(eventJson)
        .append(",\"_correlation_id\":")
        .append(Json.encode(correlationId == null ? "unknown" : correlationId))
        .append(",\"_event_id\":")
        .append(Json.encode(eventId))
        .append('}')
        .toString();
  }

  /**
   * The alert of an event downgraded by a maintenance window (ADR 0027): the window's severity, and
   * {@code raw_json} (Moogsoft's {@code custom_info}) carrying {@code _maintenance} with the
   * window's id, name and severity. Rare, so the event is simply re-encoded.
   */
  static String downgraded(
      Map<String, Object> event, RoutingDecision decision, String eventId, NoiseDecision noise) {
    JsonObject raw =
        new JsonObject(new java.util.LinkedHashMap<>(event))
            .put(
                "_maintenance",
                new JsonObject()
                    .put("window_id", noise.id())
                    .put("name", noise.name())
                    .put("severity", noise.severity()));
    Object correlationId = event.get("_correlation_id");
    return new JsonObject()
        .put("hostname", event.get("hostname"))
        .put("team_assignment", decision.team())
        .put("severity", noise.severity())
        .put("message_body", event.get("message"))
        .put("raw_json", raw)
        .put("_correlation_id", correlationId == null ? "unknown" : correlationId)
        .put("_event_id", eventId)
        .encode();
  }

  /**
   * The alert of an event of a rule with a clearing pattern when it is not sent as it came (ADR
   * 0038): a clear ({@code severity} {@code Clear}, {@code _clearing} in {@code raw_json}) or the
   * one alert of a key that started flapping ({@code _flapping}). A window's downgrade marker is
   * kept. Rare, so the event is simply re-encoded.
   *
   * @param markers members added to the event in {@code raw_json}, in order
   */
  static String marked(
      Map<String, Object> event,
      RoutingDecision decision,
      String eventId,
      String severity,
      NoiseDecision noise,
      Map<String, JsonObject> markers) {
    JsonObject raw = new JsonObject(new java.util.LinkedHashMap<>(event));
    if (noise.downgraded()) {
      raw.put(
          "_maintenance",
          new JsonObject()
              .put("window_id", noise.id())
              .put("name", noise.name())
              .put("severity", noise.severity()));
    }
    markers.forEach(raw::put);
    Object correlationId = event.get("_correlation_id");
    return new JsonObject()
        .put("hostname", event.get("hostname"))
        .put("team_assignment", decision.team())
        .put("severity", severity)
        .put("message_body", event.get("message"))
        .put("raw_json", raw)
        .put("_correlation_id", correlationId == null ? "unknown" : correlationId)
        .put("_event_id", eventId)
        .encode();
  }
}
