package io.mutt.web;

import static io.mutt.testsupport.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import io.mutt.contract.BusAddresses;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RulesApiTest {

  static WebFixture web;

  @BeforeAll
  static void start() {
    web = WebFixture.shared();
  }

  private static JsonObject rule(String match) {
    return new JsonObject()
        .put("match_string", match)
        .put("prod_handling", "Page_and_ticket")
        .put("dev_handling", "Ignore")
        .put("team_assignment", "NetOps");
  }

  @Test
  void the_list_holds_every_rule_by_priority_then_id_with_all_columns_and_v1_headers() {
    var res = web.get("/api/v1/rules");
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(res.getHeader("X-API-Deprecated")).isEqualTo("true");
    assertThat(res.getHeader("X-API-Sunset")).isEqualTo("2026-01-01");
    assertThat(res.getHeader("X-API-Supported-Versions")).isEqualTo("2.5, 2.0, 1.0");
    JsonArray rules = res.bodyAsJsonObject().getJsonArray("rules");
    assertThat(rules.size()).isGreaterThanOrEqualTo(5);
    JsonObject first = rules.getJsonObject(0);
    assertThat(first.fieldNames())
        .containsExactlyInAnyOrder(
            "id",
            "match_string",
            "trap_oid",
            "syslog_severity",
            "match_type",
            "priority",
            "prod_handling",
            "dev_handling",
            "team_assignment",
            "is_active",
            "clear_pattern",
            "clear_key",
            "flap_threshold",
            "flap_window_minutes",
            "flap_stable_minutes");
    for (int i = 1; i < rules.size(); i++) {
      JsonObject a = rules.getJsonObject(i - 1);
      JsonObject b = rules.getJsonObject(i);
      assertThat(
              a.getInteger("priority") < b.getInteger("priority")
                  || (a.getInteger("priority").equals(b.getInteger("priority"))
                      && a.getInteger("id") < b.getInteger("id")))
          .isTrue();
    }
    var v2 = web.get("/api/v2/rules");
    assertThat(v2.getHeader("X-API-Deprecated")).isEqualTo("false");
    assertThat(v2.getHeader("X-API-Sunset")).isNull();
  }

  @Test
  void
      create_get_update_delete_each_commit_an_audit_row_with_before_and_after_and_announce_the_change()
          throws Exception {
    Promise<JsonObject> announced = Promise.promise();
    var consumer =
        web.rt()
            .vertx()
            .eventBus()
            .<JsonObject>consumer(BusAddresses.RULES_CHANGED, m -> announced.tryComplete(m.body()));
    var created =
        web.req(io.vertx.core.http.HttpMethod.POST, "/api/v2/rules")
            .putHeader("X-Correlation-ID", "cid-create-1")
            .sendJsonObject(rule("FAN-FAIL").put("priority", 7).put("reason", "new hardware"))
            .await();
    assertThat(created.statusCode()).isEqualTo(201);
    int id = created.bodyAsJsonObject().getInteger("id");
    assertThat(created.bodyAsJsonObject().getString("message"))
        .isEqualTo("Rule created successfully");
    assertThat(announced.future().await(2, TimeUnit.SECONDS).getString("table"))
        .isEqualTo("alert_rules");
    consumer.unregister();

    Row audit = web.lastAudit("alert_rules", id);
    assertThat(audit.getString("operation")).isEqualTo("CREATE");
    assertThat(audit.getString("changed_by"))
        .isEqualTo("webui_api:" + io.mutt.http.KeyId.of(WebFixture.KEY));
    assertThat(audit.getString("reason")).isEqualTo("new hardware");
    assertThat(audit.getString("correlation_id")).isEqualTo("cid-create-1");
    assertThat(audit.getValue("old_values")).isNull();
    assertThat((JsonObject) audit.getValue("new_values"))
        .isEqualTo(
            new JsonObject()
                .put("match_string", "FAN-FAIL")
                .putNull("trap_oid")
                .putNull("syslog_severity")
                .put("match_type", "contains")
                .put("priority", 7)
                .put("prod_handling", "Page_and_ticket")
                .put("dev_handling", "Ignore")
                .put("team_assignment", "NetOps")
                .put("is_active", true)
                .putNull("clear_pattern")
                .putNull("clear_key")
                .putNull("flap_threshold")
                .putNull("flap_window_minutes")
                .putNull("flap_stable_minutes"));

    var got = web.get("/api/v2/rules/" + id).bodyAsJsonObject();
    assertThat(got.getString("match_string")).isEqualTo("FAN-FAIL");
    assertThat(got.getInteger("priority")).isEqualTo(7);

    var updated =
        web.put(
            "/api/v2/rules/" + id,
            new JsonObject()
                .put("priority", 3)
                .put("is_active", false)
                .put("unknown", "ignored")
                .put("reason", "tune"));
    assertThat(updated.statusCode()).isEqualTo(200);
    assertThat(updated.bodyAsJsonObject().getString("message"))
        .isEqualTo("Rule updated successfully");
    audit = web.lastAudit("alert_rules", id);
    assertThat(audit.getString("operation")).isEqualTo("UPDATE");
    assertThat((JsonObject) audit.getValue("old_values"))
        .isEqualTo(new JsonObject().put("priority", 7).put("is_active", true));
    assertThat((JsonObject) audit.getValue("new_values"))
        .isEqualTo(new JsonObject().put("priority", 3).put("is_active", false));
    assertThat(web.get("/api/v2/rules/" + id).bodyAsJsonObject().getBoolean("is_active")).isFalse();

    var deleted = web.delete("/api/v1/rules/" + id, new JsonObject().put("reason", "gone"));
    assertThat(deleted.statusCode()).isEqualTo(200);
    assertThat(deleted.bodyAsJsonObject().getString("message"))
        .isEqualTo("Rule deleted successfully");
    audit = web.lastAudit("alert_rules", id);
    assertThat(audit.getString("operation")).isEqualTo("DELETE");
    assertThat(audit.getValue("new_values")).isNull();
    assertThat(((JsonObject) audit.getValue("old_values")).getString("match_string"))
        .isEqualTo("FAN-FAIL");
    assertThat(web.get("/api/v2/rules/" + id).statusCode()).isEqualTo(404);
  }

  @Test
  void bad_bodies_are_400_naming_the_field_and_nothing_is_written() {
    long before = web.sql("SELECT count(*) FROM alert_rules").iterator().next().getLong(0);
    assertError(
        web.post("/api/v2/rules", new JsonObject().put("match_string", "x")),
        400,
        "Missing required fields: ['prod_handling', 'dev_handling', 'team_assignment']");
    assertError(
        web.post("/api/v2/rules", rule("").put("trap_oid", "")),
        400,
        "Either match_string or trap_oid is required");
    assertError(
        web.post("/api/v2/rules", rule("x").put("match_type", "glob")),
        400,
        "match_type must be one of contains, regex, oid_prefix");
    assertError(
        web.post("/api/v2/rules", rule("x").put("syslog_severity", 9)),
        400,
        "syslog_severity must be null or an integer 0-7");
    assertError(
        web.post("/api/v2/rules", rule("x").put("priority", "high")),
        400,
        "priority must be an integer");
    var regex = web.post("/api/v2/rules", rule("(?<=x)y").put("match_type", "regex"));
    assertThat(regex.statusCode()).isEqualTo(400);
    assertThat(regex.bodyAsJsonObject().getString("error"))
        .startsWith("match_string is not a valid regular expression:");
    var notObject =
        web.req(io.vertx.core.http.HttpMethod.POST, "/api/v2/rules")
            .sendBuffer(io.vertx.core.buffer.Buffer.buffer("[1]"))
            .await();
    assertError(notObject, 400, "Request body must be a JSON object");
    assertThat(web.sql("SELECT count(*) FROM alert_rules").iterator().next().getLong(0))
        .isEqualTo(before);
  }

  @Test
  void clearing_and_flapping_fields_are_stored_audited_and_bad_ones_are_400_naming_the_field() {
    var created =
        web.post(
            "/api/v2/rules",
            rule("LINK-DOWN")
                .put("clear_pattern", "LINK-UP")
                .put("clear_key", "Interface (\\S+)")
                .put("flap_threshold", 4)
                .put("flap_window_minutes", 10)
                .put("flap_stable_minutes", 20));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    int id = created.bodyAsJsonObject().getInteger("id");
    JsonObject stored = web.get("/api/v2/rules/" + id).bodyAsJsonObject();
    assertThat(stored.getString("clear_pattern")).isEqualTo("LINK-UP");
    assertThat(stored.getString("clear_key")).isEqualTo("Interface (\\S+)");
    assertThat(stored.getInteger("flap_threshold")).isEqualTo(4);
    assertThat(stored.getInteger("flap_stable_minutes")).isEqualTo(20);
    assertThat(
            ((JsonObject) web.lastAudit("alert_rules", id).getValue("new_values"))
                .getInteger("flap_window_minutes"))
        .isEqualTo(10);

    var updated = web.put("/api/v2/rules/" + id, new JsonObject().put("flap_threshold", 0));
    assertThat(updated.statusCode()).as(updated.bodyAsString()).isEqualTo(200);
    assertThat(web.get("/api/v2/rules/" + id).bodyAsJsonObject().getInteger("flap_threshold"))
        .isZero();

    var badPattern = web.post("/api/v2/rules", rule("x").put("clear_pattern", "(oops"));
    assertThat(badPattern.statusCode()).isEqualTo(400);
    assertThat(badPattern.bodyAsJsonObject().getString("error"))
        .startsWith("clear_pattern is not a valid regular expression:");
    assertError(
        web.post("/api/v2/rules", rule("x").put("clear_pattern", "UP").put("flap_threshold", -2)),
        400,
        "flap_threshold must be null or an integer 0-1000");
    assertError(
        web.post(
            "/api/v2/rules", rule("x").put("clear_pattern", "UP").put("flap_window_minutes", "x")),
        400,
        "flap_window_minutes must be null or an integer 1-10080");
    assertError(
        web.post("/api/v2/rules", rule("x").put("flap_stable_minutes", 5)),
        400,
        "flap_stable_minutes needs clear_pattern");
    assertError(
        web.put("/api/v2/rules/" + id, new JsonObject().put("clear_pattern", null)),
        400,
        "clear_key needs clear_pattern");
  }

  @Test
  void unknown_ids_are_404_and_an_empty_update_is_400_after_the_id_check() {
    assertError(web.get("/api/v2/rules/999999"), 404, "Rule not found");
    assertError(web.get("/api/v2/rules/abc"), 404, "Rule not found");
    assertError(web.put("/api/v2/rules/999999", new JsonObject()), 404, "Rule not found");
    assertError(web.delete("/api/v2/rules/999999"), 404, "Rule not found");
    int id = web.post("/api/v2/rules", rule("EMPTY-UPDATE")).bodyAsJsonObject().getInteger("id");
    assertError(
        web.put("/api/v2/rules/" + id, new JsonObject().put("reason", "nothing")),
        400,
        "No fields to update");
    assertError(
        web.put("/api/v2/rules/" + id, new JsonObject().put("match_string", null)),
        400,
        "Either match_string or trap_oid is required");
  }

  @Test
  void a_rule_referenced_by_audit_records_cannot_be_deleted_409() {
    int id = web.post("/api/v2/rules", rule("REFERENCED")).bodyAsJsonObject().getInteger("id");
    web.sql(
        "INSERT INTO event_audit_log (event_timestamp, hostname, matched_rule_id, handling_decision, raw_message) "
            + "VALUES ($1, 'r1', $2, 'Ignore', '{}')",
        OffsetDateTime.now(),
        id);
    assertError(
        web.delete("/api/v2/rules/" + id),
        409,
        "Rule is referenced by audit records; deactivate it instead");
    assertThat(web.get("/api/v2/rules/" + id).statusCode()).isEqualTo(200);
    assertThat(
            web.sql(
                    "SELECT count(*) FROM config_audit_log WHERE table_name = 'alert_rules' AND record_id = $1 "
                        + "AND operation = 'DELETE'",
                    id)
                .iterator()
                .next()
                .getLong(0))
        .isZero();
  }
}
