package io.mutt.web;

import static io.mutt.testsupport.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AuditApiTest {

  static WebFixture web;
  static String host;

  @BeforeAll
  static void seed() {
    web = WebFixture.shared();
    host = "audit-" + UUID.randomUUID().toString().substring(0, 8);
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    for (int i = 0; i < 7; i++) {
      String raw =
          new JsonObject()
              .put("hostname", host)
              .put("message", "CRITICAL " + i)
              .put("_correlation_id", host + "-cid-" + i)
              .encode();
      web.sql(
          "INSERT INTO event_audit_log (event_timestamp, hostname, matched_rule_id, handling_decision, "
              + "forwarded_to_moog, raw_message) VALUES ($1, $2, $3, $4, $5, $6)",
          now.minusMinutes(i),
          host,
          i % 2 == 0 ? 1 : 2,
          i % 2 == 0 ? "Page_and_ticket" : "Ignore",
          i % 2 == 0,
          raw);
    }
  }

  @Test
  void event_audit_pages_newest_first_with_total_and_pages() {
    var res = web.get("/api/v1/audit-logs?hostname=" + host + "&limit=3&page=2");
    assertThat(res.statusCode()).isEqualTo(200);
    JsonObject body = res.bodyAsJsonObject();
    assertThat(body.getJsonObject("pagination"))
        .isEqualTo(new JsonObject().put("page", 2).put("limit", 3).put("total", 7).put("pages", 3));
    JsonArray logs = body.getJsonArray("logs");
    assertThat(logs.size()).isEqualTo(3);
    JsonObject first = logs.getJsonObject(0);
    assertThat(first.fieldNames())
        .containsExactlyInAnyOrder(
            "id",
            "event_timestamp",
            "hostname",
            "matched_rule_id",
            "handling_decision",
            "forwarded_to_moog",
            "raw_message",
            "event_id",
            "coalesced_into",
            "noise_decision");
    assertThat(new JsonObject(first.getString("raw_message")).getString("message"))
        .isEqualTo("CRITICAL 3");
    assertThat(first.getString("event_timestamp"))
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}\\+00:00");
  }

  @Test
  void event_audit_filters_by_rule_decision_time_and_correlation_id() {
    assertThat(total("/api/v2/audit-logs?hostname=" + host + "&rule_id=2")).isEqualTo(3);
    assertThat(total("/api/v2/audit-logs?hostname=" + host + "&handling_decision=Page_and_ticket"))
        .isEqualTo(4);
    assertThat(total("/api/v2/audit-logs?correlation_id=" + host + "-cid-5")).isEqualTo(1);
    String start = OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(150).toString();
    assertThat(total("/api/v2/audit-logs?hostname=" + host + "&start_date=" + start)).isEqualTo(3);
    assertThat(total("/api/v2/audit-logs?hostname=nobody-at-all")).isZero();
    assertThat(
            web.get("/api/v2/audit-logs?hostname=nobody-at-all")
                .bodyAsJsonObject()
                .getJsonObject("pagination")
                .getInteger("pages"))
        .isZero();
  }

  @Test
  void non_integer_numbers_and_bad_dates_are_400_naming_the_parameter() {
    assertError(web.get("/api/v2/audit-logs?page=x"), 400, "page must be an integer");
    assertError(web.get("/api/v2/audit-logs?rule_id=one"), 400, "rule_id must be an integer");
    assertError(
        web.get("/api/v2/audit-logs?start_date=yesterday"),
        400,
        "start_date must be an ISO-8601 date or timestamp");
    assertError(
        web.get("/api/v2/config-audit?operation=PATCH"),
        400,
        "operation must be one of CREATE, UPDATE, DELETE");
    assertError(web.get("/api/v2/config-audit?record_id=abc"), 400, "record_id must be an integer");
    assertThat(
            web.get("/api/v2/audit-logs?limit=5000")
                .bodyAsJsonObject()
                .getJsonObject("pagination")
                .getInteger("limit"))
        .isEqualTo(200);
  }

  @Test
  void config_audit_lists_under_logs_and_changes_with_case_insensitive_filters() {
    String who = "Ops_" + UUID.randomUUID().toString().substring(0, 6);
    for (String op : new String[] {"CREATE", "UPDATE", "DELETE"}) {
      web.sql(
          "INSERT INTO config_audit_log (changed_by, operation, table_name, record_id, old_values, new_values, "
              + "reason, correlation_id) VALUES ($1, $2, 'alert_rules', 4242, $3, $4, 'r', 'c')",
          who,
          op,
          op.equals("CREATE") ? null : new JsonObject().put("priority", 1),
          op.equals("DELETE") ? null : new JsonObject().put("priority", 2));
    }
    var logs =
        web.get("/api/v1/audit?changed_by=" + who.toLowerCase() + "&operation=update")
            .bodyAsJsonObject();
    assertThat(logs.getJsonArray("logs").size()).isEqualTo(1);
    JsonObject item = logs.getJsonArray("logs").getJsonObject(0);
    assertThat(item.fieldNames())
        .containsExactlyInAnyOrder(
            "id",
            "changed_at",
            "changed_by",
            "operation",
            "table_name",
            "record_id",
            "old_values",
            "new_values",
            "reason",
            "correlation_id");
    assertThat(item.getJsonObject("old_values")).isEqualTo(new JsonObject().put("priority", 1));
    var changes =
        web.get(
                "/api/v2/config-audit?changed_by="
                    + who
                    + "&table_name=alert_rules&record_id=4242&limit=2")
            .bodyAsJsonObject();
    assertThat(changes.getJsonArray("changes").size()).isEqualTo(2);
    assertThat(changes.getJsonObject("pagination").getInteger("total")).isEqualTo(3);
    assertThat(changes.getJsonObject("pagination").getInteger("pages")).isEqualTo(2);
    assertThat(
            web.get("/api/v2/config-audit?changed_by=%25")
                .bodyAsJsonObject()
                .getJsonObject("pagination")
                .getInteger("total"))
        .isZero();
  }

  private static int total(String path) {
    var res = web.get(path);
    assertThat(res.statusCode()).as(res.bodyAsString()).isEqualTo(200);
    return res.bodyAsJsonObject().getJsonObject("pagination").getInteger("total");
  }
}
