package io.mutt.alerter;

import static io.mutt.alerter.AlerterTestKit.event;
import static io.mutt.alerter.AlerterTestKit.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.mutt.contract.BusAddresses;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.sqlclient.Row;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The alerter through the real pipeline: HTTP ingest → Redis stream → alerter → PostgreSQL audit +
 * alert stream.
 */
class AlerterPipelineTest {

  @RegisterExtension
  static final AlerterTestKit kit =
      AlerterTestKit.perClass(
          "ingest,alerter",
          Map.of(
              "ALERTER_BATCH_SIZE",
              "50",
              // the fixture repeats hosts: one alert per event here (coalescing is tested
              // apart)
              "ALERT_COALESCE_WINDOW_SECONDS",
              "0"));

  @Test
  void the_test_fixture_yields_six_audited_and_forwarded_error_events_on_the_sample_rules() {
    JsonArray events = AlerterTestKit.fixture("test_data_syslog_events.json");
    Set<String> hosts = new HashSet<>();
    for (Object o : events) {
      JsonObject e = (JsonObject) o;
      hosts.add(e.getString("hostname"));
      kit.post(e);
    }
    String[] h = hosts.toArray(String[]::new);
    eventually(
        "6 audit rows and 6 alerts",
        () -> kit.auditRows(h).size() >= 6 && kit.alerts(h).size() >= 6);
    eventually("ingest stream drained", () -> kit.streamLength(kit.rt.keys().ingestQueue) == 0);
    List<Row> rows = kit.auditRows(h);
    assertThat(rows)
        .hasSize(6)
        .allSatisfy(
            r -> {
              assertThat(r.getInteger("matched_rule_id")).isEqualTo(2);
              assertThat(r.getString("handling_decision")).isEqualTo("Ticket_only");
              assertThat(r.getBoolean("forwarded_to_moog")).isTrue();
              assertThat(r.getString("raw_message"))
                  .contains("\"_correlation_id\"")
                  .contains("\"_event_id\"");
            });
    assertThat(rows)
        .extracting(r -> r.getOffsetDateTime("event_timestamp").getYear())
        .containsOnly(2025);
    List<JsonObject> alerts = kit.alerts(h);
    assertThat(alerts)
        .hasSize(6)
        .allSatisfy(
            a -> {
              assertThat(a.getString("team_assignment")).isEqualTo("NETO");
              assertThat(a.getString("severity")).isEqualTo("Warning");
              assertThat(a.getString("message_body").toLowerCase()).contains("error");
              assertThat(a.getString("message_body"))
                  .isEqualTo(a.getJsonObject("raw_json").getString("message"));
              assertThat(a.getString("_event_id"))
                  .isEqualTo(a.getJsonObject("raw_json").getString("_event_id"));
              assertThat(a.containsKey("api_key")).isFalse();
            });
    assertThat(rows)
        .extracting(r -> r.getString("event_id"))
        .containsExactlyInAnyOrderElementsOf(
            alerts.stream().map(a -> a.getString("_event_id")).toList());
  }

  @Test
  void
      an_event_appended_again_as_a_new_entry_gets_no_second_audit_row_or_alert_and_is_acknowledged() {
    kit.post(event("replay-host", "%LINK-3-UPDOWN: ERROR on Gi0/9"));
    eventually(
        "first audit row and alert",
        () -> kit.auditRows("replay-host").size() == 1 && kit.alerts("replay-host").size() == 1);
    // what a DLQ replay does: the stored event (same _event_id and timestamp) appended as a fresh
    // entry, so it is
    // on its first delivery and the plain insert meets the existing row (23505) before the ON
    // CONFLICT retry
    String stored = kit.auditRows("replay-host").get(0).getString("raw_message");
    kit.appendRaw(stored);
    eventually(
        "replayed entry acknowledged",
        () -> kit.streamLength(kit.rt.keys().ingestQueue) == 0 && kit.pending() == 0);
    assertThat(kit.auditRows("replay-host")).hasSize(1);
    assertThat(kit.alerts("replay-host")).hasSize(1);
    assertThat(kit.dlq("replay-host")).isEmpty();
  }

