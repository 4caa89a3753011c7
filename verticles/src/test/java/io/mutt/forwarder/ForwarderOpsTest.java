package io.mutt.forwarder;

import static org.assertj.core.api.Assertions.assertThat;

import io.mutt.http.HealthReport;
import io.mutt.runtime.MuttRuntime;
import io.mutt.testsupport.MuttTestApp;
import io.mutt.testsupport.Resources;
import io.mutt.testsupport.TestHttp;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The forwarder's health and metrics endpoints (docs/reference/metrics.md). */
class ForwarderOpsTest {

  static MuttTestApp mutt;
  static TestHttp web;
  static WebClient client;

  @BeforeAll
  static void start() {
    mutt = MuttTestApp.start("forwarder", Map.of("FORWARDER_INSTANCES", "1"));
    web = new TestHttp();
    client = web.client;
  }

  @AfterAll
  static void stop() throws Exception {
    Resources.close(web, mutt);
  }

  @Test
  void health_is_200_with_the_spec_body_the_circuit_state_and_version_headers() {
    var res =
        client
            .getAbs("http://127.0.0.1:" + mutt.port("HEALTH_PORT_MOOG") + "/health")
            .send()
            .await();
    assertThat(res.statusCode()).isEqualTo(200);
    JsonObject body = res.bodyAsJsonObject();
    assertThat(body.getString("status")).isEqualTo("healthy");
    assertThat(body.getString("service")).isEqualTo("mutt-moog-forwarder");
    assertThat(body.getString("version")).isEqualTo("2.5");
    assertThat(body.getString("pod")).isNotBlank();
    assertThat(body.getString("circuit_breaker")).isEqualTo("CLOSED");
    assertThat(res.getHeader("X-API-Version")).isNotNull();
    assertThat(
            client
                .getAbs("http://127.0.0.1:" + mutt.port("HEALTH_PORT_MOOG") + "/other")
                .send()
                .await()
                .statusCode())
        .isEqualTo(404);
  }

  @Test
  void health_is_unhealthy_naming_redis_when_redis_cannot_be_reached() {
    MuttRuntime rt = mutt.app.runtime();
    Redis dead =
        Redis.createClient(
            rt.vertx(), new RedisOptions().setConnectionString("redis://127.0.0.1:1"));
    MuttRuntime cut =
        new MuttRuntime(
            rt.vertx(),
            rt.config(),
            rt.secrets(),
            rt.keys(),
            dead,
            null,
            rt.dynamic(),
            rt.registry(),
            rt.podName(),
            rt.replicaAcks());
    ForwarderShared fx = ForwarderModule.shared(cut);
    MoogClient moog = new MoogClient(rt.vertx(), fx.settings().webhookUrl(), "k", 2000, 1);
    HealthReport report = new ForwarderHealth(fx, moog).check().await();
    assertThat(report.status()).isEqualTo(503);
    assertThat(report.body().getString("status")).isEqualTo("unhealthy");
    assertThat(report.body().getJsonArray("errors").getString(0)).startsWith("Redis: ");
    dead.close();
    moog.close();
  }

  @Test
  void metrics_expose_the_forwarder_catalogue() {
    String text =
        client
            .getAbs("http://127.0.0.1:" + mutt.port("METRICS_PORT_MOOG") + "/metrics")
            .send()
            .await()
            .bodyAsString();
    assertThat(text)
        .contains(
            "mutt_moog_requests_total{",
            "mutt_moog_alerts_processed_total{",
            "mutt_moog_dlq_depth",
            "mutt_moog_processing_list_depth",
            "mutt_moog_rate_limit_hits_total",
            "mutt_moog_request_latency_seconds_bucket",
            "mutt_circuit_breaker_state{name=\"moogsoft\"}",
            "mutt_circuit_breaker_failures{name=\"moogsoft\"}",
            "mutt_moog_circuit_open",
            "mutt_moog_circuit_state",
            "mutt_moog_retry_queue_depth");
  }
}
