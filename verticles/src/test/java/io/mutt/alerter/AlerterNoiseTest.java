package io.mutt.alerter;

import static io.mutt.alerter.AlerterTestKit.event;
import static io.mutt.alerter.AlerterTestKit.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Silences and maintenance windows applied by the alerter: created through the web API, reaching
 * the alerter over the event bus, deciding real events (HTTP ingest → Redis → alerter → PostgreSQL
 * audit and alert stream), shown in the event trace.
 */
class AlerterNoiseTest {

  @RegisterExtension
  static final AlerterTestKit kit =
      AlerterTestKit.perClass(
          "ingest,alerter,web",
          Map.of("ALERT_COALESCE_WINDOW_SECONDS", "0", "WINDOW_END_CHECK_MS", "300"));

  private static int create(String path, JsonObject body) throws InterruptedException {
    var res = kit.webApi(HttpMethod.POST, path, body);
    assertThat(res.statusCode()).as(res.bodyAsString()).isEqualTo(201);
    // the contract: an event sent one second after the change is decided by it
    Thread.sleep(1000);
    return res.bodyAsJsonObject().getInteger("id");
  }

  private static JsonArray matchers(String... kindValue) {
    JsonArray out = new JsonArray();
    for (int i = 0; i < kindValue.length; i += 2) {
      out.add(new JsonObject().put("kind", kindValue[i]).put("value", kindValue[i + 1]));
    }
    return out;
  }

  private static JsonObject nowWindow(String name, String effect, JsonArray matchers) {
    Instant now = Instant.now();
    return new JsonObject()
        .put("name", name)
        .put("matchers", matchers)
        .put("effect", effect)
        .put(
            "schedule",
            new JsonObject()
                .put("type", "once")
                .put("start", now.minusSeconds(60).toString())
                .put("end", now.plusSeconds(3600).toString()));
  }

  private static Row onlyRow(String host) {
    eventually("audit row of " + host, () -> kit.auditRows(host).size() == 1);
    return kit.auditRows(host).get(0);
  }

  @Test
  void a_silence_suppresses_until_it_is_expired_and_shows_in_the_trace() throws Exception {
    int id =
        create(
            "/api/v2/silences",
            new JsonObject()
                .put("matchers", matchers("hostname", "sil-1.example.com"))
                .put("comment", "PSU swap")
                .put("expires_at", Instant.now().plusSeconds(600).toString()));
    JsonObject e = event("sil-1.example.com", "ERROR link down").put("_correlation_id", "c-sil-1");
    kit.post(e);
    Row row = onlyRow("sil-1.example.com");
    assertThat(row.getBoolean("forwarded_to_moog")).isFalse();
    assertThat(row.getString("noise_decision")).isEqualTo("suppressed by silence " + id);
    assertThat(kit.alerts("sil-1.example.com")).isEmpty();

    var trace = kit.webApi(HttpMethod.GET, "/api/v2/events/" + rowCorrelation(row), null);
    assertThat(trace.statusCode()).as(trace.bodyAsString()).isEqualTo(200);
    JsonObject audit = trace.bodyAsJsonObject().getJsonArray("audit").getJsonObject(0);
    assertThat(audit.getString("noise_decision")).isEqualTo("suppressed by silence " + id);
    assertThat(trace.bodyAsJsonObject().getString("forwarding")).isEqualTo("not_forwarded");

    assertThat(kit.webApi(HttpMethod.DELETE, "/api/v2/silences/" + id, null).statusCode())
        .isEqualTo(200);
    Thread.sleep(1000);
    kit.post(event("sil-1.example.com", "ERROR link down again"));
    eventually("second row", () -> kit.auditRows("sil-1.example.com").size() == 2);
    Row second = kit.auditRows("sil-1.example.com").get(1);
    assertThat(second.getBoolean("forwarded_to_moog")).isTrue();
    assertThat(second.getString("noise_decision")).isNull();
    eventually("its alert", () -> kit.alerts("sil-1.example.com").size() == 1);
  }

  private static String rowCorrelation(Row row) {
    return new JsonObject(row.getString("raw_message")).getString("_correlation_id");
  }

  @Test
  void a_downgrading_window_forwards_with_its_severity_and_a_marker() throws Exception {
    int id =
        create(
            "/api/v2/maintenance-windows",
            nowWindow("patching", "downgrade", matchers("hostname_glob", "dg-*.example.com"))
                .put("severity", "Minor"));
    kit.post(event("dg-7.example.com", "ERROR disk"));
    Row row = onlyRow("dg-7.example.com");
    assertThat(row.getBoolean("forwarded_to_moog")).isTrue();
    assertThat(row.getString("noise_decision")).isEqualTo("downgraded to Minor by window " + id);
    eventually("the alert", () -> kit.alerts("dg-7.example.com").size() == 1);
    JsonObject alert = kit.alerts("dg-7.example.com").get(0);
    assertThat(alert.getString("severity")).isEqualTo("Minor");
    assertThat(alert.getJsonObject("raw_json").getJsonObject("_maintenance"))
        .isEqualTo(
            new JsonObject().put("window_id", id).put("name", "patching").put("severity", "Minor"));
    // another host is not in the window
    kit.post(event("web-7.example.com", "ERROR disk"));
    assertThat(onlyRow("web-7.example.com").getString("noise_decision")).isNull();
  }

