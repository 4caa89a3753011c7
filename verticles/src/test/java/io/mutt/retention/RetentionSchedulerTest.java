package io.mutt.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.mutt.pipeline.retention.AuditPartitions;
import io.mutt.testsupport.Eventually;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RetentionSchedulerTest {

  static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

  RetentionFixture fx;
  RetentionMetrics metrics;

  @AfterEach
  void close() {
    fx.close();
  }

  private RetentionFixture fixture(Map<String, String> extra) throws Exception {
    java.util.HashMap<String, String> s =
        new java.util.HashMap<>(
            Map.of(
                "RETENTION_CHECK_INTERVAL_MS",
                "100",
                "RETENTION_RUN_AT",
                "02:00",
                "RETENTION_PRECREATE_MONTHS",
                "4"));
    s.putAll(extra);
    fx = new RetentionFixture(s);
    metrics = new RetentionMetrics(fx.rt.registry());
    return fx;
  }

  private static Clock at(String hhmm) {
    return Clock.fixed(
        TODAY.atTime(LocalTime.parse(hhmm)).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
  }

  private RetentionScheduler deploy(Clock clock) {
    RetentionScheduler s = new RetentionScheduler(fx.rt, clock, metrics);
    fx.rt.vertx().deployVerticle(s).await();
    return s;
  }

  private void pushExpired(String host) {
    fx.redis(
        Command.LPUSH,
        fx.rt.keys().deadLetters,
        new JsonObject()
            .put("hostname", host)
            .put("failed_at", Instant.now().minus(45, ChronoUnit.DAYS).toString())
            .encode());
  }

  private static void eventually(BooleanSupplier condition, long timeoutMs) {
    Eventually.until(Duration.ofMillis(timeoutMs), "retention scheduler condition", condition);
  }

  private String leaderKeyValue() {
    Response r = fx.redis(Command.GET, fx.rt.keys().name("mutt:leader:retention"));
    return r == null ? null : r.toString();
  }

  @Test
  void only_one_of_two_schedulers_leads_and_the_daily_run_happens_once_per_day() throws Exception {
    fixture(Map.of());
    pushExpired("first");
    RetentionScheduler a = deploy(at("02:05"));
    RetentionScheduler b = deploy(at("02:05"));
    eventually(() -> fx.list(fx.rt.keys().deadLetters).isEmpty(), 3000);

    assertThat(a.isLeader() ^ b.isLeader()).as("exactly one leader").isTrue();
    assertThat(leaderKeyValue()).isNotNull();
    assertThat(fx.redis(Command.GET, fx.rt.keys().name("mutt:retention:last_run")).toString())
        .isEqualTo(TODAY.toString());

    pushExpired("second");
    Thread.sleep(500);
    assertThat(fx.list(fx.rt.keys().deadLetters)).as("no second run on the same day").hasSize(1);
  }

  @Test
  void when_the_leader_stops_the_other_scheduler_takes_over() throws Exception {
    fixture(Map.of());
    RetentionScheduler a = deploy(at("12:00"));
    eventually(a::isLeader, 2000);
    RetentionScheduler b = new RetentionScheduler(fx.rt, at("12:00"), metrics);
    String bId = fx.rt.vertx().deployVerticle(b).await();
    Thread.sleep(300);
    assertThat(b.isLeader()).isFalse();

    String aId =
        fx.rt.vertx().deploymentIDs().stream()
            .filter(id -> !id.equals(bId))
            .findFirst()
            .orElseThrow();
    long stopped = System.currentTimeMillis();
    fx.rt.vertx().undeploy(aId).await();
    eventually(b::isLeader, 1000);
    assertThat(System.currentTimeMillis() - stopped).isLessThan(1000);
  }

  @Test
  void outside_the_run_window_only_partitions_are_ensured() throws Exception {
    fixture(Map.of());
    pushExpired("kept");
    RetentionScheduler a = deploy(at("12:00"));
    String fourth = AuditPartitions.name(YearMonth.from(TODAY).plusMonths(3));
    eventually(() -> fx.partitions().contains(fourth), 3000);
    Thread.sleep(300);
    assertThat(a.isLeader()).isTrue();
    assertThat(fx.list(fx.rt.keys().deadLetters)).hasSize(1);
    assertThat(fx.redis(Command.GET, fx.rt.keys().name("mutt:retention:last_run"))).isNull();
  }

  @Test
  void the_dynamic_switch_turns_the_daily_run_off() throws Exception {
    fixture(Map.of());
    fx.rt.dynamic().set("retention_enforcement_enabled", "false").await();
    pushExpired("kept");
    deploy(at("02:30"));
    eventually(
        () -> fx.redis(Command.GET, fx.rt.keys().name("mutt:retention:last_run")) != null, 3000);
    assertThat(fx.list(fx.rt.keys().deadLetters)).hasSize(1);
  }

  @Test
  void the_gauges_the_retention_alerts_watch_follow_partitions_archive_and_last_success()
      throws Exception {
    fixture(Map.of());
    RetentionJob job = new RetentionJob(fx.rt, at("12:00"), metrics);
    job.ensurePartitions(4).await();
    String third = AuditPartitions.name(YearMonth.from(TODAY).plusMonths(2));
    fx.sql("DROP TABLE \"" + third + "\"");

    job.observe(4).await();

    String text = fx.rt.registry().scrape();
    assertThat(text).contains("mutt_retention_partitions_missing 1.0");
    assertThat(gauge(text, "mutt_retention_archive_bytes")).isPositive();
    long started = fx.redis(Command.GET, fx.rt.keys().retentionLastSuccess).toLong();
    assertThat(started)
        .as("a deployment's clock starts at its first observation")
        .isEqualTo(at("12:00").millis() / 1000);
    assertThat(gauge(text, "mutt_retention_last_success_timestamp_seconds")).isEqualTo(started);

    // A live run with every task succeeding moves last_success; the scheduler re-creates the
    // dropped partition and reports none missing.
    RetentionScheduler s = deploy(at("02:05"));
    eventually(
        () -> fx.redis(Command.GET, fx.rt.keys().name("mutt:retention:last_run")) != null, 3000);
    assertThat(s.isLeader()).isTrue();
    long success = fx.redis(Command.GET, fx.rt.keys().retentionLastSuccess).toLong();
    assertThat(success).isEqualTo(at("02:05").millis() / 1000);
    String after = fx.rt.registry().scrape();
    assertThat(after).contains("mutt_retention_partitions_missing 0.0");
    assertThat(gauge(after, "mutt_retention_last_success_timestamp_seconds")).isEqualTo(success);
  }

  private static long gauge(String scrape, String name) {
    return scrape
        .lines()
        .filter(l -> l.startsWith(name + " "))
        .map(l -> (long) Double.parseDouble(l.substring(name.length() + 1)))
        .findFirst()
        .orElseThrow(() -> new AssertionError(name + " not exported"));
  }
}
