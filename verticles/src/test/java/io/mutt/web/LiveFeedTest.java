package io.mutt.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.mutt.contract.BusAddresses;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LiveFeedTest {

  static WebFixture web;

  @BeforeAll
  static void start() {
    web = WebFixture.shared();
  }

  @Test
  void the_live_stream_sends_snapshots_and_bridges_the_event_bus_feed() throws Exception {
    LiveStream stream = LiveStream.open(web);
    var res = stream.response;
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(res.getHeader("Content-Type")).startsWith("text/event-stream");
    JsonObject snap = stream.first("snapshot");
    assertThat(snap.getString("type")).isEqualTo("snapshot");
    assertThat(snap.fieldNames())
        .contains("events_per_min", "events_today", "queues", "dlq", "circuit", "slo");
    assertThat(snap.getJsonObject("dlq").fieldNames())
        .containsExactlyInAnyOrder("alerter", "moog", "dead");
    assertThat(snap.containsKey("notifier")).isTrue();
    assertThat(snap.getJsonObject("notifier")).as("nothing sent yet").isNull();
    web.rt()
        .redis()
        .send(
            io.vertx.redis.client.Request.cmd(io.vertx.redis.client.Command.XADD)
                .arg(web.rt().keys().notifyLog)
                .arg("*")
                .arg("at")
                .arg("2026-01-02T03:04:05Z")
                .arg("subject")
                .arg("[MUTT] 3 new dead letter(s)")
                .arg("channels")
                .arg("{\"slack\":\"sent\",\"email\":\"failed: SMTP refused\"}"))
        .await();
    JsonObject note =
        io.mutt.testsupport.Eventually.value(
            java.time.Duration.ofSeconds(5),
            "a snapshot with the notification",
            () -> {
              JsonObject latest = stream.latest("snapshot");
              return latest == null ? null : latest.getJsonObject("notifier");
            },
            java.util.Objects::nonNull);
    assertThat(note)
        .isEqualTo(
            new JsonObject()
                .put("at", "2026-01-02T03:04:05Z")
                .put("subject", "[MUTT] 3 new dead letter(s)")
                .put("outcome", "partial"));
    web.rt()
        .vertx()
        .eventBus()
        .publish(BusAddresses.LIVE, new JsonObject().put("type", "alert").put("hostname", "r7"));
    JsonObject bridged = stream.first("live");
    assertThat(bridged.getString("hostname")).isEqualTo("r7");
    stream.close();
  }
}
