package io.mutt.web;

import static io.mutt.testsupport.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import io.mutt.contract.BusAddresses;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Maintenance windows and silences through the real web role, PostgreSQL and the event bus. */
class NoiseApiTest {

  static WebFixture web;

  @BeforeAll
  static void start() {
    web = WebFixture.shared();
  }

  private static JsonArray matchers(String kind, String value) {
    return new JsonArray().add(new JsonObject().put("kind", kind).put("value", value));
  }

  private static JsonObject onceWindow(String name, Instant start, Instant end) {
    return new JsonObject()
        .put("name", name)
        .put("matchers", matchers("hostname_glob", "db-*.example.com"))
        .put("effect", "suppress")
        .put(
            "schedule",
            new JsonObject()
                .put("type", "once")
                .put("start", start.toString())
                .put("end", end.toString()));
  }

  @Test
  void windows_are_created_listed_replaced_and_deleted_with_audit_rows_and_announcements()
      throws Exception {
    List<JsonObject> announced = new CopyOnWriteArrayList<>();
    MessageConsumer<JsonObject> consumer =
        web.rt()
            .vertx()
            .eventBus()
            .<JsonObject>consumer(BusAddresses.NOISE_CHANGED, m -> announced.add(m.body()));
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    var created =
        web.post(
            "/api/v2/maintenance-windows",
            onceWindow("db patch <b>", now.minusSeconds(60), now.plusSeconds(3600))
                .put("comment", "monthly"));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    int id = created.bodyAsJsonObject().getInteger("id");
    var upcoming =
        web.post(
            "/api/v2/maintenance-windows",
            new JsonObject()
                .put("name", "weekly")
                .put("matchers", matchers("team", "NETO"))
                .put("effect", "downgrade")
                .put("severity", "Minor")
                .put(
                    "schedule",
                    new JsonObject()
                        .put("type", "cron")
                        .put("cron", "0 3 1 1 *")
                        .put("duration_minutes", 30)
                        .put("time_zone", "Europe/Paris")));
    assertThat(upcoming.statusCode()).as(upcoming.bodyAsString()).isEqualTo(201);
    int cronId = upcoming.bodyAsJsonObject().getInteger("id");

    JsonObject got = web.get("/api/v2/maintenance-windows/" + id).bodyAsJsonObject();
    assertThat(got.getString("name")).isEqualTo("db patch <b>");
    assertThat(got.getBoolean("active")).isTrue();
    assertThat(got.getString("active_until")).isEqualTo(now.plusSeconds(3600).toString());
    assertThat(got.getString("created_by")).startsWith("webui_api:");
    JsonArray active =
        web.get("/api/v2/maintenance-windows?state=active")
            .bodyAsJsonObject()
            .getJsonArray("windows");
    assertThat(active.stream().map(o -> ((JsonObject) o).getInteger("id"))).contains(id);
    assertThat(active.stream().map(o -> ((JsonObject) o).getInteger("id"))).doesNotContain(cronId);

    Row audit = web.lastAudit("maintenance_windows", id);
    assertThat(audit.getString("operation")).isEqualTo("CREATE");
    assertThat(((JsonObject) audit.getValue("new_values")).getString("name"))
        .isEqualTo("db patch <b>");

    var replaced =
        web.put(
            "/api/v2/maintenance-windows/" + id,
            onceWindow("db patch 2", now.minusSeconds(60), now.plusSeconds(60)));
    assertThat(replaced.statusCode()).as(replaced.bodyAsString()).isEqualTo(200);
    audit = web.lastAudit("maintenance_windows", id);
    assertThat(audit.getString("operation")).isEqualTo("UPDATE");
    assertThat(((JsonObject) audit.getValue("old_values")).getString("name"))
        .isEqualTo("db patch <b>");
    assertThat(((JsonObject) audit.getValue("new_values")).getString("name"))
        .isEqualTo("db patch 2");

    assertThat(web.delete("/api/v2/maintenance-windows/" + id).statusCode()).isEqualTo(200);
    assertThat(web.lastAudit("maintenance_windows", id).getString("operation")).isEqualTo("DELETE");
    assertError(
        web.delete("/api/v2/maintenance-windows/" + id), 404, "Maintenance window not found");
    assertThat(web.delete("/api/v2/maintenance-windows/" + cronId).statusCode()).isEqualTo(200);
    io.mutt.testsupport.Eventually.until(
        java.time.Duration.ofSeconds(5), "noise announcements", () -> announced.size() >= 5);
    assertThat(announced.get(0).getString("table")).isEqualTo("maintenance_windows");
    consumer.unregister();
  }

