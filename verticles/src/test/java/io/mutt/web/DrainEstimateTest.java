package io.mutt.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.mutt.contract.DrainReport;
import io.mutt.pipeline.delivery.DrainState;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each replayed DLQ's depth and drain estimate in the dashboard API and the live snapshot (ADR
 * 0018): live depth divided by the rate the remediation leader reported; 0 when empty, -1 while
 * paused, null when no leader reports.
 */
class DrainEstimateTest {

  static WebFixture web;

  @BeforeAll
  static void start() {
    web = WebFixture.own();
  }

  @AfterAll
  static void stop() {
    web.close();
  }

  @Test
  void the_metrics_api_and_the_live_snapshot_show_depth_and_drain_estimate() throws Exception {
    var rt = web.rt();
    var keys = rt.keys();
    JsonObject before = web.get("/api/v2/metrics").bodyAsJsonObject().getJsonObject("dlq");
    // no leader has reported yet: an empty DLQ drains in 0 s, the state is unknown
    assertThat(before.getJsonObject("alerter")).isEqualTo(dlqEntry(0, 0.0, "unknown"));

    Request lpushMoog = Request.cmd(Command.LPUSH).arg(keys.moogDlq);
    for (int i = 0; i < 100; i++) {
      lpushMoog.arg("{\"n\":" + i + "}");
    }
    long now = System.currentTimeMillis();
    rt.redis()
        .batch(
            List.of(
                lpushMoog,
                Request.cmd(Command.LPUSH).arg(keys.alerterDlq).arg("{\"a\":1}"),
                Request.cmd(Command.HSET)
                    .arg(keys.remediationDrain)
                    .arg("moog")
                    .arg(new DrainReport(DrainState.DRAINING, 40, 120, now).encode())
                    .arg("alerter")
                    .arg(new DrainReport(DrainState.PAUSED_TARGET_FULL, 0, 1, now).encode())))
        .await();

    JsonObject dlq = web.get("/api/v2/metrics").bodyAsJsonObject().getJsonObject("dlq");
    // 100 entries left at the reported 40/s
    assertThat(dlq.getJsonObject("moog")).isEqualTo(dlqEntry(100, 2.5, "draining"));
    assertThat(dlq.getJsonObject("alerter")).isEqualTo(dlqEntry(1, -1.0, "paused_target_full"));

    JsonObject snap = snapshot();
    assertThat(snap.getJsonObject("dlq_drain")).isEqualTo(dlq);
    assertThat(snap.getJsonObject("dlq").getLong("moog")).isEqualTo(100);

    // the leader's reports expire: a DLQ with entries shows an unknown estimate, not an old one
    rt.redis().send(Request.cmd(Command.DEL).arg(keys.remediationDrain)).await();
    JsonObject gone = web.get("/api/v2/metrics").bodyAsJsonObject().getJsonObject("dlq");
    assertThat(gone.getJsonObject("moog").getValue("drain_seconds")).isNull();
    assertThat(gone.getJsonObject("moog").getString("drain_state")).isEqualTo("unknown");
  }

  @Test
  void the_storm_panel_reads_cluster_wide_counters_from_redis() throws Exception {
    var rt = web.rt();
    var keys = rt.keys();
    rt.redis()
        .batch(
            List.of(
                Request.cmd(Command.SET).arg(keys.coalescedTotal).arg(4321),
                Request.cmd(Command.SET).arg(keys.deferredMillis).arg(90500),
                Request.cmd(Command.SET).arg(keys.moogRatePermits).arg(37)))
        .await();
    JsonObject storm = snapshot().getJsonObject("storm");
    assertThat(storm.getLong("coalesced_total")).isEqualTo(4321);
    assertThat(storm.getDouble("deferred_seconds_total")).isEqualTo(90.5);
    // 37 permits in the 1-second Moogsoft window
    assertThat(storm.getDouble("alerts_out_per_s")).isEqualTo(37.0);
    assertThat(storm.fieldNames()).contains("events_in_per_s", "dlq_drain_seconds");

    // nothing written yet by the forwarder or the alerter: 0, not an error
    rt.redis()
        .send(
            Request.cmd(Command.DEL)
                .arg(keys.coalescedTotal)
                .arg(keys.deferredMillis)
                .arg(keys.moogRatePermits))
        .await();
    JsonObject empty = snapshot().getJsonObject("storm");
    assertThat(empty.getLong("coalesced_total")).isZero();
    assertThat(empty.getDouble("deferred_seconds_total")).isZero();
    assertThat(empty.getDouble("alerts_out_per_s")).isZero();
  }

  @Test
  void events_in_count_the_last_60_seconds_and_the_slowest_dlq_sets_the_drain_time() {
    java.time.ZonedDateTime at15s =
        java.time.ZonedDateTime.of(2026, 1, 1, 10, 0, 15, 0, java.time.ZoneOffset.UTC);
    // 300 events so far this minute + three quarters of the previous minute's 600
    assertThat(StormPanel.lastMinute(at15s, new long[] {300, 600})).isEqualTo(750.0);
    JsonObject draining =
        new JsonObject()
            .put("alerter", new JsonObject().put("drain_seconds", 0.0))
            .put("moog", new JsonObject().put("drain_seconds", 65.0));
    assertThat(StormPanel.slowest(draining)).isEqualTo(65.0);
    draining.getJsonObject("alerter").put("drain_seconds", -1.0);
    assertThat(StormPanel.slowest(draining)).isEqualTo(-1.0);
    draining.getJsonObject("alerter").putNull("drain_seconds");
    assertThat(StormPanel.slowest(draining)).isNull();
  }

  /** A DLQ's entry in the metrics API and the live snapshot. */
  static JsonObject dlqEntry(int depth, double drainSeconds, String drainState) {
    return new JsonObject()
        .put("depth", depth)
        .put("drain_seconds", drainSeconds)
        .put("drain_state", drainState);
  }

  static JsonObject snapshot() throws Exception {
    try (LiveStream live = LiveStream.open(web)) {
      return live.first("snapshot");
    }
  }
}
