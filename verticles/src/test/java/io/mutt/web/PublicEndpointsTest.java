package io.mutt.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.mutt.testsupport.Eventually;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PublicEndpointsTest {

  static WebFixture web;

  @BeforeAll
  static void start() {
    web = WebFixture.shared();
  }

  @Test
  void health_reports_redis_and_database_without_a_key() {
    var res = web.client.getAbs(web.url("/health")).send().await();
    assertThat(res.statusCode()).isEqualTo(200);
    JsonObject body = res.bodyAsJsonObject();
    JsonObject topology = (JsonObject) body.remove("redis_topology");
    assertThat(topology.getString("mode")).isEqualTo("standalone");
    assertThat(topology.getJsonArray("masters")).hasSize(1);
    assertThat(body)
        .isEqualTo(
            new JsonObject()
                .put("service", "mutt-webui")
                .put("version", "2.5")
                .put("status", "healthy")
                .put("redis", "connected")
                .put("database", "connected")
                .put("secrets", "ok"));
    assertThat(topology.getString("mode")).isEqualTo("standalone");
  }

  @Test
  void version_is_public_and_echoes_the_requested_version() {
    var res =
        web.client
            .getAbs(web.url("/api/v2/version"))
            .putHeader("Accept-Version", "2.0")
            .send()
            .await();
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(res.getHeader("X-API-Version")).isEqualTo("2.0");
    JsonObject body = res.bodyAsJsonObject();
    assertThat(body.getString("current_version")).isEqualTo("2.5");
    assertThat(body.getJsonArray("supported_versions").getList())
        .containsExactly("2.5", "2.0", "1.0");
    assertThat(body.getJsonObject("version_history").getJsonObject("1.0").getString("removal_date"))
        .isEqualTo("2026-01-01");
    var bogus = web.client.getAbs(web.url("/api/v1/version?api_version=9.9")).send().await();
    assertThat(bogus.getHeader("X-API-Version")).isEqualTo("2.5");
  }

  @Test
  void dashboard_metrics_come_from_the_latest_minute_buckets_and_the_24_hour_chart()
      throws Exception {
    var keys = web.rt().keys();
    ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
    web.rt()
        .redis()
        .batch(
            List.of(
                Request.cmd(Command.SET).arg(keys.counters.minute(now.toInstant())).arg(30),
                Request.cmd(Command.SET)
                    .arg(keys.counters.minute(now.minusMinutes(1).toInstant()))
                    .arg(10),
                Request.cmd(Command.SET).arg(keys.counters.hour(now.toInstant())).arg(120)))
        .await();
    JsonObject body =
        Eventually.value(
            Duration.ofSeconds(5),
            "the cached dashboard metrics show the new minute counter",
            () -> {
              var res = web.get("/api/v1/metrics");
              assertThat(res.statusCode()).isEqualTo(200);
              return res.bodyAsJsonObject();
            },
            b -> b.getJsonObject("summary").getDouble("current_rate_1m") == 30.0);
    assertThat(body.getJsonObject("summary"))
        .isEqualTo(
            new JsonObject()
                .put("current_rate_1m", 30.0)
                .put("avg_rate_15m", 20.0)
                .put("avg_rate_1h", 20.0));
    assertThat(body.getJsonObject("chart_24h").getJsonArray("labels").size()).isEqualTo(24);
    assertThat(body.getJsonObject("chart_24h").getJsonArray("data").getDouble(23)).isEqualTo(2.0);
    web.get("/api/v2/metrics");
    String metrics = web.client.getAbs(web.url("/metrics")).send().await().bodyAsString();
    assertThat(metrics)
        .contains("mutt_webui_api_requests_total{endpoint=\"metrics\",status=\"success_cached\"}")
        .contains("mutt_webui_api_latency_seconds_bucket")
        .contains("mutt_webui_redis_scan_latency_seconds")
        .contains("mutt_webui_db_query_latency_ms");
  }

  @Test
  void slo_falls_back_to_local_counters_when_prometheus_does_not_answer() {
    var res = web.get("/api/v1/slo");
    assertThat(res.statusCode()).isEqualTo(200);
    JsonObject body = res.bodyAsJsonObject();
    assertThat(body.getString("source")).isEqualTo("local");
    assertThat(body.getInteger("window_hours")).isEqualTo(24);
    assertThat(body.getJsonArray("slos").size()).isEqualTo(6);
    JsonObject ingest = body.getJsonObject("components").getJsonObject("ingestor");
    assertThat(ingest.fieldNames())
        .containsExactlyInAnyOrder(
            "target",
            "availability",
            "error_budget_remaining",
            "burn_rate",
            "state",
            "window_hours");
    JsonObject forwarderLatency = body.getJsonArray("slos").getJsonObject(3);
    assertThat(forwarderLatency.getString("slo_name")).isEqualTo("forwarder_latency_p99");
    assertThat(forwarderLatency.getString("status")).isEqualTo("critical");
    assertThat(forwarderLatency.getString("message")).isEqualTo("No data from local counters");
    assertThat(forwarderLatency.getDouble("target_seconds")).isEqualTo(2.0);
  }
}
