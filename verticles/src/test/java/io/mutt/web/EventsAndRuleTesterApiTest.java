package io.mutt.web;

import static io.mutt.web.RulesApiTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.time.OffsetDateTime;
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
