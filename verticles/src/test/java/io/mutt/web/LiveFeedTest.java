package io.mutt.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.mutt.contract.BusAddresses;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
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
    HttpClient http = web.vertx.createHttpClient();
    StringBuilder seen = new StringBuilder();
    Promise<String> snapshot = Promise.promise();
    Promise<String> live = Promise.promise();
    var res =
        http.request(
                new RequestOptions()
                    .setMethod(HttpMethod.GET)
                    .setAbsoluteURI(web.url("/api/v2/live"))
                    .putHeader("X-API-KEY", WebFixture.KEY))
            .compose(req -> req.send())
            .await();
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(res.getHeader("Content-Type")).startsWith("text/event-stream");
    res.handler(
        buf -> {
          synchronized (seen) {
            seen.append(buf.toString());
            for (String block : seen.toString().split("\n\n")) {
              if (block.startsWith("event: snapshot\ndata: ")) {
                snapshot.tryComplete(block.substring("event: snapshot\ndata: ".length()));
              }
              if (block.startsWith("event: live\ndata: ")) {
                live.tryComplete(block.substring("event: live\ndata: ".length()));
              }
            }
          }
        });
    JsonObject snap = new JsonObject(snapshot.future().await(5, TimeUnit.SECONDS));
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
              synchronized (seen) {
                String[] blocks = seen.toString().split("\n\n");
                for (int i = blocks.length - 1; i >= 0; i--) {
                  if (blocks[i].startsWith("event: snapshot\ndata: ")) {
                    JsonObject o =
                        new JsonObject(blocks[i].substring("event: snapshot\ndata: ".length()));
                    return o.getJsonObject("notifier");
                  }
                }
                return null;
              }
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
    JsonObject bridged = new JsonObject(live.future().await(5, TimeUnit.SECONDS));
    assertThat(bridged.getString("hostname")).isEqualTo("r7");
    http.close().await();
  }
}
