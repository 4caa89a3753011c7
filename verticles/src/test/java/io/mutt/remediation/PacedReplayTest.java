package io.mutt.remediation;

import static io.mutt.remediation.RemediationTest.llen;
import static io.mutt.remediation.RemediationTest.metric;
import static io.mutt.remediation.RemediationTest.xlen;
import static org.assertj.core.api.Assertions.assertThat;

import io.mutt.contract.DrainReport;
import io.mutt.pipeline.delivery.DrainState;
import io.mutt.runtime.MuttRuntime;
import io.mutt.testsupport.Eventually;
import io.mutt.testsupport.MuttTestApp;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Paced continuous replay (ADR 0018) through real Redis and the Moogsoft stand-in: a DLQ drains at
 * the configured fraction of Moogsoft's rate limit, oldest first, while live traffic keeps flowing;
 * replay stops at the target stream's bound and stays idle while the shared circuit is open.
 */
class PacedReplayTest {

  static final Duration WITHIN = Duration.ofSeconds(20);

  @RegisterExtension
  final RemediationApps apps =
      new RemediationApps(
          Map.of(
              "REMEDIATION_INTERVAL", "0.3",
              "MOOG_HEALTH_CACHE_SECONDS", "0",
              "MOOG_HEALTH_TIMEOUT", "1",
              "REMEDIATION_LEADER_LEASE", "1.2"));

  @Test
  void a_dlq_of_2000_drains_oldest_first_at_the_configured_pace_while_live_traffic_flows()
      throws Exception {
    // pace = 0.5 x 400 / 1 s = 200 replays/s: 2,000 entries in about 10 s
    double pace = 200;
    MuttTestApp app =
        apps.start(
            Map.of(
                "MOOG_RATE_LIMIT", "400",
                "MOOG_RATE_PERIOD", "1",
                "REMEDIATION_REPLAY_RATE", "0.5",
                "REMEDIATION_BATCH_SIZE", "20",
                "ALERTER_QUEUE_WARN_THRESHOLD", "1000000"));
    MuttRuntime rt = app.app.runtime();
    Eventually.until(WITHIN, "leads", () -> metric(rt, "mutt_remediation_leader") == 1);

    AtomicBoolean live = new AtomicBoolean(true);
    AtomicInteger liveSent = new AtomicInteger();
    Thread producer =
        new Thread(
            () -> {
              while (live.get()) {
                int i = liveSent.get();
                rt.redis()
                    .send(
                        Request.cmd(Command.XADD)
                            .arg(rt.keys().alertQueue)
                            .arg("*")
                            .arg("payload")
                            .arg(new JsonObject().put("live", i).encode()))
                    .await();
                liveSent.incrementAndGet();
                Eventually.pause(20);
              }
            });
    producer.start();
    Eventually.pause(300);
    pushOldestFirst(rt, rt.keys().moogDlq, 2000);
    long drainStart = System.nanoTime();

    double midEstimate =
        Eventually.value(
            WITHIN,
            "a drain estimate while draining",
            () -> drainGauge(rt, rt.keys().moogDlq),
            v -> v > 0);
    DrainReport midReport = report(rt, "moog");
    Eventually.until(Duration.ofSeconds(60), "DLQ drained", () -> llen(rt, rt.keys().moogDlq) == 0);
    double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
    Eventually.pause(300);
    live.set(false);
    producer.join();

    List<long[]> replayedAt = new ArrayList<>(); // {stream ms, index}
    Set<Integer> liveSeen = new HashSet<>();
    Response all =
        rt.redis()
            .send(Request.cmd(Command.XRANGE).arg(rt.keys().alertQueue).arg("-").arg("+"))
            .await();
    for (Response e : all) {
      JsonObject p = new JsonObject(e.get(1).get(1).toString());
      long ms = Long.parseLong(e.get(0).toString().split("-")[0]);
      if (p.containsKey("live")) {
        assertThat(liveSeen.add(p.getInteger("live"))).isTrue();
      } else {
        assertThat(p.getInteger("_replay_count")).isEqualTo(1);
        replayedAt.add(
            new long[] {ms, Long.parseLong(p.getString("_correlation_id").substring(1))});
      }
    }
    // every entry arrived exactly once, oldest first; live traffic was appended throughout
    assertThat(replayedAt).hasSize(2000);
    for (int i = 0; i < replayedAt.size(); i++) {
      assertThat(replayedAt.get(i)[1]).isEqualTo(i);
    }
    assertThat(liveSeen).hasSize(liveSent.get());
    long first = replayedAt.get(0)[0];
    long last = replayedAt.get(replayedAt.size() - 1)[0];
    long liveDuring =
        java.util.stream.StreamSupport.stream(all.spliterator(), false)
            .filter(e -> e.get(1).get(1).toString().contains("\"live\""))
            .map(e -> Long.parseLong(e.get(0).toString().split("-")[0]))
            .filter(ms -> ms >= first && ms <= last)
            .count();
    // the most replays appended in any 1-second window (Redis stream ids are Redis' clock)
    int peak = 0;
    for (int i = 0, j = 0; i < replayedAt.size(); i++) {
      while (replayedAt.get(i)[0] - replayedAt.get(j)[0] >= 1000) {
        j++;
      }
      peak = Math.max(peak, i - j + 1);
    }
    double spanS = (last - first) / 1000.0;
    System.out.printf(
        "paced replay: 2000 entries in %.2f s (stream ids; %.1f/s; peak %d in 1 s; pace %.0f/s;"
            + " test wall %.2f s); %d live entries appended meanwhile; mid-drain estimate %.1f s,"
            + " report %s%n",
        spanS, 1999 / spanS, peak, pace, drainSeconds, liveDuring, midEstimate, midReport);
    // bounded by the pace (one batch of slack for the round in flight at a second's edge)
    assertThat(peak).isLessThanOrEqualTo((int) (pace * 1.1) + 20);
    assertThat(1999 / spanS).isLessThanOrEqualTo(pace * 1.1);
    // and continuous: nowhere near the old 10 entries per interval
    assertThat(spanS).isLessThan(2000 / pace * 3);
    assertThat(liveDuring).isPositive();
    assertThat(midReport.state()).isEqualTo(DrainState.DRAINING);
    assertThat(midReport.ratePerSecond()).isEqualTo(pace);
    assertThat(midEstimate).isLessThanOrEqualTo(2000 / pace + 1);
    Eventually.until(
        WITHIN,
        "empty reported",
        () ->
            drainGauge(rt, rt.keys().moogDlq) == 0
                && report(rt, "moog").state() == DrainState.EMPTY);
  }

