package io.mutt.web;

import static io.mutt.testsupport.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EventsAndRuleTesterApiTest {

  static WebFixture web;

  @BeforeAll
  static void start() {
    web = WebFixture.shared();
  }

  @Test
  void a_trace_shows_the_audit_row_and_a_dead_lettered_alert() {
    String cid = "trace-" + System.nanoTime();
    web.sql(
        "INSERT INTO event_audit_log (event_timestamp, hostname, matched_rule_id, handling_decision, "
            + "forwarded_to_moog, raw_message) VALUES ($1, 'router9', 1, 'Page_and_ticket', true, $2)",
        OffsetDateTime.now(),
        new JsonObject().put("message", "CRITICAL").put("_correlation_id", cid).encode());
    web.rt()
        .redis()
        .send(
            Request.cmd(Command.LPUSH)
                .arg(web.rt().keys().moogDlq)
                .arg(
                    new JsonObject()
                        .put("hostname", "router9")
                        .put("_correlation_id", cid)
                        .put("failed_at", "2025-11-10T12:00:00Z")
                        .encode()))
        .await();
    var res = web.get("/api/v2/events/" + cid);
    assertThat(res.statusCode()).isEqualTo(200);
    JsonObject body = res.bodyAsJsonObject();
    assertThat(body.getJsonArray("audit").size()).isEqualTo(1);
    assertThat(body.getJsonArray("dlq").getJsonObject(0).getString("name")).isEqualTo("moog");
    assertThat(body.getString("forwarding")).isEqualTo("dead_lettered");
    assertError(
        web.get("/api/v2/events/never-seen-id"),
        404,
        "No trace of this correlation id in the audit log, queues or DLQs");
  }

  @Test
  void a_queued_event_is_found_in_the_ingest_stream() {
    String cid = "queued-" + System.nanoTime();
    web.rt()
        .redis()
        .send(
            Request.cmd(Command.XADD)
                .arg(web.rt().keys().ingestQueue)
                .arg("*")
                .arg("e")
                .arg(new JsonObject().put("message", "x").put("_correlation_id", cid).encode()))
        .await();
    JsonObject body = web.get("/api/v2/events/" + cid).bodyAsJsonObject();
    assertThat(body.getJsonArray("queued").getJsonObject(0).getString("queue")).isEqualTo("ingest");
    assertThat(body.getString("forwarding")).isEqualTo("unknown");
  }

  @Test
  void the_rule_tester_answers_rule_handling_and_forwarding_per_event_like_the_alerter() {
    JsonArray events =
        new JsonArray()
            .add(
                new JsonObject()
                    .put("hostname", "router1")
                    .put("message", "interface LINK-DOWN critical"))
            .add(
                new JsonObject().put("hostname", "dev-router1").put("message", "an ERROR happened"))
            .add(new JsonObject().put("hostname", "r2").put("message", "nothing to see"))
            .add(
                new JsonObject()
                    .put("hostname", "r3")
                    .put("message", "")
                    .put("trap_oid", "1.3.6.1.4.1.9.9.41.2.0.1"));
    var res = web.post("/api/v2/rules/test", new JsonObject().put("events", events));
    assertThat(res.statusCode()).as(res.bodyAsString()).isEqualTo(200);
    JsonArray results = res.bodyAsJsonObject().getJsonArray("results");
    JsonObject link = results.getJsonObject(0);
    assertThat(link.getString("handling")).isEqualTo("Page_and_ticket");
    assertThat(link.getBoolean("forwarded")).isTrue();
    assertThat(link.getString("team")).isEqualTo("NetOps");
    assertThat(link.getJsonObject("rule").getString("match_string")).isEqualTo("LINK-DOWN");
    JsonObject dev = results.getJsonObject(1);
    assertThat(dev.getString("environment")).isEqualTo("dev");
    assertThat(dev.getString("handling")).isEqualTo("Ignore");
    assertThat(dev.getBoolean("forwarded")).isFalse();
    assertThat(results.getJsonObject(2).getBoolean("matched")).isFalse();
    assertThat(results.getJsonObject(2).getBoolean("unhandled")).isTrue();
    assertThat(results.getJsonObject(3).getJsonObject("rule").getString("match_type"))
        .isEqualTo("oid_prefix");
  }

  @Test
  void an_unsaved_draft_rule_is_tested_among_the_active_rules_and_a_bad_draft_is_400() {
    JsonObject draft =
        new JsonObject()
            .put("match_string", "fan (tray|module) \\d+ failed")
            .put("match_type", "regex")
            .put("priority", 1)
            .put("prod_handling", "Ticket_only")
            .put("dev_handling", "Ignore")
            .put("team_assignment", "DC");
    var res =
        web.post(
            "/api/v2/rules/test",
            new JsonObject()
                .put("rule", draft)
                .put(
                    "event",
                    new JsonObject()
                        .put("hostname", "sw1")
                        .put("message", "CRITICAL: Fan Tray 2 failed")));
    JsonObject r = res.bodyAsJsonObject().getJsonArray("results").getJsonObject(0);
    assertThat(r.getBoolean("draft")).isTrue();
    assertThat(r.getString("team")).isEqualTo("DC");
    assertThat(r.getBoolean("forwarded")).isTrue();
    assertError(
        web.post(
            "/api/v2/rules/test",
            new JsonObject()
                .put("rule", draft.copy().put("match_string", "(?=x)"))
                .put("event", new JsonObject().put("message", "x"))),
        400,
        "match_string is not a valid regular expression: "
            + io.mutt.pipeline.rules.RegexSupport.compileError("(?=x)").get());
    assertError(
        web.post("/api/v2/rules/test", new JsonObject()),
        400,
        "Give event (one JSON object) or events (1 to 1000 JSON objects)");
  }

  @Test
  void the_tester_takes_a_bare_event_a_bare_array_and_both_wrapped_forms_alike() {
    JsonObject event =
        new JsonObject().put("hostname", "router1").put("message", "interface LINK-DOWN critical");

    for (String body :
        List.of(
            event.encode(),
            new JsonArray().add(event).encode(),
            new JsonObject().put("event", event).encode(),
            new JsonObject().put("events", new JsonArray().add(event)).encode())) {
      var res = postRaw("/api/v2/rules/test", body);
      assertThat(res.statusCode()).as(body + " -> " + res.bodyAsString()).isEqualTo(200);
      JsonArray results = res.bodyAsJsonObject().getJsonArray("results");
      assertThat(results.size()).as(body).isEqualTo(1);
      assertThat(results.getJsonObject(0).getString("hostname")).as(body).isEqualTo("router1");
      assertThat(results.getJsonObject(0).getString("handling"))
          .as(body)
          .isEqualTo("Page_and_ticket");
    }
    var two = postRaw("/api/v2/rules/test", new JsonArray().add(event).add(event).encode());
    assertThat(two.bodyAsJsonObject().getJsonArray("results").size()).isEqualTo(2);
  }

  @Test
  void any_other_body_is_a_400_naming_the_field() {
    assertError(
        postRaw("/api/v2/rules/test", "\"router1 is down\""),
        400,
        "Request body must be a JSON object or array");
    assertError(
        postRaw("/api/v2/rules/test", "{not json"),
        400,
        "Request body must be a JSON object or array");
    assertError(postRaw("/api/v2/rules/test", "[1]"), 400, "events[0] must be a JSON object");
    assertError(
        postRaw("/api/v2/rules/test", "[]"),
        400,
        "Give event (one JSON object) or events (1 to 1000 JSON objects)");
    assertError(
        postRaw("/api/v2/rules/test", "{\"event\": 5}"), 400, "event must be a JSON object");
    assertError(
        postRaw("/api/v2/rules/test", "{\"events\": {\"message\": \"x\"}}"),
        400,
        "events must be an array of JSON objects");
    assertError(
        postRaw("/api/v2/rules/test", "{\"event\": {}, \"events\": [{}]}"),
        400,
        "Give event or events, not both");
    assertError(
        postRaw("/api/v2/rules/test", "{\"rule\": {\"match_string\": \"x\"}}"),
        400,
        "Give event (one JSON object) or events (1 to 1000 JSON objects)");
  }

  private static HttpResponse<Buffer> postRaw(String path, String body) {
    return web.req(HttpMethod.POST, path)
        .putHeader("Content-Type", "application/json")
        .sendBuffer(Buffer.buffer(body))
        .await();
  }

  @Test
  void the_tester_sees_a_saved_rule_change_at_once() {
    var first =
        web.post(
            "/api/v2/rules/test",
            new JsonObject().put("event", new JsonObject().put("message", "ZEBRA-ALARM")));
    assertThat(
            first.bodyAsJsonObject().getJsonArray("results").getJsonObject(0).getBoolean("matched"))
        .isFalse();
    web.post(
        "/api/v2/rules",
        new JsonObject()
            .put("match_string", "ZEBRA-ALARM")
            .put("prod_handling", "Page_only")
            .put("dev_handling", "Ignore")
            .put("team_assignment", "Zoo"));
    var second =
        web.post(
            "/api/v2/rules/test",
            new JsonObject().put("event", new JsonObject().put("message", "ZEBRA-ALARM")));
    assertThat(second.bodyAsJsonObject().getJsonArray("results").getJsonObject(0).getString("team"))
        .isEqualTo("Zoo");
  }
}