  @Test
  void an_event_appended_twice_in_a_row_as_a_retried_listener_batch_is_audited_and_alerted_once() {
    // a syslog batch that failed part way is written again in full: the same payload, same
    // _event_id, twice in the stream, possibly in one read of the alerter
    String payload =
        event("retried-host", "%LINK-3-UPDOWN: ERROR on Gi0/3")
            .put("_event_id", "retried-batch-1")
            .put("_correlation_id", "c-retried-1")
            .encode();
    kit.appendRaw(payload);
    kit.appendRaw(payload);
    eventually(
        "both entries acknowledged",
        () -> kit.streamLength(kit.rt.keys().ingestQueue) == 0 && kit.pending() == 0);
    assertThat(kit.auditRows("retried-host")).hasSize(1);
    eventually("the alert", () -> kit.alerts("retried-host").size() == 1);
    assertThat(kit.alerts("retried-host")).hasSize(1);
    assertThat(kit.dlq("retried-host")).isEmpty();
  }

  @Test
  void the_highest_priority_rule_wins_and_oid_rules_match_traps_despite_the_leading_dot() {
    kit.post(event("prio-host", "CRITICAL: LINK-DOWN on uplink"));
    kit.post(event("trap-host", "cold start").put("trap_oid", "1.3.6.1.4.1.9.9.41.2.0.1"));
    eventually("2 audit rows", () -> kit.auditRows("prio-host", "trap-host").size() == 2);
    assertThat(kit.auditRows("prio-host").get(0).getInteger("matched_rule_id")).isEqualTo(3);
    Row trap = kit.auditRows("trap-host").get(0);
    assertThat(trap.getInteger("matched_rule_id")).isEqualTo(5);
    assertThat(trap.getString("handling_decision")).isEqualTo("Page_and_ticket");
    eventually("trap alert", () -> kit.alerts("trap-host").size() == 1);
    assertThat(kit.alerts("trap-host").get(0).getString("team_assignment")).isEqualTo("NetOps");
  }

  @Test
  void regex_and_severity_constrained_rules_match_through_the_database_after_a_reload() {
    kit.sql(
        "INSERT INTO alert_rules (match_string, match_type, priority, prod_handling, dev_handling, team_assignment)"
            + " VALUES ('(?P<iface>gi\\d+/\\d+) flapping', 'regex', 30, 'Page_only', 'Ignore', 'Wan')");
    kit.sql(
        "INSERT INTO alert_rules (match_string, syslog_severity, match_type, priority, prod_handling, dev_handling,"
            + " team_assignment) VALUES ('FANFAIL', 2, 'contains', 30, 'Page_and_ticket', 'Ignore', 'Facilities')");
    kit.reloadRules();
    kit.post(event("regex-host", "Interface Gi0/1 FLAPPING again"));
    kit.post(event("sev-host-crit", "fanfail tray 2").put("syslog_severity", "Critical"));
    kit.post(event("sev-host-warn", "fanfail tray 2").put("syslog_severity", "Warning"));
    kit.post(event("regex-miss", "Interface eth0 flapping"));
    eventually(
        "regex and severity alerts", () -> kit.alerts("regex-host", "sev-host-crit").size() == 2);
    assertThat(kit.alerts("regex-host").get(0).getString("team_assignment")).isEqualTo("Wan");
    assertThat(kit.alerts("sev-host-crit").get(0).getString("team_assignment"))
        .isEqualTo("Facilities");
    eventually("ingest stream drained", () -> kit.streamLength(kit.rt.keys().ingestQueue) == 0);
    assertThat(kit.auditRows("sev-host-warn", "regex-miss")).isEmpty();
  }

  @Test
  void a_dev_host_gets_the_dev_handling_while_a_prod_host_gets_the_prod_handling() {
    kit.post(event("dev-router1", "ERROR in dev"));
    kit.post(event("prod-router9", "ERROR in prod"));
    kit.post(event("dev-router1", "CRITICAL in dev"));
    eventually("3 audit rows", () -> kit.auditRows("dev-router1", "prod-router9").size() == 3);
    List<Row> dev = kit.auditRows("dev-router1");
    assertThat(dev)
        .extracting(r -> r.getString("handling_decision"))
        .containsExactlyInAnyOrder("Ignore", "Ticket_only");
    assertThat(dev)
        .filteredOn(r -> r.getString("handling_decision").equals("Ignore"))
        .allSatisfy(r -> assertThat(r.getBoolean("forwarded_to_moog")).isFalse());
    assertThat(kit.auditRows("prod-router9").get(0).getString("handling_decision"))
        .isEqualTo("Ticket_only");
    eventually("2 alerts", () -> kit.alerts("dev-router1", "prod-router9").size() == 2);
    assertThat(kit.alerts("dev-router1"))
        .extracting(a -> a.getString("message_body"))
        .containsExactly("CRITICAL in dev");
  }

