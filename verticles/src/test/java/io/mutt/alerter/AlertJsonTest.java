package io.mutt.alerter;

import static org.assertj.core.api.Assertions.assertThat;

import io.mutt.pipeline.moog.AlertPayloads;
import io.mutt.pipeline.routing.Routing;
import io.mutt.pipeline.routing.RoutingDecision;
import io.mutt.pipeline.rules.Rule;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AlertJsonTest {

  private static final RoutingDecision DECISION =
      Routing.decide(
          new Rule(
              2,
              "ERROR",
              null,
              null,
              "contains",
              20,
              "Ticket_only",
              "Ignore",
              "NETO \"core\"",
              true),
          "r1",
          Set.of());

  private static void assertSameAsThePayloadMapping(String eventJson) {
    Map<String, Object> event = new JsonObject(eventJson).getMap();
    Map<String, Object> expected = AlertPayloads.forMatched(event, DECISION);
    expected.put("_event_id", "evt-1");
    JsonObject reference = new JsonObject(Json.encode(expected));
    JsonObject spliced = new JsonObject(AlertJson.matched(event, eventJson, DECISION, "evt-1"));
    assertThat(spliced).isEqualTo(reference);
    assertThat(new ArrayList<>(spliced.fieldNames()))
        .isEqualTo(new ArrayList<>(reference.fieldNames()));
  }

  @Test
  void a_spliced_alert_equals_the_payload_mapping_for_an_ordinary_event() {
    assertSameAsThePayloadMapping(
        "{\"hostname\":\"r1\",\"message\":\"ERROR x\",\"timestamp\":\"2025-11-11T16:34:50Z\","
            + "\"_correlation_id\":\"c1\",\"_event_id\":\"evt-1\",\"variables\":{\"a\":[1,2.5,null,true]},\"bench\":12}");
  }

  @Test
  void a_spliced_alert_equals_the_payload_mapping_for_odd_values() {
    assertSameAsThePayloadMapping(
        "{\"hostname\":1234,\"message\":\"ERROR \\\"quoted\\\" \\u00e9\\u2603 \\n tab\\t\","
            + "\"timestamp\":\"x\"}");
    assertSameAsThePayloadMapping(
        "  {\"hostname\":\"r1\",\"message\":\"ERROR\",\"timestamp\":\"x\",\"empty\":{}}  ");
  }
}
