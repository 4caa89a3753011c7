package io.mutt.web;

import static io.mutt.testsupport.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import io.mutt.pipeline.validation.RecordIds;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HostsTeamsApiTest {

  static WebFixture web;

  @BeforeAll
  static void start() {
    web = WebFixture.shared();
  }

  @Test
  void dev_hosts_are_listed_sorted_added_once_and_deleted_with_audit_rows() {
    JsonArray hosts = web.get("/api/v1/dev-hosts").bodyAsJsonObject().getJsonArray("hosts");
    assertThat(hosts).contains(new JsonObject().put("hostname", "dev-router1"));
    var added = web.post("/api/v2/dev-hosts", new JsonObject().put("hostname", "aaa-lab-1"));
    assertThat(added.statusCode()).isEqualTo(201);
    assertThat(added.bodyAsJsonObject().getString("message"))
        .isEqualTo("Dev host added successfully");
    assertThat(
            web.get("/api/v2/dev-hosts")
                .bodyAsJsonObject()
                .getJsonArray("hosts")
                .getJsonObject(0)
                .getString("hostname"))
        .isEqualTo("aaa-lab-1");
    Row audit = web.lastAudit("development_hosts", RecordIds.of("aaa-lab-1"));
    assertThat(audit.getString("operation")).isEqualTo("CREATE");
    assertThat((JsonObject) audit.getValue("new_values"))
        .isEqualTo(new JsonObject().put("hostname", "aaa-lab-1"));

    assertError(
        web.post("/api/v2/dev-hosts", new JsonObject().put("hostname", "aaa-lab-1")),
        409,
        "Hostname already exists");
    assertError(web.post("/api/v2/dev-hosts", new JsonObject()), 400, "hostname is required");
    var deleted = web.delete("/api/v2/dev-hosts/aaa-lab-1");
    assertThat(deleted.bodyAsJsonObject().getString("message"))
        .isEqualTo("Dev host deleted successfully");
    assertThat(web.lastAudit("development_hosts", RecordIds.of("aaa-lab-1")).getString("operation"))
        .isEqualTo("DELETE");
    assertError(web.delete("/api/v2/dev-hosts/aaa-lab-1"), 404, "Hostname not found");
  }

  @Test
  void team_mappings_are_added_changed_and_deleted_with_before_and_after() {
    assertThat(web.get("/api/v1/teams").bodyAsJsonObject().getJsonArray("teams"))
        .contains(
            new JsonObject()
                .put("hostname", "router1.prod.example.com")
                .put("team_assignment", "NetOps"));
    var added =
        web.post(
            "/api/v2/teams",
            new JsonObject().put("hostname", "sw9.example.com").put("team_assignment", "NetOps"));
    assertThat(added.statusCode()).isEqualTo(201);
    assertThat(added.bodyAsJsonObject().getString("message"))
        .isEqualTo("Team mapping added successfully");
    assertError(
        web.post(
            "/api/v2/teams",
            new JsonObject().put("hostname", "sw9.example.com").put("team_assignment", "X")),
        409,
        "Hostname already has a team assignment");
    assertError(
        web.post("/api/v2/teams", new JsonObject().put("hostname", "x")),
        400,
        "hostname and team_assignment are required");

    var changed =
        web.put(
            "/api/v2/teams/sw9.example.com", new JsonObject().put("team_assignment", "Security"));
    assertThat(changed.bodyAsJsonObject().getString("message"))
        .isEqualTo("Team mapping updated successfully");
    Row audit = web.lastAudit("device_teams", RecordIds.of("sw9.example.com"));
    assertThat(audit.getString("operation")).isEqualTo("UPDATE");
    assertThat(((JsonObject) audit.getValue("old_values")).getString("team_assignment"))
        .isEqualTo("NetOps");
    assertThat(((JsonObject) audit.getValue("new_values")).getString("team_assignment"))
        .isEqualTo("Security");
    assertError(
        web.put("/api/v2/teams/sw9.example.com", new JsonObject()),
        400,
        "team_assignment is required");
    assertError(
        web.put("/api/v2/teams/nowhere", new JsonObject().put("team_assignment", "X")),
        404,
        "Hostname not found");

    assertThat(web.delete("/api/v1/teams/sw9.example.com").bodyAsJsonObject().getString("message"))
        .isEqualTo("Team mapping deleted successfully");
    assertThat(
            ((JsonObject)
                    web.lastAudit("device_teams", RecordIds.of("sw9.example.com"))
                        .getValue("old_values"))
                .getString("team_assignment"))
        .isEqualTo("Security");
    assertError(web.delete("/api/v1/teams/sw9.example.com"), 404, "Hostname not found");
  }
}
