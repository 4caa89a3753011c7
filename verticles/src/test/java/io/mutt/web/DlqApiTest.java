package io.mutt.web;

import static io.mutt.testsupport.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import io.mutt.pipeline.validation.RecordIds;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.sqlclient.Row;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DlqApiTest {

  static WebFixture web;

  @BeforeAll
  static void start() {
    web = WebFixture.shared();
  }

  private static void push(String list, String... entries) {
    Request lpush = Request.cmd(Command.LPUSH).arg(list);
    for (String e : entries) {
      lpush.arg(e);
    }
    web.rt().redis().send(lpush).await();
  }

  private static String event(String cid, int retry) {
    return new JsonObject()
        .put("hostname", "r1")
        .put("message", "poison " + cid)
        .put("timestamp", "2025-11-10T12:00:00Z")
        .put("_correlation_id", cid)
        .put("_retry_count", retry)
        .put("failed_at", "2025-11-10T12:00:01Z")
        .put("dlq_reason", "poison")
        .encode();
  }

  private static List<String> stream(String key) {
    Response r =
        web.rt().redis().send(Request.cmd(Command.XRANGE).arg(key).arg("-").arg("+")).await();
    List<String> out = new ArrayList<>();
    r.forEach(e -> out.add(e.get(1).get(1).toString()));
    return out;
  }

  @Test
  void a_dlq_is_paged_newest_first_and_an_entry_can_be_inspected() {
    String key = web.rt().keys().deadLetters;
    push(key, event("d-1", 0), event("d-2", 0), "not json at all");
    var overview = web.get("/api/v2/dlq").bodyAsJsonObject().getJsonArray("dlqs");
    assertThat(overview.getJsonObject(2).getString("name")).isEqualTo("dead");
    assertThat(overview.getJsonObject(2).getLong("depth")).isEqualTo(3);
    JsonObject page = web.get("/api/v2/dlq/dead?offset=1&limit=1").bodyAsJsonObject();
    assertThat(page.getLong("depth")).isEqualTo(3);
    JsonArray entries = page.getJsonArray("entries");
    assertThat(entries.size()).isEqualTo(1);
    assertThat(entries.getJsonObject(0).getInteger("index")).isEqualTo(1);
    assertThat(entries.getJsonObject(0).getString("correlation_id")).isEqualTo("d-2");
    JsonObject raw = web.get("/api/v2/dlq/dead/0").bodyAsJsonObject();
    assertThat(raw.getString("raw")).isEqualTo("not json at all");
    assertThat(raw.getValue("entry")).isNull();
    assertError(web.get("/api/v2/dlq/dead/99"), 404, "Entry not found");
    assertError(
        web.get("/api/v2/dlq/nope"), 404, "Unknown DLQ: expected one of alerter, moog, dead");
  }

  @Test
  void
      replaying_selected_alerter_entries_appends_them_to_the_ingest_stream_removes_them_and_audits() {
    String key = web.rt().keys().alerterDlq;
    push(key, event("a-1", 4), event("a-2", 4), event("a-3", 4));
    var res =
        web.post(
            "/api/v2/dlq/alerter/replay",
            new JsonObject()
                .put("indexes", new JsonArray().add(0).add(2))
                .put("reason", "fixed the rule"));
    assertThat(res.statusCode()).as(res.bodyAsString()).isEqualTo(200);
    assertThat(res.bodyAsJsonObject())
        .isEqualTo(
            new JsonObject()
                .put("name", "alerter")
                .put("replayed", 2)
                .put("target", "ingest")
                .put("remaining", 1));
    List<String> replayed =
        stream(web.rt().keys().ingestQueue).stream().filter(e -> e.contains("poison a-")).toList();
    assertThat(replayed).hasSize(2);
    JsonObject first = new JsonObject(replayed.get(0));
    assertThat(first.getString("_correlation_id")).isEqualTo("a-3");
    assertThat(first.containsKey("_retry_count")).isFalse();
    assertThat(first.containsKey("failed_at")).isFalse();
    assertThat(web.get("/api/v2/dlq/alerter/0").bodyAsJsonObject().getString("correlation_id"))
        .isEqualTo("a-2");
    Row audit = web.lastAudit("dlq", RecordIds.of("alerter"));
    assertThat(audit.getString("operation")).isEqualTo("UPDATE");
    assertThat(audit.getString("reason")).isEqualTo("fixed the rule");
    assertThat(
            ((JsonObject) audit.getValue("new_values")).getJsonArray("correlation_ids").getList())
        .containsExactly("a-3", "a-1");
    assertThat(((JsonObject) audit.getValue("old_values")).getLong("depth")).isEqualTo(3);
  }

  @Test
  void
      replaying_all_moog_entries_goes_to_the_alert_stream_and_purge_empties_a_list_with_an_audit_row() {
    String moog = web.rt().keys().moogDlq;
    web.rt().redis().send(Request.cmd(Command.DEL).arg(moog)).await();
    JsonObject alert =
        new JsonObject()
            .put("hostname", "r1")
            .put("team_assignment", "NetOps")
            .put("severity", "Warning")
            .put("message_body", "x")
            .put("_correlation_id", "m-1")
            .put("_moog_retry_count", 5);
    push(moog, alert.encode());
    var res = web.post("/api/v2/dlq/moog/replay", new JsonObject().put("all", true));
    assertThat(res.bodyAsJsonObject().getString("target")).isEqualTo("alerts");
    assertThat(res.bodyAsJsonObject().getInteger("replayed")).isEqualTo(1);
    JsonObject sent =
        new JsonObject(
            stream(web.rt().keys().alertQueue).stream()
                .filter(e -> e.contains("m-1"))
                .findFirst()
                .orElseThrow());
    assertThat(sent.containsKey("_moog_retry_count")).isFalse();
    assertThat(sent.getString("_correlation_id")).isEqualTo("m-1");

    push(moog, "x1", "x2");
    var purged =
        web.post("/api/v2/dlq/moog/purge", new JsonObject().put("all", true)).bodyAsJsonObject();
    assertThat(purged.getInteger("purged")).isEqualTo(2);
    assertThat(purged.getLong("remaining")).isZero();
    Row audit = web.lastAudit("dlq", RecordIds.of("moog"));
    assertThat(audit.getString("operation")).isEqualTo("DELETE");
    assertThat(((JsonObject) audit.getValue("old_values")).getString("action")).isEqualTo("purge");
    assertError(
        web.post("/api/v2/dlq/moog/purge", new JsonObject()),
        400,
        "Give indexes (a list of entry indexes) or all=true");
    assertError(
        web.post(
            "/api/v2/dlq/moog/replay", new JsonObject().put("indexes", new JsonArray().add(5))),
        404,
        "Entry not found: index 5");
  }
}
