package io.mutt.web;

import static io.mutt.testsupport.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import io.mutt.pipeline.validation.RecordIds;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.sqlclient.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ConfigApiTest {

  static WebFixture web;

  @BeforeAll
  static void start() {
    web = WebFixture.shared();
  }

  @Test
  void a_new_key_is_created_then_updated_with_audit_rows_and_shows_in_the_list_and_history() {
    var created =
        web.put(
            "/api/v2/config/moog_rate_limit",
            new JsonObject().put("value", 75).put("reason", "peak"));
    assertThat(created.statusCode()).isEqualTo(200);
    assertThat(created.bodyAsJsonObject())
        .isEqualTo(
            new JsonObject()
                .put("key", "moog_rate_limit")
                .putNull("old_value")
                .put("new_value", "75"));
    Row audit = web.lastAudit("dynamic_config", RecordIds.of("moog_rate_limit"));
    assertThat(audit.getString("operation")).isEqualTo("CREATE");
    assertThat((JsonObject) audit.getValue("new_values"))
        .isEqualTo(new JsonObject().put("key", "moog_rate_limit").put("value", "75"));

    var updated = web.put("/api/v1/config/moog_rate_limit", new JsonObject().put("value", "80"));
    assertThat(updated.bodyAsJsonObject().getString("old_value")).isEqualTo("75");
    audit = web.lastAudit("dynamic_config", RecordIds.of("moog_rate_limit"));
    assertThat(audit.getString("operation")).isEqualTo("UPDATE");
    assertThat((JsonObject) audit.getValue("old_values"))
        .isEqualTo(new JsonObject().put("key", "moog_rate_limit").put("value", "75"));
    var stored =
        web.rt()
            .redis()
            .send(Request.cmd(Command.GET).arg(web.rt().keys().configPrefix + "moog_rate_limit"))
            .await();
    assertThat(stored.toString()).isEqualTo("80");

    web.put("/api/v2/config/retention_enforcement_enabled", new JsonObject().put("value", false));
    JsonObject config = web.get("/api/v1/config").bodyAsJsonObject().getJsonObject("config");
    assertThat(config.getString("moog_rate_limit")).isEqualTo("80");
    assertThat(config.getString("retention_enforcement_enabled")).isEqualTo("false");
    assertThat(config.containsKey("updates")).isFalse();

    JsonObject history = web.get("/api/v2/config/history?limit=2").bodyAsJsonObject();
    assertThat(history.getJsonArray("history").size()).isEqualTo(2);
    assertThat(history.getJsonArray("history").getJsonObject(0).getString("table_name"))
        .isEqualTo("dynamic_config");
    assertThat(history.getJsonObject("pagination").getInteger("total")).isGreaterThanOrEqualTo(3);
  }

  @Test
  void bad_keys_and_values_are_400_and_change_nothing() {
    assertError(
        web.put("/api/v2/config/Bad-Key", new JsonObject().put("value", 1)),
        400,
        "Invalid config key: must match ^[a-z0-9_]{1,100}$ and not be 'updates'");
    assertError(
        web.put("/api/v2/config/updates", new JsonObject().put("value", 1)),
        400,
        "Invalid config key: must match ^[a-z0-9_]{1,100}$ and not be 'updates'");
    assertError(
        web.put("/api/v2/config/some_key", new JsonObject()),
        400,
        "Missing 'value' in request body");
    assertError(
        web.put("/api/v2/config/alerter_shed_mode", new JsonObject().put("value", "drop")),
        400,
        "alerter_shed_mode must be one of dlq, defer");
    assertThat(web.lastAudit("dynamic_config", RecordIds.of("alerter_shed_mode"))).isNull();
  }
}
