package io.mutt.alerter;

import static io.mutt.alerter.AlerterTestKit.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.mutt.testsupport.Eventually;
import io.mutt.testsupport.MuttTestApp;
import io.mutt.testsupport.StandIn;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.sqlclient.Row;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Repeats of an alert inside a coalescing window (ADR 0016), through real Redis, PostgreSQL, HTTP
 * and two forwarder instances in two applications sharing one Redis: the first alert of a key goes
 * out at once, the repeats become one update at the window's end carrying their count, every event
 * is audited naming the alert it was folded into, and the trace shows it.
 */
class AlertCoalescingTest {

  static final int WINDOW_SECONDS = 2;

  @RegisterExtension
  static final AlerterTestKit kit =
      AlerterTestKit.perClass(
          "ingest,alerter,forwarder,web",
          Map.of(
              "ALERT_COALESCE_WINDOW_SECONDS",
              String.valueOf(WINDOW_SECONDS),
              "ALERT_COALESCE_FLUSH_MS",
              "50",
              // one consumer, so "first" and "latest" follow the order the events were sent
              "ALERTER_INSTANCES",
              "1"));

  static MuttTestApp secondForwarder;
  static StandIn moog;
  static Vertx vertx;
  static WebClient http;

  @BeforeAll
  static void start() {
    Map<String, String> shared = new HashMap<>(kit.mutt.settings);
    shared.putAll(io.mutt.testsupport.Ports.allFree());
    shared.put("MOOG_WEBHOOK_URL", kit.mutt.moogUrl() + "/events");
    secondForwarder = MuttTestApp.start("forwarder", shared);
    moog = kit.mutt.standIn();
    vertx = Vertx.vertx();
    http = WebClient.create(vertx);
  }

  @AfterAll
  static void stop() {
    http.close();
    vertx.close().await();
    moog.close();
    secondForwarder.close();
  }

  @Test
  void repeats_inside_a_window_reach_moogsoft_as_the_first_alert_and_one_counted_update() {
    long before = moog.count();
    for (int i = 1; i <= 10; i++) {
      kit.post(event("flappy-sw", "ERROR link down, attempt " + i));
    }
    kit.post(event("quiet-sw", "ERROR fan failure"));

    Eventually.until(
        Duration.ofSeconds(30), "both first alerts delivered", () -> moog.count() >= before + 2);
    List<JsonObject> firsts = received(before);
    assertThat(firsts)
        .extracting(a -> a.getString("signature"))
        .containsExactlyInAnyOrder("flappy-sw", "quiet-sw");
    assertThat(firsts).allSatisfy(a -> assertThat(coalesced(a)).isNull());
    JsonObject first = byHost(firsts, "flappy-sw");
    assertThat(first.getString("description")).isEqualTo("ERROR link down, attempt 1");

    Eventually.until(
        Duration.ofSeconds(30), "the update of the window", () -> moog.count() >= before + 3);
    List<JsonObject> all = received(before);
    assertThat(all).hasSize(3);
    JsonObject update = all.get(2);
    assertThat(update.getString("signature")).isEqualTo("flappy-sw");
    assertThat(update.getString("description")).isEqualTo("ERROR link down, attempt 10");
    JsonObject info = coalesced(update);
    assertThat(info.getInteger("count")).isEqualTo(9);
    assertThat(info.getInteger("total")).isEqualTo(10);
    assertThat(info.getString("latest_description")).isEqualTo("ERROR link down, attempt 10");
    assertThat(info.getInteger("window_seconds")).isEqualTo(WINDOW_SECONDS);
    assertThat(info.getLong("last_seen_ms")).isGreaterThanOrEqualTo(info.getLong("first_seen_ms"));
    assertThat(update.getJsonObject("custom_info").getString("hostname")).isEqualTo("flappy-sw");

    List<Row> rows = kit.auditRows("flappy-sw");
    assertThat(rows).hasSize(10);
    String firstEventId = info.getString("first_event_id");
    assertThat(rows).allSatisfy(r -> assertThat(r.getBoolean("forwarded_to_moog")).isTrue());
    assertThat(rows.stream().filter(r -> r.getString("coalesced_into") == null))
        .singleElement()
        .satisfies(r -> assertThat(r.getString("event_id")).isEqualTo(firstEventId));
    assertThat(rows.stream().filter(r -> firstEventId.equals(r.getString("coalesced_into"))))
        .hasSize(9);
    assertThat(kit.auditRows("quiet-sw"))
        .singleElement()
        .satisfies(r -> assertThat(r.getString("coalesced_into")).isNull());

    // The trace of a repeat names the alert it went out with.
    String correlationId = update.getJsonObject("custom_info").getString("_correlation_id");
    JsonObject trace =
        http.getAbs(kit.mutt.webUrl() + "/api/v2/events/" + correlationId)
            .putHeader("X-API-KEY", "test-webui-key-0123456789")
            .send()
            .await()
            .bodyAsJsonObject();
    assertThat(trace.getJsonArray("audit").getJsonObject(0).getString("coalesced_into"))
        .isEqualTo(firstEventId);

    // With no more repeats the next window closes without a call, and the key starts afresh.
    String window = windowKeyOf("flappy-sw");
    Eventually.until(Duration.ofSeconds(30), "the window expired", () -> !exists(window));
    assertThat(moog.count()).isEqualTo(before + 3);
    kit.post(event("flappy-sw", "ERROR link down again"));
    Eventually.until(Duration.ofSeconds(30), "a new first alert", () -> moog.count() >= before + 4);
    assertThat(coalesced(received(before).get(3))).isNull();
  }