  @Test
  void replay_stops_at_the_target_bound_and_resumes_once_the_target_is_consumed() {
    MuttTestApp app =
        apps.start(
            Map.of(
                "MOOG_RATE_LIMIT", "1000",
                "REMEDIATION_BATCH_SIZE", "25",
                "ALERTER_QUEUE_WARN_THRESHOLD", "300"));
    MuttRuntime rt = app.app.runtime();
    Eventually.until(WITHIN, "leads", () -> metric(rt, "mutt_remediation_leader") == 1);
    fill(rt, rt.keys().alertQueue, 250);
    fill(rt, rt.keys().ingestQueue, 300);
    pushOldestFirst(rt, rt.keys().moogDlq, 200);
    pushEventsOldestFirst(rt, rt.keys().alerterDlq, 40);

    // the moog DLQ moves exactly up to the bound, mid-round, and stops
    Eventually.until(WITHIN, "alert stream at its bound", () -> llen(rt, rt.keys().moogDlq) == 150);
    long loops = (long) metric(rt, "mutt_remediation_loops_total");
    Eventually.until(
        WITHIN, "three more rounds", () -> metric(rt, "mutt_remediation_loops_total") >= loops + 3);
    assertThat(xlen(rt, rt.keys().alertQueue)).isEqualTo(300);
    assertThat(llen(rt, rt.keys().moogDlq)).isEqualTo(150);
    // the ingest stream was at its bound from the start: nothing moved to it
    assertThat(llen(rt, rt.keys().alerterDlq)).isEqualTo(40);
    assertThat(xlen(rt, rt.keys().ingestQueue)).isEqualTo(300);
    Eventually.until(
        WITHIN,
        "paused reported",
        () ->
            report(rt, "moog").state() == DrainState.PAUSED_TARGET_FULL
                && report(rt, "alerter").state() == DrainState.PAUSED_TARGET_FULL
                && drainGauge(rt, rt.keys().moogDlq) == -1
                && drainGauge(rt, rt.keys().alerterDlq) == -1);

    // a forwarder and an alerter consume their streams: replay resumes where it stopped
    rt.redis().send(Request.cmd(Command.DEL).arg(rt.keys().alertQueue)).await();
    rt.redis().send(Request.cmd(Command.DEL).arg(rt.keys().ingestQueue)).await();
    Eventually.until(
        WITHIN,
        "both DLQs drained",
        () -> llen(rt, rt.keys().moogDlq) == 0 && llen(rt, rt.keys().alerterDlq) == 0);
    assertThat(xlen(rt, rt.keys().alertQueue)).isEqualTo(150);
    assertThat(xlen(rt, rt.keys().ingestQueue)).isEqualTo(40);
    List<JsonObject> alerts = RemediationTest.stream(rt, rt.keys().alertQueue);
    assertThat(alerts.get(0).getString("_correlation_id")).isEqualTo("r50");
    assertThat(alerts.get(149).getString("_correlation_id")).isEqualTo("r199");
  }