  @Test
  void bad_windows_are_400s_naming_the_field() {
    Instant now = Instant.now();
    assertError(
        web.post(
            "/api/v2/maintenance-windows",
            onceWindow("x", now, now.plusSeconds(5)).put("matchers", new JsonArray())),
        400,
        "matchers must be a non-empty array of {\"kind\", \"value\"} objects");
    assertError(
        web.post(
            "/api/v2/maintenance-windows",
            onceWindow("x", now, now.plusSeconds(5))
                .put("matchers", matchers("hostname_regex", "db-(["))),
        400,
        "matchers[0].value is not a valid RE2 regular expression");
    assertError(
        web.post(
            "/api/v2/maintenance-windows",
            onceWindow("x", now, now.plusSeconds(5))
                .put(
                    "schedule",
                    new JsonObject()
                        .put("type", "weekly")
                        .put("days", new JsonArray().add("mon"))
                        .put("from", "22:00")
                        .put("to", "02:00")
                        .put("time_zone", "Nowhere/City"))),
        400,
        "schedule.time_zone is not a known time zone (e.g. Europe/Paris)");
    assertError(
        web.put("/api/v2/maintenance-windows/999999", onceWindow("x", now, now.plusSeconds(5))),
        404,
        "Maintenance window not found");
    assertError(
        web.get("/api/v2/maintenance-windows?state=soon"),
        400,
        "state must be active, upcoming or all");
  }

  @Test
  void silences_are_created_listed_and_expired_with_audit_rows() {
    Instant expiry = Instant.now().plusSeconds(3600).truncatedTo(ChronoUnit.SECONDS);
    var created =
        web.post(
            "/api/v2/silences",
            new JsonObject()
                .put("matchers", matchers("hostname", "sw1.example.com"))
                .put("comment", "replacing PSU")
                .put("expires_at", expiry.toString()));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    int id = created.bodyAsJsonObject().getInteger("id");
    JsonObject listed =
        web.get("/api/v2/silences").bodyAsJsonObject().getJsonArray("silences").stream()
            .map(o -> (JsonObject) o)
            .filter(o -> o.getInteger("id") == id)
            .findFirst()
            .orElseThrow();
    assertThat(listed.getString("state")).isEqualTo("active");
    assertThat(listed.getString("author")).startsWith("webui_api:");
    assertThat(listed.getString("expires_at")).isEqualTo(expiry.toString());
    assertThat(web.lastAudit("silences", id).getString("operation")).isEqualTo("CREATE");

    var expired = web.delete("/api/v2/silences/" + id);
    assertThat(expired.statusCode()).as(expired.bodyAsString()).isEqualTo(200);
    Row audit = web.lastAudit("silences", id);
    assertThat(audit.getString("operation")).isEqualTo("UPDATE");
    assertThat(((JsonObject) audit.getValue("old_values")).getString("expires_at"))
        .isEqualTo(expiry.toString());
    assertError(web.delete("/api/v2/silences/" + id), 409, "Silence already expired");
    assertThat(
            web.get("/api/v2/silences").bodyAsJsonObject().getJsonArray("silences").stream()
                .map(o -> ((JsonObject) o).getInteger("id")))
        .doesNotContain(id);
    assertThat(
            web
                .get("/api/v2/silences?state=expired")
                .bodyAsJsonObject()
                .getJsonArray("silences")
                .stream()
                .map(o -> ((JsonObject) o).getInteger("id")))
        .contains(id);
    assertError(web.delete("/api/v2/silences/424242"), 404, "Silence not found");
  }

  @Test
  void bad_silences_are_400s_naming_the_field() {
    JsonObject base =
        new JsonObject()
            .put("matchers", matchers("team", "NETO"))
            .put("comment", "c")
            .put("author", "ann");
    assertError(
        web.post("/api/v2/silences", base.copy()),
        400,
        "expires_at is required (ISO-8601 instant)");
    assertError(
        web.post(
            "/api/v2/silences",
            base.copy().put("expires_at", Instant.now().plusSeconds(9 * 24 * 3600).toString())),
        400,
        "expires_at must be at most 168 hours after starts_at");
    assertError(
        web.post(
            "/api/v2/silences",
            base.copy()
                .put("expires_at", Instant.now().plusSeconds(60).toString())
                .put("matchers", matchers("rule_id", "abc"))),
        400,
        "matchers[0].value must be a positive rule id for kind rule_id");
    assertError(
        web.post(
            "/api/v2/silences",
            base.copy()
                .put("comment", "")
                .put("expires_at", Instant.now().plusSeconds(60).toString())),
        400,
        "comment must be a non-empty string");
  }
}
