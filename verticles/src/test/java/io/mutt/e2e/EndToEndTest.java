package io.mutt.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.mutt.testsupport.Fixtures;
import io.mutt.testsupport.MuttTestApp;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.sqlclient.Row;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every role in one JVM on real Redis and PostgreSQL with the demo rules: the spec's demo events go
 * in through HTTP, and exactly the expected alerts reach the Moogsoft stand-in and exactly the
 * expected audit rows exist.
 */
class EndToEndTest {

  static MuttTestApp mutt;
  static Vertx vertx;
  static WebClient http;

  @BeforeAll
  static void start() {
    // server-app-16 sends two "error" lines: the second is a repeat of the first alert's key and
    // reaches Moogsoft as the window's update, so a short window keeps the test's wait short.
    mutt =
        MuttTestApp.start(
            "all", Map.of("UNHANDLED_THRESHOLD", "100", "ALERT_COALESCE_WINDOW_SECONDS", "2"));
    vertx = Vertx.vertx();
    http = WebClient.create(vertx);
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
    mutt.close();
  }

  @Test
  void demo_events_produce_exactly_the_expected_alerts_and_audit_rows() throws Exception {
    List<JsonObject> events = new ArrayList<>(Fixtures.syslogTestData());
    events.addAll(Fixtures.snmpTraps());
    String now = java.time.Instant.now().toString();
    events.add(
        new JsonObject()
            .put("hostname", "dev-router1")
            .put("timestamp", now)
            .put("message", "CRITICAL power supply"));
    events.add(
        new JsonObject()
            .put("hostname", "test-switch1")
            .put("timestamp", now)
            .put("message", "ERROR on port 3"));

    Map<String, JsonObject> byCorrelation = new HashMap<>();
    for (JsonObject e : events) {
      var res =
          http.postAbs(mutt.ingestUrl() + "/api/v2/ingest")
              .putHeader("X-API-KEY", "test-ingest-key-0123456789")
              .sendJsonObject(e)
              .await();
      assertThat(res.statusCode()).as(res.bodyAsString()).isEqualTo(200);
      byCorrelation.put(res.bodyAsJsonObject().getString("correlation_id"), e);
    }

    // 6 syslog events contain "error" (rule 2, NETO), 5 traps match the OID rule 5 (NetOps),
    // the dev host's CRITICAL event is dev-handled Ticket_only (rule 1, NETO); the dev host's ERROR
    // is Ignore.
    awaitAuditRows(13, Duration.ofSeconds(60));
    List<JsonObject> alerts = awaitAlerts(12, Duration.ofSeconds(60));
    Thread.sleep(1000);
    assertThat(mutt.moog().count()).as("no extra alert arrives").isEqualTo(12);

    Map<String, Integer> byClass = new HashMap<>();
    Set<String> externalIds = new HashSet<>();
    for (JsonObject a : alerts) {
      byClass.merge(a.getString("class"), 1, Integer::sum);
      externalIds.add(a.getString("external_id"));
      assertThat(byCorrelation).containsKey(a.getString("external_id"));
      assertThat(a.getString("manager")).isEqualTo("MUTT");
      assertThat(a.getString("agent")).isEqualTo("MUTT v2.5");
      assertThat(a.getString("description"))
          .isEqualTo(byCorrelation.get(a.getString("external_id")).getString("message"));
    }
    assertThat(byClass).isEqualTo(Map.of("NETO", 7, "NetOps", 5));
    List<JsonObject> updates =
        alerts.stream()
            .filter(a -> a.getJsonObject("custom_info").containsKey("mutt_coalesced"))
            .toList();
    assertThat(updates).as("the repeat travels as the window's update").hasSize(1);
    assertThat(updates.get(0).getString("signature")).isEqualTo("server-app-16.prod.example.com");
    assertThat(
            updates
                .get(0)
                .getJsonObject("custom_info")
                .getJsonObject("mutt_coalesced")
                .getInteger("count"))
        .isEqualTo(1);
    assertThat(externalIds).hasSize(12);

    var rows =
        mutt.app
            .runtime()
            .pg()
            .query(
                "SELECT matched_rule_id, handling_decision, forwarded_to_moog, hostname, COUNT(*) AS n FROM event_audit_log "
                    + "GROUP BY 1,2,3,4 ORDER BY 1,4")
            .execute()
            .await();
    Map<String, Long> audit = new HashMap<>();
    for (Row r : rows) {
      String key =
          r.getInteger("matched_rule_id")
              + "|"
              + r.getString("handling_decision")
              + "|"
              + r.getBoolean("forwarded_to_moog");
      audit.merge(key, r.getLong("n"), Long::sum);
    }
    assertThat(audit)
        .isEqualTo(
            Map.of(
                "2|Ticket_only|true", 6L,
                "5|Page_and_ticket|true", 5L,
                "1|Ticket_only|true", 1L,
                "2|Ignore|false", 1L));
  }

  private static List<JsonObject> awaitAlerts(int n, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline && mutt.moog().count() < n) {
      Thread.sleep(200);
    }
    JsonArray arr = mutt.moog().events(1000);
    List<JsonObject> out = new ArrayList<>();
    arr.forEach(o -> out.add((JsonObject) o));
    assertThat(out).as("alerts at the stand-in").hasSize(n);
    return out;
  }

  private static void awaitAuditRows(long n, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    long count = 0;
    while (System.nanoTime() < deadline) {
      count = mutt.auditRowCount();
      if (count >= n) {
        break;
      }
      Thread.sleep(200);
    }
    assertThat(count).as("audit rows").isEqualTo(n);
  }
}
