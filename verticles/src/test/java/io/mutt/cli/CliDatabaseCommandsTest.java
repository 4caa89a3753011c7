package io.mutt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mutt.testsupport.TestServices;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * setup, rules test --offline, retention run and partitions ensure end to end on real Redis and
 * PostgreSQL.
 */
class CliDatabaseCommandsTest {

  private static String[] withSettings(Map<String, String> settings, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    settings.forEach(
        (k, v) -> {
          all.add("--set");
          all.add(k + "=" + v);
        });
    return all.toArray(String[]::new);
  }

  private static Map<String, String> services() {
    Map<String, String> s = new HashMap<>(TestServices.redis());
    s.putAll(TestServices.freshDatabase());
    return s;
  }

  private static long query(Map<String, String> s, String sql) throws Exception {
    String url =
        "jdbc:postgresql://" + s.get("DB_HOST") + ":" + s.get("DB_PORT") + "/" + s.get("DB_NAME");
    try (Connection c =
            DriverManager.getConnection(url, s.get("DB_USER"), s.get("DB_PASS_CURRENT"));
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void setup_with_external_services_migrates_loads_demo_data_and_says_what_to_run_next(
      @TempDir Path data) throws Exception {
    Map<String, String> s = services();
    Cli res =
        Cli.run(withSettings(s, "setup", "--data-dir", data.toString(), "--demo-data", "--json"));
    assertThat(res.exit()).as(res.toString()).isZero();
    JsonObject doc = res.jsonObject();
    assertThat(doc.getJsonObject("redis").getString("mode")).isEqualTo("external");
    assertThat(doc.getJsonObject("database").getBoolean("demo_data_loaded")).isTrue();
    assertThat(doc.getJsonArray("next").getString(0)).contains("mutt run");
    assertThat(data.resolve("logs")).isDirectory();
    assertThat(data.resolve("secrets")).isDirectory();
    assertThat(query(s, "SELECT count(*) FROM alert_rules")).isEqualTo(5);
    assertThat(
            query(
                s,
                "SELECT count(*) FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent"
                    + " WHERE p.relname = 'event_audit_log'"))
        .isGreaterThanOrEqualTo(3);

    Cli again = Cli.run(withSettings(s, "setup", "--data-dir", data.toString()));
    assertThat(again.exit()).as(again.toString()).isZero();
    assertThat(again.out()).contains("Ready. Next:");
    assertThat(query(s, "SELECT count(*) FROM alert_rules")).isEqualTo(5);
  }

  @Test
  void setup_exits_3_when_the_given_redis_does_not_answer(@TempDir Path data) {
    int closed = io.mutt.testsupport.Ports.free();
    Cli res =
        Cli.run(
            "setup",
            "--data-dir",
            data.toString(),
            "--redis-host",
            "127.0.0.1:" + closed,
            "--db-host",
            "127.0.0.1:" + closed,
            "--json");
    assertThat(res.exit()).as(res.toString()).isEqualTo(ExitCodes.UNREACHABLE);
    assertThat(res.jsonObject().getString("error")).contains("Redis");
  }

  @Test
  void rules_test_offline_runs_the_alerters_matcher_on_the_rules_in_the_database(@TempDir Path dir)
      throws Exception {
    Map<String, String> s = services();
    assertThat(
            Cli.run(withSettings(s, "setup", "--data-dir", dir.toString(), "--demo-data")).exit())
        .isZero();
    Path events = dir.resolve("events.json");
    Files.writeString(
        events,
        new JsonObject()
            .put(
                "events",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("hostname", "router1.prod.example.com")
                            .put("message", "%LINK-3-UPDOWN: LINK-DOWN on Gi0/1"))
                    .add(
                        new JsonObject()
                            .put("hostname", "dev-router1")
                            .put("message", "CRITICAL fan failure"))
                    .add(new JsonObject().put("hostname", "sw9").put("message", "all quiet"))
                    .add(
                        new JsonObject()
                            .put("hostname", "core1")
                            .put("message", "trap")
                            .put("trap_oid", ".1.3.6.1.4.1.9.9.41.2.0.1")))
            .encode());

    Cli res =
        Cli.run(
            withSettings(s, "rules", "test", "--offline", "--file", events.toString(), "--json"));
    assertThat(res.exit()).as(res.toString()).isZero();
    JsonArray results = res.jsonObject().getJsonArray("results");
    assertThat(results.getJsonObject(0).getInteger("rule_id")).isEqualTo(3);
    assertThat(results.getJsonObject(0).getString("handling")).isEqualTo("Page_and_ticket");
    assertThat(results.getJsonObject(0).getBoolean("forwarded")).isTrue();
    assertThat(results.getJsonObject(1).getInteger("rule_id")).isEqualTo(1);
    assertThat(results.getJsonObject(1).getString("environment")).isEqualTo("dev");
    assertThat(results.getJsonObject(1).getString("handling")).isEqualTo("Ticket_only");
    assertThat(results.getJsonObject(2).getBoolean("matched")).isFalse();
    assertThat(results.getJsonObject(3).getInteger("rule_id")).isEqualTo(5);

    Cli text = Cli.run(withSettings(s, "rules", "test", "--offline", "--file", events.toString()));
    assertThat(text.out())
        .contains(
            "#0 router1.prod.example.com: rule 3, handling Page_and_ticket, forwarded to Moogsoft")
        .contains("#2 sw9: no rule matches (unhandled)");
  }

  @Test
  void retention_run_applies_the_policy_writes_the_text_metrics_and_dry_run_changes_nothing(
      @TempDir Path dir) throws Exception {
    Map<String, String> s = services();
    assertThat(
            Cli.run(withSettings(s, "setup", "--data-dir", dir.toString(), "--demo-data")).exit())
        .isZero();
    String url =
        "jdbc:postgresql://" + s.get("DB_HOST") + ":" + s.get("DB_PORT") + "/" + s.get("DB_NAME");
    try (Connection c =
            DriverManager.getConnection(url, s.get("DB_USER"), s.get("DB_PASS_CURRENT"));
        Statement st = c.createStatement()) {
      st.execute("SELECT create_monthly_partition(DATE '2024-01-01')");
      st.execute(
          "INSERT INTO event_audit_log (event_timestamp, hostname, matched_rule_id, handling_decision)"
              + " VALUES ('2024-01-15T00:00:00Z', 'old', 1, 'Ignore'), (now(), 'new', 1, 'Ignore')");
      st.execute(
          "INSERT INTO config_audit_log (changed_at, changed_by, operation, table_name, record_id)"
              + " VALUES (now() - interval '500 days', 'x', 'CREATE', 'alert_rules', 1)");
    }
    try (CliRuntime cli = CliRuntime.open(s, false)) {
      cli.runtime()
          .redis()
          .send(
              Request.cmd(Command.LPUSH)
                  .arg(cli.runtime().keys().deadLetters)
                  .arg(
                      new JsonObject()
                          .put("failed_at", Instant.now().minus(40, ChronoUnit.DAYS).toString())
                          .encode()))
          .await();
    }
    Path metrics = dir.resolve("retention.prom");
    Map<String, String> run = new HashMap<>(s);
    run.put("RETENTION_METRICS_FILE", metrics.toString());

    Cli dry = Cli.run(withSettings(run, "retention", "run", "--dry-run", "--json"));
    assertThat(dry.exit()).as(dry.toString()).isZero();
    assertThat(dry.jsonObject().getBoolean("dry_run")).isTrue();
    assertThat(dry.jsonObject().getLong("events_archived")).isEqualTo(1);
    assertThat(query(s, "SELECT count(*) FROM event_audit_log")).isEqualTo(2);
    assertThat(Files.readString(metrics)).contains("mutt_retention_cleanup_dry_run 1");

    Cli live = Cli.run(withSettings(run, "retention", "run", "--json"));
    assertThat(live.exit()).as(live.toString()).isZero();
    JsonObject doc = live.jsonObject();
    assertThat(doc.getLong("events_archived")).isEqualTo(1);
    assertThat(doc.getInteger("partitions_dropped")).isEqualTo(1);
    assertThat(doc.getLong("config_audits_deleted")).isEqualTo(1);
    assertThat(doc.getJsonObject("dlq_removed").getLong(s.get("MUTT_KEY_PREFIX") + ":dlq:dead"))
        .isEqualTo(1);
    assertThat(doc.getString("metrics_file")).isEqualTo(metrics.toString());
    assertThat(
            query(
                s,
                "SELECT count(*) FROM event_audit_log_archive WHERE archived_from_partition = 'event_audit_log_2024_01'"))
        .isEqualTo(1);
    assertThat(Files.readString(metrics))
        .contains("mutt_retention_cleanup_records_deleted_total{type=\"event_audit\"} 1")
        .contains("mutt_retention_cleanup_records_deleted_total{type=\"dlq\"} 1")
        .contains("mutt_retention_cleanup_dry_run 0");

    Cli text = Cli.run(withSettings(run, "retention", "run"));
    assertThat(text.out()).contains("event audit rows archived  0");
  }

  @Test
  void partitions_ensure_creates_the_coming_months(@TempDir Path dir) {
    Map<String, String> s = services();
    assertThat(Cli.run(withSettings(s, "setup", "--data-dir", dir.toString())).exit()).isZero();
    Cli res = Cli.run(withSettings(s, "partitions", "ensure", "--months", "6", "--json"));
    assertThat(res.exit()).as(res.toString()).isZero();
    assertThat(res.jsonObject().getInteger("ensured")).isEqualTo(6);
    assertThat(res.jsonObject().getJsonArray("partitions").size()).isGreaterThanOrEqualTo(6);
    Cli list = Cli.run(withSettings(s, "partitions", "list"));
    assertThat(list.out())
        .contains(
            io.mutt.pipeline.retention.AuditPartitions.name(
                java.time.YearMonth.now(java.time.ZoneOffset.UTC).plusMonths(5)));
  }
}
