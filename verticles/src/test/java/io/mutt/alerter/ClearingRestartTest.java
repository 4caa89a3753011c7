package io.mutt.alerter;

import static io.mutt.alerter.AlerterTestKit.event;
import static io.mutt.alerter.AlerterTestKit.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.mutt.testsupport.MuttTestApp;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The clearing state of a key lives in Redis, not in the alerter: an alert opened before a restart
 * is closed by the clear that arrives after it.
 */
class ClearingRestartTest {

  AlerterTestKit kit;

  @AfterEach
  void stop() {
    if (kit != null) {
      kit.close();
    }
  }

  @Test
  void a_clear_after_a_restart_closes_the_alert_opened_before_it() {
    kit =
        new AlerterTestKit(
            MuttTestApp.start("ingest,alerter,web", Map.of("ALERT_COALESCE_WINDOW_SECONDS", "0")));
    Map<String, String> settings = kit.mutt.settings;
    var res =
        kit.web
            .postAbs(kit.mutt.webUrl() + "/api/v2/rules")
            .putHeader("X-API-KEY", "test-webui-key-0123456789")
            .sendJsonObject(
                new JsonObject()
                    .put("match_string", "RST-DOWN")
                    .put("priority", 5)
                    .put("prod_handling", "Page_only")
                    .put("dev_handling", "Ignore")
                    .put("team_assignment", "NETO")
                    .put("clear_pattern", "RST-UP")
                    .put("clear_key", "port (\\d+)"))
            .await();
    assertThat(res.statusCode()).as(res.bodyAsString()).isEqualTo(201);
    kit.reloadRules();
    String host = "rst-1.example.com";
    kit.post(event(host, "RST-DOWN port 7"));
    eventually("the problem audited", () -> kit.auditRows(host).size() == 1);
    assertThat(kit.auditRows(host).get(0).getString("noise_decision"))
        .isEqualTo("problem of key \"7\"");
    kit.close();

    kit = new AlerterTestKit(MuttTestApp.start("ingest,alerter,web", settings));
    kit.post(event(host, "RST-UP port 7"));
    eventually("the clear audited", () -> kit.auditRows(host).size() == 2);
    Row clear = kit.auditRows(host).get(1);
    assertThat(clear.getString("noise_decision")).isEqualTo("clear of key \"7\" forwarded");
    assertThat(clear.getBoolean("forwarded_to_moog")).isTrue();
    eventually(
        "the clear on the alert stream",
        () -> kit.alerts(host).stream().anyMatch(a -> "Clear".equals(a.getString("severity"))));
    assertThat(kit.counter("mutt.alerter.clearing.decisions", "action", "clear")).isEqualTo(1.0);
  }
}
