package io.mutt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mutt.contract.DrainReport;
import io.mutt.pipeline.delivery.DrainState;
import io.mutt.testsupport.MuttTestApp;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code mutt status} against a real running MUTT (the ingest role) and its Redis. */
class CliStatusTest {

  static MuttTestApp mutt;

  @BeforeAll
  static void start() {
    mutt = MuttTestApp.start("ingest", java.util.Map.of());
  }

  @AfterAll
  static void stop() {
    mutt.close();
  }

  private static String[] status(String... extra) {
    return StatusArgs.of(mutt, extra);
  }

  private static void ingest(String host) throws Exception {
    HttpRequest req =
        HttpRequest.newBuilder(URI.create(mutt.ingestUrl() + "/api/v2/ingest"))
            .header("X-API-KEY", "test-ingest-key-0123456789")
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    new JsonObject()
                        .put("hostname", host)
                        .put("message", "ERROR x")
                        .put("timestamp", "2025-11-11T16:34:50Z")
                        .encode()))
            .build();
    assertThat(
            HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString()).statusCode())
        .isEqualTo(200);
  }

  @Test
  void the_running_ingest_role_is_healthy_and_the_others_are_down() {
    Cli res = Cli.run(status("--json"));
    assertThat(res.exit()).as(res.toString()).isZero();
    JsonObject roles = res.jsonObject().getJsonObject("roles");
    assertThat(roles.getJsonObject("ingest").getString("state")).isEqualTo("healthy");
    assertThat(roles.getJsonObject("ingest").getJsonObject("health").getString("service"))
        .isEqualTo("mutt-ingestor");
    assertThat(roles.getJsonObject("alerter").getString("state")).isEqualTo("down");
    assertThat(roles.getJsonObject("web").getString("state")).isEqualTo("down");
    assertThat(res.jsonObject().getJsonObject("queues").containsKey("ingest")).isTrue();

    Cli text = Cli.run(status());
    assertThat(text.out())
        .containsPattern("ingest\\s+:\\d+\\s+healthy")
        .containsPattern("alerter\\s+:\\d+\\s+down");
  }

  @Test
  void with_redis_host_depths_circuit_and_leaders_come_from_redis() throws Exception {
    ingest("r1");
    ingest("r2");
    var rt = mutt.app.runtime();
    rt.redis().send(Request.cmd(Command.LPUSH).arg(rt.keys().moogDlq).arg("{\"a\":1}")).await();
    rt.redis().send(Request.cmd(Command.SET).arg(rt.keys().circuitState).arg("OPEN")).await();
    rt.redis().send(Request.cmd(Command.SET).arg(rt.keys().remediationLeader).arg("pod-7")).await();
    rt.redis()
        .send(
            Request.cmd(Command.HSET)
                .arg(rt.keys().remediationDrain)
                .arg("moog")
                .arg(
                    new DrainReport(DrainState.DRAINING, 0.5, 1, System.currentTimeMillis())
                        .encode()))
        .await();

    Cli res =
        Cli.run(
            status(
                "--json",
                "--redis-host",
                mutt.settings.get("REDIS_HOST") + ":" + mutt.settings.get("REDIS_PORT")));
    assertThat(res.exit()).as(res.toString()).isZero();
    JsonObject doc = res.jsonObject();
    assertThat(doc.getJsonObject("queues").getLong("ingest")).isGreaterThanOrEqualTo(2);
    assertThat(doc.getJsonObject("dlq").getLong("moog")).isEqualTo(1);
    assertThat(doc.getJsonObject("dlq").getLong("alerter")).isZero();
    assertThat(doc.getString("circuit")).isEqualTo("OPEN");
    assertThat(doc.getJsonObject("leaders").getString("remediation")).isEqualTo("pod-7");
    // one entry left at the reported 0.5/s; the empty alerter DLQ drains in 0 s
    assertThat(doc.getJsonObject("dlq_drain").getJsonObject("moog"))
        .isEqualTo(
            new JsonObject()
                .put("depth", 1)
                .put("drain_seconds", 2.0)
                .put("drain_state", "draining"));
    assertThat(doc.getJsonObject("dlq_drain").getJsonObject("alerter").getDouble("drain_seconds"))
        .isZero();
    Cli text =
        Cli.run(
            status(
                "--redis-host",
                mutt.settings.get("REDIS_HOST") + ":" + mutt.settings.get("REDIS_PORT")));
    assertThat(text.out()).contains("dlq drain    alerter empty, moog ~2 s (1 left)");
  }
}