  @Test
  void a_key_repeated_across_several_windows_gets_one_update_per_window_and_every_repeat_counted()
      throws InterruptedException {
    long before = moog.count();
    int sent = 0;
    long end = System.nanoTime() + Duration.ofSeconds(3L * WINDOW_SECONDS).toNanos();
    while (System.nanoTime() < end) {
      kit.post(event("storm-sw", "ERROR burst " + (++sent)));
      Thread.sleep(40);
    }
    int total = sent;
    Eventually.until(
        Duration.ofSeconds(30),
        "every repeat accounted for at the stand-in",
        () -> received(before).stream().mapToInt(AlertCoalescingTest::represented).sum() == total);
    List<JsonObject> calls = received(before);
    // 3 windows of sending: a first alert and one update per window it spans, never one per event.
    assertThat(calls.size()).isBetween(3, 6);
    assertThat(calls.get(0).getString("description")).isEqualTo("ERROR burst 1");
    assertThat(kit.auditRows("storm-sw")).hasSize(total);
    long stats = moog.stats().getLong("distinct_external_ids");
    assertThat(stats).isGreaterThan(0);
  }

  @Test
  void an_audit_row_whose_previewed_decision_changed_is_corrected_in_place() {
    kit.post(event("fix-sw", "ERROR to be corrected"));
    Eventually.until(Duration.ofSeconds(30), "audited", () -> kit.auditRows("fix-sw").size() == 1);
    Row row = kit.auditRows("fix-sw").get(0);
    AuditRow corrected =
        new AuditRow(
            row.getOffsetDateTime("event_timestamp"),
            "fix-sw",
            row.getInteger("matched_rule_id"),
            row.getString("handling_decision"),
            true,
            row.getString("raw_message"),
            row.getString("event_id"),
            false,
            "the-first-event",
            null);
    new AuditWriter(kit.rt.pg(), new AlerterMetrics(kit.rt.registry()))
        .updateCoalescedInto(List.of(corrected))
        .await();
    assertThat(kit.auditRows("fix-sw").get(0).getString("coalesced_into"))
        .isEqualTo("the-first-event");
  }

  /** How many events one call to the stand-in stands for. */
  private static int represented(JsonObject call) {
    JsonObject info = coalesced(call);
    return info == null ? 1 : info.getInteger("count");
  }

  private static JsonObject coalesced(JsonObject call) {
    JsonObject custom = call.getJsonObject("custom_info");
    return custom == null ? null : custom.getJsonObject("mutt_coalesced");
  }

  @Test
  void a_window_left_by_an_earlier_build_as_one_hash_is_closed_with_its_count() {
    long before = moog.count();
    String window = windowKeyOf("legacy-sw");
    long now = System.currentTimeMillis();
    JsonObject raw = new JsonObject().put("hostname", "legacy-sw").put("message", "ERROR legacy");
    String last =
        new JsonObject()
            .put("hostname", "legacy-sw")
            .put("team_assignment", "NETO")
            .put("severity", AlertJson.SEVERITY)
            .put("message_body", "ERROR legacy repeat")
            .put("raw_json", raw)
            .put("_correlation_id", "legacy-correlation")
            .put("_event_id", "legacy-last")
            .encode();
    kit.rt
        .redis()
        .send(
            Request.cmd(Command.HSET)
                .arg(window)
                .arg("first")
                .arg("legacy-first")
                .arg("first_ms")
                .arg(now - 1000)
                .arg("last_ms")
                .arg(now)
                .arg("end")
                .arg(now)
                .arg("n")
                .arg(2)
                .arg("total")
                .arg(3)
                .arg("last")
                .arg(last))
        .await();
    kit.rt
        .redis()
        .send(Request.cmd(Command.ZADD).arg(kit.rt.keys().coalesceDue).arg(now).arg(window))
        .await();

    Eventually.until(
        Duration.ofSeconds(30), "the update of the old window", () -> moog.count() >= before + 1);
    JsonObject update = received(before).get(0);
    assertThat(update.getString("signature")).isEqualTo("legacy-sw");
    JsonObject info = coalesced(update);
    assertThat(info.getInteger("count")).isEqualTo(2);
    assertThat(info.getInteger("total")).isEqualTo(3);
    assertThat(info.getString("first_event_id")).isEqualTo("legacy-first");
    assertThat(info.getString("latest_description")).isEqualTo("ERROR legacy repeat");
    // The key's next window is in this build's format: a repeat now is counted, not appended.
    kit.post(event("legacy-sw", "ERROR legacy repeat again"));
    Eventually.until(
        Duration.ofSeconds(30), "the next window's update", () -> moog.count() >= before + 2);
    JsonObject next = coalesced(received(before).get(1));
    assertThat(next.getInteger("count")).isEqualTo(1);
    assertThat(next.getInteger("total")).isEqualTo(4);
    assertThat(next.getString("first_event_id")).isEqualTo("legacy-first");
  }

  private static JsonObject byHost(List<JsonObject> calls, String host) {
    return calls.stream().filter(c -> host.equals(c.getString("signature"))).findFirst().get();
  }

  /** The calls the stand-in received after the first {@code skip}, oldest first. */
  private static List<JsonObject> received(long skip) {
    JsonArray events = moog.events(1000);
    List<JsonObject> out = new ArrayList<>();
    for (int i = (int) skip; i < events.size(); i++) {
      out.add(events.getJsonObject(i));
    }
    return out;
  }

  private static String windowKeyOf(String host) {
    AlerterSettings s = AlerterSettings.from(kit.rt.config());
    return kit.rt.keys().coalescePrefix
        + s.coalescingKey().of(host, "NETO", AlertJson.SEVERITY, null);
  }

  private static boolean exists(String key) {
    return kit.rt.redis().send(Request.cmd(Command.EXISTS).arg(key)).await().toInteger() == 1;
  }
}
