package io.mutt.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EventStamperTest {

  private static JsonObject stamped(String body, ScannedEvent e, String cid) {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    return new JsonObject(
        io.vertx.core.buffer.Buffer.buffer(EventStamper.stamp(b, e, cid, "ev-1")));
  }

  @Test
  void ids_are_appended_to_the_event_exactly_as_sent() {
    String body = "{\"hostname\":\"r1\", \"n\": 1.50 }";
    String out =
        new String(
            EventStamper.stamp(
                body.getBytes(StandardCharsets.UTF_8),
                new ScannedEvent(0, body.length() - 1, 2, false),
                "c-1",
                "ev-1"),
            StandardCharsets.UTF_8);
    assertThat(out)
        .isEqualTo(
            "{\"hostname\":\"r1\", \"n\": 1.50 ,\"_correlation_id\":\"c-1\",\"_event_id\":\"ev-1\"}");
  }

  @Test
  void an_empty_object_gets_ids_without_a_leading_comma() {
    assertThat(stamped("{ }", new ScannedEvent(0, 2, 0, false), "c").getString("_correlation_id"))
        .isEqualTo("c");
  }

  @Test
  void a_correlation_id_with_quotes_is_escaped() {
    assertThat(
            stamped("{\"a\":1}", new ScannedEvent(0, 6, 1, false), "x\"y\\z")
                .getString("_correlation_id"))
        .isEqualTo("x\"y\\z");
  }

  @Test
  void client_supplied_ids_are_replaced_not_duplicated() {
    String body = "{\"_correlation_id\":\"theirs\",\"_event_id\":\"\\ud800\",\"m\":\"x\"}";
    JsonObject e = stamped(body, new ScannedEvent(0, body.length() - 1, 3, true), "ours");
    assertThat(e.getString("_correlation_id")).isEqualTo("ours");
    assertThat(e.getString("_event_id")).isEqualTo("ev-1");
    assertThat(e.fieldNames()).hasSize(3);
  }
}