  @Test
  void a_rule_edited_in_the_database_takes_effect_without_a_restart() {
    kit.sql(
        "INSERT INTO alert_rules (match_string, match_type, priority, prod_handling, dev_handling, team_assignment)"
            + " VALUES ('EDITME', 'contains', 1, 'Page_only', 'Ignore', 'Ops')");
    kit.reloadRules();
    kit.post(event("edit-host-1", "please EDITME"));
    eventually("first alert", () -> kit.alerts("edit-host-1").size() == 1);
    kit.sql("UPDATE alert_rules SET prod_handling = 'Log_only' WHERE match_string = 'EDITME'");
    kit.reloadRules();
    kit.post(event("edit-host-2", "please EDITME"));
    eventually("second audit row", () -> kit.auditRows("edit-host-2").size() == 1);
    Row row = kit.auditRows("edit-host-2").get(0);
    assertThat(row.getString("handling_decision")).isEqualTo("Log_only");
    assertThat(row.getBoolean("forwarded_to_moog")).isFalse();
    assertThat(kit.alerts("edit-host-2")).isEmpty();
  }

  @Test
  void a_rules_changed_notice_on_the_event_bus_and_a_sighup_each_reload_the_cache()
      throws Exception {
    kit.sql(
        "INSERT INTO alert_rules (match_string, match_type, priority, prod_handling, dev_handling, team_assignment)"
            + " VALUES ('BUSRULE', 'contains', 1, 'Page_only', 'Ignore', 'Bus')");
    long before = kit.timerCount("mutt.alerter.cache.reload.latency");
    kit.rt
        .vertx()
        .eventBus()
        .publish(
            BusAddresses.RULES_CHANGED,
            new JsonObject().put("table", "alert_rules").put("correlation_id", "test"));
    eventually(
        "reload after the event-bus notice",
        () -> kit.timerCount("mutt.alerter.cache.reload.latency") > before);
    kit.post(event("bus-host", "BUSRULE fired"));
    eventually("alert of the new rule", () -> kit.alerts("bus-host").size() == 1);
    assertThat(kit.alerts("bus-host").get(0).getString("team_assignment")).isEqualTo("Bus");

    org.junit.jupiter.api.Assumptions.assumeTrue(
        SighupReload.installed(), "SIGHUP handler not available here");
    long beforeHup = kit.timerCount("mutt.alerter.cache.reload.latency");
    new ProcessBuilder("kill", "-HUP", Long.toString(ProcessHandle.current().pid()))
        .start()
        .waitFor();
    eventually(
        "reload after SIGHUP",
        () -> kit.timerCount("mutt.alerter.cache.reload.latency") > beforeHup);
  }

  @Test
  void unhandled_events_raise_one_meta_alert_per_window_at_the_dynamic_threshold() {
    kit.rt.dynamic().set("unhandled_threshold", "3").await();
    kit.rt.dynamic().set("unhandled_expiry_seconds", "60").await();
    try {
      for (int i = 0; i < 7; i++) {
        kit.post(event("router1.prod.example.com", "fan speed nominal"));
      }
      kit.post(event("quiet-host", "fan speed nominal"));
      eventually("ingest stream drained", () -> kit.streamLength(kit.rt.keys().ingestQueue) == 0);
      List<JsonObject> meta = metaAlerts("router1.prod.example.com");
      assertThat(meta).hasSize(1);
      assertThat(meta.get(0).getString("hostname")).isEqualTo("MUTT_Alerter");
      assertThat(meta.get(0).getString("team_assignment")).isEqualTo("NetOps");
      assertThat(meta.get(0).getString("message_body"))
          .isEqualTo(
              "[MUTT] Detected 3 unhandled messages in 60s from"
                  + " 'router1.prod.example.com'. Sample message: fan speed nominal");
      String counter =
          kit.rt.keys().unhandledPrefix
              + ":router1.prod.example.com:"
              + io.mutt.pipeline.routing.UnhandledSignature.of("fan speed nominal");
      long ttl =
          kit.rt
              .redis()
              .send(Request.cmd(Command.TTL).arg(counter + ":triggered"))
              .await()
              .toLong();
      assertThat(ttl).isBetween(1L, 60L);
      assertThat(kit.auditRows("router1.prod.example.com", "quiet-host")).isEmpty();

      // the window ends when the triggered key expires; counting starts again from zero
      kit.rt
          .redis()
          .send(Request.cmd(Command.DEL).arg(counter + ":triggered").arg(counter + ":trigger"))
          .await();
      for (int i = 0; i < 3; i++) {
        kit.post(event("router1.prod.example.com", "fan speed nominal"));
      }
      eventually("second meta-alert", () -> metaAlerts("router1.prod.example.com").size() == 2);
      for (int i = 0; i < 2; i++) {
        kit.post(event("quiet-host", "fan speed nominal"));
      }
      eventually("default-team meta-alert", () -> metaAlerts("quiet-host").size() == 1);
      assertThat(metaAlerts("quiet-host").get(0).getString("team_assignment")).isEqualTo("NETO");
    } finally {
      kit.rt.dynamic().set("unhandled_threshold", "100").await();
      kit.rt.dynamic().set("unhandled_expiry_seconds", "86400").await();
    }
  }

