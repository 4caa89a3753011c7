package io.mutt.alerter;

import static io.mutt.alerter.AlerterTestKit.event;
import static io.mutt.alerter.AlerterTestKit.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Backpressure on the alert queue in both shed modes, driven by the dynamic keys. */
class AlerterBackpressureTest {

  @RegisterExtension
  static final AlerterTestKit kit =
      AlerterTestKit.perClass(
          "ingest,alerter",
          Map.of(
              "BRPOPLPUSH_TIMEOUT",
              "0.2",
              "ALERTER_DEPTH_SAMPLE_MS",
              "20",
              // one alert per event, so the alert queue fills (coalescing is tested apart)
              "ALERT_COALESCE_WINDOW_SECONDS",
              "0"));

  @AfterEach
  void reset() {
    kit.rt.dynamic().set("alerter_queue_shed_threshold", "2000").await();
    kit.rt.dynamic().set("alerter_shed_mode", "dlq").await();
    kit.rt.redis().send(Request.cmd(Command.DEL).arg(kit.rt.keys().alertQueue)).await();
  }

  /** Puts {@code n} alerts on the alert stream that nobody consumes (no forwarder runs here). */
  private static void fillAlertQueue(int n) {
    for (int i = 0; i < n; i++) {
      kit.rt
          .redis()
          .send(
              Request.cmd(Command.XADD)
                  .arg(kit.rt.keys().alertQueue)
                  .arg("*")
                  .arg("e")
                  .arg(
                      new JsonObject()
                          .put("hostname", "filler")
                          .put("raw_json", new JsonObject())
                          .encode()))
          .await();
    }
    eventually("depth sampled", () -> kit.gauge("mutt.alerter.queue.depth") == n);
  }

  /**
   * A consumer checks the backpressure before each read; one already blocked in XREADGROUP takes
   * what arrives until its read returns, at most BRPOPLPUSH_TIMEOUT (0.2 s here) later. Waits three
   * of those.
   */
  private static void untilBlockedReadsReturned() {
    long until = System.nanoTime() + 600_000_000L;
    eventually("blocked reads returned", () -> System.nanoTime() > until);
  }

  @Test
  void
      in_dlq_mode_events_arriving_above_the_shed_threshold_go_to_the_dlq_with_the_shedding_reason() {
    double shedBefore = kit.counter("mutt.alerter.shed.events", "mode", "dlq");
    kit.rt.dynamic().set("alerter_queue_shed_threshold", "1").await();
    kit.rt.dynamic().set("alerter_shed_mode", "dlq").await();
    fillAlertQueue(2);
    untilBlockedReadsReturned();
    for (int i = 0; i < 5; i++) {
      kit.post(event("shed-host", "ERROR number " + i));
    }
    eventually("5 shed events", () -> kit.dlq("shed-host").size() == 5);
    List<JsonObject> dead = kit.dlq("shed-host");
    assertThat(dead)
        .allSatisfy(
            d -> {
              assertThat(d.getString("shedding_reason")).isEqualTo("queue_depth_exceeded:2>1");
              assertThat(d.getString("failed_at")).isNotBlank();
              assertThat(d.getString("_event_id")).isNotBlank();
            });
    assertThat(kit.counter("mutt.alerter.shed.events", "mode", "dlq")).isEqualTo(shedBefore + 5);
    assertThat(kit.auditRows("shed-host")).isEmpty();
    assertThat(kit.streamLength(kit.rt.keys().ingestQueue)).isZero();
  }

  @Test
  void
      in_defer_mode_consumption_pauses_while_the_alert_queue_is_above_the_threshold_and_resumes_after() {
    double deferBefore = kit.counter("mutt.alerter.shed.events", "mode", "defer");
    kit.rt.dynamic().set("alerter_queue_shed_threshold", "1").await();
    kit.rt.dynamic().set("alerter_shed_mode", "defer").await();
    kit.rt.dynamic().set("alerter_defer_sleep_ms", "50").await();
    fillAlertQueue(2);
    // each deferral takes ~100 ms, so 8 of them outlast any read that was blocked when the
    // threshold was crossed
    eventually(
        "deferring",
        () -> kit.counter("mutt.alerter.shed.events", "mode", "defer") >= deferBefore + 8);
    for (int i = 0; i < 3; i++) {
      kit.post(event("defer-host", "ERROR deferred " + i));
    }
    double deferred = kit.counter("mutt.alerter.shed.events", "mode", "defer");
    eventually(
        "several deferrals while the events wait",
        () -> kit.counter("mutt.alerter.shed.events", "mode", "defer") >= deferred + 4);
    assertThat(kit.streamLength(kit.rt.keys().ingestQueue)).isEqualTo(3);
    assertThat(kit.auditRows("defer-host")).isEmpty();
    assertThat(kit.dlq("defer-host")).isEmpty();
    // the pauses are counted as time, here and cluster-wide for the dashboard
    assertThat(kit.counter("mutt.alerter.deferred.seconds")).isGreaterThan(0.2);
    assertThat(
            kit.rt
                .redis()
                .send(Request.cmd(Command.GET).arg(kit.rt.keys().deferredMillis))
                .await()
                .toLong())
        .isGreaterThan(200);

    kit.rt.redis().send(Request.cmd(Command.DEL).arg(kit.rt.keys().alertQueue)).await();
    eventually(
        "processed after the queue drained",
        Duration.ofSeconds(10),
        () -> kit.auditRows("defer-host").size() == 3);
    eventually("alerts appended", () -> kit.alerts("defer-host").size() == 3);
  }
}