  @Test
  void a_suppressing_window_with_regex_and_message_matchers_needs_both() throws Exception {
    int id =
        create(
            "/api/v2/maintenance-windows",
            nowWindow(
                "core",
                "suppress",
                matchers(
                    "hostname_regex", "core-[0-9]+\\.example\\.com", "message_contains", "BGP")));
    kit.post(event("core-12.example.com", "ERROR BGP neighbor down"));
    kit.post(event("core-13.example.com", "ERROR OSPF neighbor down"));
    Row bgp = onlyRow("core-12.example.com");
    assertThat(bgp.getBoolean("forwarded_to_moog")).isFalse();
    assertThat(bgp.getString("noise_decision")).isEqualTo("suppressed by window " + id);
    Row ospf = onlyRow("core-13.example.com");
    assertThat(ospf.getBoolean("forwarded_to_moog")).isTrue();
    assertThat(ospf.getString("noise_decision")).isNull();
    List<JsonObject> alerts = kit.alerts("core-12.example.com", "core-13.example.com");
    eventually(
        "one alert", () -> kit.alerts("core-12.example.com", "core-13.example.com").size() == 1);
    assertThat(alerts.size()).isLessThanOrEqualTo(1);
  }

  private static void setConfig(String key, String value) {
    var res =
        kit.webApi(HttpMethod.PUT, "/api/v2/config/" + key, new JsonObject().put("value", value));
    assertThat(res.statusCode()).as(res.bodyAsString()).isEqualTo(200);
    eventually(
        key + " seen by the alerter", () -> value.equals(kit.rt.dynamic().getString(key, null)));
  }

  @Test
  void unmatched_events_are_audited_only_while_audit_unhandled_is_on() {
    kit.post(event("unh-0.example.com", "WIDGET-JAMMED off"));
    setConfig("audit_unhandled", "true");
    kit.post(event("unh-1.example.com", "WIDGET-JAMMED on"));
    Row row = onlyRow("unh-1.example.com");
    assertThat(row.getInteger("matched_rule_id")).isNull();
    assertThat(row.getString("handling_decision")).isEqualTo("unhandled");
    assertThat(row.getBoolean("forwarded_to_moog")).isFalse();
    assertThat(new JsonObject(row.getString("raw_message")).getString("message"))
        .isEqualTo("WIDGET-JAMMED on");
    setConfig("audit_unhandled", "false");
    kit.post(event("unh-2.example.com", "WIDGET-JAMMED off again"));
    // a matched event sent after it is audited, so the unmatched one was decided before
    kit.post(event("unh-2.example.com", "ERROR marker"));
    Row marker = onlyRow("unh-2.example.com");
    assertThat(marker.getInteger("matched_rule_id")).isNotNull();
    assertThat(kit.auditRows("unh-0.example.com")).isEmpty();
  }

  @Test
  void the_end_of_a_window_is_audited_once_with_what_it_suppressed_and_nothing_is_replayed()
      throws Exception {
    Instant start = Instant.now().minusSeconds(60);
    Instant end = Instant.now().plusSeconds(4);
    int id =
        create(
            "/api/v2/maintenance-windows",
            new JsonObject()
                .put("name", "short <b>patch</b>")
                .put("matchers", matchers("hostname", "end-1.example.com"))
                .put(
                    "schedule",
                    new JsonObject()
                        .put("type", "once")
                        .put("start", start.toString())
                        .put("end", end.toString())));
    kit.post(event("end-1.example.com", "ERROR during").put("timestamp", Instant.now().toString()));
    Row during = onlyRow("end-1.example.com");
    assertThat(during.getString("noise_decision")).isEqualTo("suppressed by window " + id);
    eventually(
        "the window's end audited", java.time.Duration.ofSeconds(20), () -> !endRows(id).isEmpty());
    List<Row> ends = endRows(id);
    assertThat(ends).hasSize(1);
    JsonObject values = (JsonObject) ends.get(0).getValue("new_values");
    assertThat(values.getString("name")).isEqualTo("short <b>patch</b>");
    assertThat(Instant.parse(values.getString("ended_at"))).isEqualTo(end);
    assertThat(Instant.parse(values.getString("started_at"))).isEqualTo(start);
    assertThat(values.getLong("events_suppressed")).isEqualTo(1);
    assertThat(values.getLong("events_downgraded")).isZero();
    assertThat(ends.get(0).getString("changed_by")).isEqualTo("mutt:alerter");
    // the suppressed event is not replayed at the end: still one row, no alert
    assertThat(kit.auditRows("end-1.example.com")).hasSize(1);
    assertThat(kit.alerts("end-1.example.com")).isEmpty();
  }

  private static List<Row> endRows(int id) {
    List<Row> out = new java.util.ArrayList<>();
    kit.rt
        .pg()
        .preparedQuery(
            "SELECT changed_by, new_values FROM config_audit_log WHERE table_name ="
                + " 'maintenance_windows' AND operation = 'END' AND record_id = $1")
        .execute(io.vertx.sqlclient.Tuple.of(id))
        .await()
        .forEach(out::add);
    return out;
  }
}
