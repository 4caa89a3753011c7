package io.mutt.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.mutt.pipeline.retention.AuditPartitions;
import io.mutt.pipeline.retention.RetentionOutcome;
import io.mutt.pipeline.retention.RetentionPolicy;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.sqlclient.Row;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RetentionJobTest {

  static final String OLD_PARTITION = "event_audit_log_2024_01";

  RetentionFixture fx;
  RetentionJob job;
  List<Long> oldIds;

  @BeforeEach
  void seed() throws Exception {
    fx = new RetentionFixture(Map.of("RETENTION_BATCH_SIZE", "2"));
    job = new RetentionJob(fx.rt, Clock.systemUTC(), new RetentionMetrics(fx.rt.registry()));
    int rule =
        fx.sql(
                "INSERT INTO alert_rules (match_string, prod_handling, dev_handling, team_assignment)"
                    + " VALUES ('ERROR', 'Ticket_only', 'Ignore', 'NETO') RETURNING id")
            .iterator()
            .next()
            .getInteger(0);
    fx.sql("SELECT create_monthly_partition($1::date)", LocalDate.of(2024, 1, 1));
    oldIds = new ArrayList<>();
    for (int day = 1; day <= 3; day++) {
      oldIds.add(insertAudit(rule, "2024-01-0" + day + "T10:00:00Z", "old-" + day, day == 2));
    }
    insertAudit(rule, Instant.now().minus(1, ChronoUnit.MINUTES).toString(), "new-1", true);
    insertAudit(rule, Instant.now().toString(), "new-2", false);
    fx.sql(
        "INSERT INTO event_audit_log_archive (event_timestamp, hostname, matched_rule_id, handling_decision)"
            + " VALUES (now() - interval '8 years', 'ancient', 1, 'Ignore'), (now() - interval '6 years', 'kept', 1, 'Ignore')");
    fx.sql(
        "INSERT INTO config_audit_log (changed_at, changed_by, operation, table_name, record_id)"
            + " VALUES (now() - interval '400 days', 'a', 'CREATE', 'alert_rules', 1),"
            + " (now() - interval '366 days', 'b', 'UPDATE', 'alert_rules', 1), (now(), 'c', 'DELETE', 'alert_rules', 1)");
    String dlq = fx.rt.keys().alerterDlq;
    fx.redis(Command.LPUSH, dlq, entry("failed_at", daysAgo(60)));
    fx.redis(Command.LPUSH, dlq, entry("timestamp", daysAgo(40)));
    fx.redis(Command.LPUSH, dlq, entry("failed_at", daysAgo(1)));
    fx.redis(Command.LPUSH, fx.rt.keys().moogDlq, "not json at all");
    fx.redis(Command.LPUSH, fx.rt.keys().moogDlq, entry("failed_at", daysAgo(90)));
    fx.redis(Command.LPUSH, fx.rt.keys().deadLetters, entry("failed_at", daysAgo(31)));
  }

  @AfterEach
  void close() {
    fx.close();
  }

  private long insertAudit(int rule, String ts, String host, boolean forwarded) {
    return fx.sql(
            "INSERT INTO event_audit_log (event_timestamp, hostname, matched_rule_id, handling_decision,"
                + " forwarded_to_moog, raw_message) VALUES ($1, $2, $3, 'Ticket_only', $4, $5) RETURNING id",
            java.time.OffsetDateTime.parse(ts),
            host,
            rule,
            forwarded,
            new JsonObject().put("hostname", host).encode())
        .iterator()
        .next()
        .getLong(0);
  }

  private static String daysAgo(int days) {
    return Instant.now().minus(days, ChronoUnit.DAYS).toString();
  }

  private static String entry(String field, String time) {
    return new JsonObject()
        .put("hostname", "h")
        .put("message", "m")
        .put(field, time)
        .put("dlq_reason", "test")
        .encode();
  }

  @Test
  void a_dry_run_counts_what_a_live_run_would_remove_and_changes_nothing() {
    RetentionPolicy policy = job.policy().withDryRun(true);
    RetentionOutcome out = job.run(policy).await();

    assertThat(out.dryRun()).isTrue();
    assertThat(out.eventsArchived()).isEqualTo(3);
    assertThat(out.partitionsDropped()).isEqualTo(1);
    assertThat(out.archiveRowsDeleted()).isEqualTo(1);
    assertThat(out.configAuditsDeleted()).isEqualTo(2);
    assertThat(out.dlqRemoved())
        .containsEntry(fx.rt.keys().alerterDlq, 2L)
        .containsEntry(fx.rt.keys().moogDlq, 0L)
        .containsEntry(fx.rt.keys().deadLetters, 1L);
    assertThat(fx.count("SELECT count(*) FROM event_audit_log")).isEqualTo(5);
    assertThat(fx.count("SELECT count(*) FROM event_audit_log_archive")).isEqualTo(2);
    assertThat(fx.count("SELECT count(*) FROM config_audit_log")).isEqualTo(3);
    assertThat(fx.partitions()).contains(OLD_PARTITION);
    assertThat(fx.list(fx.rt.keys().alerterDlq)).hasSize(3);
    assertThat(fx.list(fx.rt.keys().deadLetters)).hasSize(1);
  }

  @Test
  void old_event_audit_rows_move_to_the_archive_and_their_emptied_partition_is_dropped() {
    RetentionOutcome out = job.run(job.policy()).await();

    assertThat(out.failedTasks()).isEmpty();
    assertThat(out.eventsArchived()).isEqualTo(3);
    assertThat(out.partitionsDropped()).isEqualTo(1);
    assertThat(fx.partitions())
        .doesNotContain(OLD_PARTITION)
        .contains(AuditPartitions.name(YearMonth.now(ZoneOffset.UTC)));
    assertThat(fx.count("SELECT count(*) FROM event_audit_log WHERE hostname LIKE 'new-%'"))
        .isEqualTo(2);
    assertThat(fx.count("SELECT count(*) FROM event_audit_log")).isEqualTo(2);

    List<Row> archived = new ArrayList<>();
    fx.sql("SELECT * FROM event_audit_log_archive WHERE hostname LIKE 'old-%' ORDER BY original_id")
        .forEach(archived::add);
    assertThat(archived).hasSize(3);
    for (int i = 0; i < 3; i++) {
      Row r = archived.get(i);
      assertThat(r.getLong("original_id")).isEqualTo(oldIds.get(i));
      assertThat(r.getString("archived_from_partition")).isEqualTo(OLD_PARTITION);
      assertThat(r.getOffsetDateTime("event_timestamp").toInstant())
          .isEqualTo(Instant.parse("2024-01-0" + (i + 1) + "T10:00:00Z"));
      assertThat(r.getOffsetDateTime("original_partition_timestamp"))
          .isEqualTo(r.getOffsetDateTime("event_timestamp"));
      assertThat(r.getString("handling_decision")).isEqualTo("Ticket_only");
      assertThat(r.getBoolean("forwarded_to_moog")).isEqualTo(i == 1);
      assertThat(new JsonObject(r.getString("raw_message")).getString("hostname"))
          .isEqualTo("old-" + (i + 1));
      assertThat(r.getOffsetDateTime("archived_at").toInstant())
          .isAfter(Instant.now().minusSeconds(60));
    }
  }

  @Test
  void expired_archive_rows_and_old_config_audit_rows_are_deleted() {
    RetentionOutcome out = job.run(job.policy()).await();

    assertThat(out.archiveRowsDeleted()).isEqualTo(1);
    assertThat(out.configAuditsDeleted()).isEqualTo(2);
    assertThat(fx.count("SELECT count(*) FROM event_audit_log_archive WHERE hostname = 'ancient'"))
        .isZero();
    assertThat(fx.count("SELECT count(*) FROM event_audit_log_archive WHERE hostname = 'kept'"))
        .isEqualTo(1);
    assertThat(fx.count("SELECT count(*) FROM config_audit_log")).isEqualTo(1);
    assertThat(fx.count("SELECT count(*) FROM config_audit_log WHERE changed_by = 'c'"))
        .isEqualTo(1);
  }

  @Test
  void
      dlq_entries_older_than_their_window_are_popped_from_the_tail_until_the_first_recent_or_undated_one() {
    RetentionOutcome out = job.run(job.policy()).await();

    assertThat(out.dlqRemoved())
        .containsEntry(fx.rt.keys().alerterDlq, 2L)
        .containsEntry(fx.rt.keys().moogDlq, 0L)
        .containsEntry(fx.rt.keys().deadLetters, 1L);
    List<String> alerter = fx.list(fx.rt.keys().alerterDlq);
    assertThat(alerter).hasSize(1);
    assertThat(new JsonObject(alerter.get(0)).getString("failed_at")).isNotNull();
    assertThat(fx.list(fx.rt.keys().moogDlq)).hasSize(2).last().isEqualTo("not json at all");
    assertThat(fx.list(fx.rt.keys().deadLetters)).isEmpty();
  }

  @Test
  void metrics_count_what_was_removed_and_a_second_run_finds_nothing_left() {
    job.run(job.policy()).await();
    RetentionOutcome again = job.run(job.policy()).await();

    assertThat(
            again.eventsArchived()
                + again.archiveRowsDeleted()
                + again.configAuditsDeleted()
                + again.dlqRemovedTotal()
                + again.partitionsDropped())
        .isZero();
    String scrape = fx.rt.registry().scrape();
    assertThat(scrape)
        .contains("mutt_retention_cleanup_records_deleted_total{type=\"event_audit\"} 3.0")
        .contains("mutt_retention_cleanup_records_deleted_total{type=\"config_audit\"} 2.0")
        .contains("mutt_retention_cleanup_records_deleted_total{type=\"dlq\"} 3.0")
        .contains("mutt_retention_events_archived_total 3.0")
        .contains("mutt_retention_events_deleted_total 1.0")
        .contains("mutt_retention_config_audits_deleted_total 2.0")
        .contains("mutt_retention_policy_days{type=\"event_audit\"} 90.0")
        .contains("mutt_retention_errors_total{task=\"dlq\"} 0.0")
        .contains("mutt_retention_enforcement_duration_seconds_count 2")
        .containsPattern("mutt_retention_last_run_timestamp \\d\\.\\d+E9")
        .containsPattern("mutt_retention_cleanup_last_run_timestamp_seconds \\d\\.\\d+E9");
  }

  @Test
  void partitions_are_ensured_for_the_current_month_and_the_following_ones() {
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    assertThat(job.ensurePartitions(5).await()).isEqualTo(5);
    for (int i = 0; i < 5; i++) {
      assertThat(fx.partitions())
          .contains(AuditPartitions.name(YearMonth.from(today).plusMonths(i)));
    }
  }

  @Test
  void dynamic_keys_change_the_windows_of_the_next_run() {
    fx.rt.dynamic().set("config_audit_retention_days", "10000").await();
    fx.rt.dynamic().set("event_retention_days", "100000").await();
    RetentionOutcome out = job.run(job.policy()).await();
    assertThat(out.configAuditsDeleted()).isZero();
    assertThat(out.eventsArchived()).isZero();
    assertThat(fx.partitions()).contains(OLD_PARTITION);
  }
}