  @Test
  void nothing_is_replayed_while_the_shared_circuit_is_open() {
    MuttTestApp app = apps.start(Map.of("MOOG_RATE_LIMIT", "1000"));
    MuttRuntime rt = app.app.runtime();
    Eventually.until(WITHIN, "leads", () -> metric(rt, "mutt_remediation_leader") == 1);
    set(rt, rt.keys().circuitState, "OPEN");
    pushOldestFirst(rt, rt.keys().moogDlq, 20);
    long loops = (long) metric(rt, "mutt_remediation_loops_total");
    Eventually.until(
        WITHIN, "three more rounds", () -> metric(rt, "mutt_remediation_loops_total") >= loops + 3);
    assertThat(llen(rt, rt.keys().moogDlq)).isEqualTo(20);
    assertThat(xlen(rt, rt.keys().alertQueue)).isZero();
    assertThat(report(rt, "moog").state()).isEqualTo(DrainState.PAUSED_CIRCUIT_OPEN);
    assertThat(drainGauge(rt, rt.keys().moogDlq)).isEqualTo(-1);
    assertThat(metric(rt, "mutt_remediation_moog_health")).isEqualTo(1);

    set(rt, rt.keys().circuitState, "HALF_OPEN");
    Eventually.until(
        WITHIN, "two more rounds", () -> metric(rt, "mutt_remediation_loops_total") >= loops + 5);
    assertThat(llen(rt, rt.keys().moogDlq)).isEqualTo(20);

    set(rt, rt.keys().circuitState, "CLOSED");
    Eventually.until(WITHIN, "drained once closed", () -> llen(rt, rt.keys().moogDlq) == 0);
    assertThat(xlen(rt, rt.keys().alertQueue)).isEqualTo(20);
  }

  /** {@code n} Moogsoft-DLQ entries r0..r(n-1), r0 the oldest (the list's tail). */
  static void pushOldestFirst(MuttRuntime rt, String key, int n) {
    for (int from = 0; from < n; from += 500) {
      Request lpush = Request.cmd(Command.LPUSH).arg(key);
      for (int i = from; i < Math.min(n, from + 500); i++) {
        lpush.arg(
            new JsonObject()
                .put("hostname", "h" + (i % 50))
                .put("_correlation_id", "r" + i)
                .put("_moog_retry_count", 6)
                .put("dlq_reason", "retry_exhausted")
                .encode());
      }
      rt.redis().send(lpush).await();
    }
  }

  static void pushEventsOldestFirst(MuttRuntime rt, String key, int n) {
    Request lpush = Request.cmd(Command.LPUSH).arg(key);
    for (int i = 0; i < n; i++) {
      lpush.arg(
          new JsonObject()
              .put("hostname", "e" + i)
              .put("message", "x")
              .put("timestamp", "2025-11-10T12:00:00Z")
              .put("_retry_count", 4)
              .encode());
    }
    rt.redis().send(lpush).await();
  }

  static void fill(MuttRuntime rt, String stream, int n) {
    List<Request> batch = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      batch.add(Request.cmd(Command.XADD).arg(stream).arg("*").arg("payload").arg("{\"fill\":1}"));
    }
    rt.redis().batch(batch).await();
  }

  static void set(MuttRuntime rt, String key, String value) {
    rt.redis().send(Request.cmd(Command.SET).arg(key).arg(value)).await();
  }

  static DrainReport report(MuttRuntime rt, String name) {
    Response r =
        rt.redis()
            .send(Request.cmd(Command.HGET).arg(rt.keys().remediationDrain).arg(name))
            .await();
    return DrainReport.parse(r == null ? null : r.toString());
  }

  static double drainGauge(MuttRuntime rt, String dlq) {
    String prefix = "mutt_remediation_dlq_drain_seconds{dlq_name=\"" + dlq + "\"";
    for (String line : rt.registry().scrape().split("\n")) {
      if (line.startsWith(prefix)) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return Double.NaN;
  }
}