  private static List<JsonObject> metaAlerts(String host) {
    return kit.alerts(host).stream()
        .filter(a -> "MUTT_Alerter".equals(a.getString("hostname")))
        .toList();
  }

  @Test
  void
      bad_input_is_discarded_and_counted_and_an_unauditable_timestamp_goes_to_the_dlq_with_its_reason() {
    double errorsBefore = kit.counter("mutt.alerter.events.processed", "status", "error");
    kit.appendRaw("this is not json");
    kit.post(event("empty-msg-host", ""));
    kit.post(event("bad-ts-host", "ERROR with a bad clock").put("timestamp", "yesterday"));
    eventually("dlq entry", () -> kit.dlq("bad-ts-host").size() == 1);
    JsonObject dead = kit.dlq("bad-ts-host").get(0);
    assertThat(dead.getString("dlq_reason"))
        .isEqualTo("timestamp is not an ISO-8601 date-time: yesterday");
    assertThat(dead.getString("failed_at")).endsWith("+00:00");
    assertThat(dead.getInteger("_retry_count")).isZero();
    assertThat(dead.getString("_event_id")).isNotBlank();
    eventually(
        "3 errors counted",
        () -> kit.counter("mutt.alerter.events.processed", "status", "error") >= errorsBefore + 3);
    eventually("ingest stream drained", () -> kit.streamLength(kit.rt.keys().ingestQueue) == 0);
    assertThat(kit.auditRows("empty-msg-host", "bad-ts-host")).isEmpty();
    assertThat(kit.pending()).isZero();
  }

  @Test
  void health_and_metrics_are_served_on_the_alerter_ports() {
    JsonObject health = kit.getJson(kit.mutt.port("HEALTH_PORT_ALERTER"), "/health");
    assertThat(health.getString("status")).isEqualTo("healthy");
    assertThat(health.getString("service")).isEqualTo("mutt-alerter");
    assertThat(health.getString("version")).isEqualTo("2.5");
    assertThat(health.getString("pod")).isEqualTo(kit.rt.podName());
    String metrics =
        kit.web
            .getAbs("http://127.0.0.1:" + kit.mutt.port("METRICS_PORT_ALERTER") + "/metrics")
            .send()
            .await()
            .bodyAsString();
    assertThat(metrics)
        .contains(
            "mutt_alerter_events_processed_total{status=\"handled\"}",
            "mutt_alerter_cache_rules_count",
            "mutt_alerter_cache_dev_hosts_count 3.0",
            "mutt_alerter_cache_teams_count 4.0",
            "mutt_alerter_cache_reload_total",
            "mutt_alerter_cache_reload_failures_total",
            "mutt_alerter_cache_reload_latency_seconds_bucket",
            "mutt_alerter_processing_latency_seconds_bucket",
            "mutt_db_write_latency_ms_bucket",
            "mutt_alerter_queue_depth",
            "mutt_alerter_shed_events_total{mode=\"dlq\"}",
            "mutt_alerter_alerts_forwarded_total",
            "mutt_alerter_unhandled_meta_alerts_total",
            "mutt_alerter_dlq_depth",
            "mutt_alerter_processing_list_depth");
  }
}
