package io.mutt.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.mutt.web.slo.LocalSource;
import io.mutt.web.slo.PrometheusSource;
import io.mutt.web.slo.SloService;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SloPrometheusTest {

  static WebFixture web;

  @BeforeAll
  static void start() {
    web = WebFixture.shared();
  }

  /**
   * A stand-in Prometheus: availability queries answer 0.9995, the forwarder latency query has no
   * data.
   */
  private static HttpServer prometheus(AtomicInteger calls, int failFirst) {
    return web.vertx
        .createHttpServer()
        .requestHandler(
            req -> {
              if (calls.incrementAndGet() <= failFirst) {
                req.response().setStatusCode(500).end();
                return;
              }
              String q = req.getParam("query");
              JsonArray result = new JsonArray();
              if (q.contains("mutt_ingest_requests_total")
                  || q.contains("mutt_moog_requests_total")) {
                result.add(new JsonObject().put("value", new JsonArray().add(1.7e9).add("0.9995")));
              } else if (q.contains("mutt_ingest_latency_seconds_bucket")) {
                result.add(new JsonObject().put("value", new JsonArray().add(1.7e9).add("0.8")));
              } else if (q.contains("mutt_alerter_events_processed_total")) {
                result.add(new JsonObject().put("value", new JsonArray().add(1.7e9).add("NaN")));
              }
              req.response()
                  .putHeader("Content-Type", "application/json")
                  .end(
                      new JsonObject()
                          .put("status", "success")
                          .put(
                              "data",
                              new JsonObject().put("resultType", "vector").put("result", result))
                          .encode());
            })
        .listen(0, "127.0.0.1")
        .await();
  }

  private static SloService service(int port) {
    var rt = web.rt();
    return new SloService(
        new PrometheusSource(
            web.vertx, WebClient.create(web.vertx), "http://127.0.0.1:" + port, 10),
        new LocalSource(rt.redis(), rt.registry(), rt.keys().sloCounters, rt.keys().counters),
        rt.dynamic(),
        60_000);
  }

  @Test
  void prometheus_values_drive_the_report_and_a_failed_query_is_retried_once() {
    AtomicInteger calls = new AtomicInteger();
    HttpServer server = prometheus(calls, 1);
    JsonObject report = service(server.actualPort()).report().await();
    assertThat(report.getString("source")).isEqualTo("prometheus");
    assertThat(calls.get()).isEqualTo(7);
    JsonObject ingestor = report.getJsonObject("components").getJsonObject("ingestor");
    assertThat(ingestor.getDouble("availability")).isEqualTo(0.9995);
    assertThat(ingestor.getString("state")).isEqualTo("ok");
    assertThat(ingestor.getDouble("burn_rate")).isEqualTo(0.5);
    JsonArray slos = report.getJsonArray("slos");
    assertThat(slos.getJsonObject(1).getString("message"))
        .isEqualTo("Warning latency (0.800s > 0.750s)");
    assertThat(slos.getJsonObject(3).getString("message")).isEqualTo("No data from Prometheus");
    assertThat(slos.getJsonObject(4).getString("status")).isEqualTo("critical");
    server.close().await();
  }

  @Test
  void local_counters_kept_in_redis_are_used_when_prometheus_does_not_answer() {
    var rt = web.rt();
    rt.redis()
        .send(
            io.vertx.redis.client.Request.cmd(io.vertx.redis.client.Command.HSET)
                .arg(rt.keys().sloCounters)
                .arg("forwarder_availability:good")
                .arg(990)
                .arg("forwarder_availability:total")
                .arg(1000))
        .await();
    JsonObject report = service(1).report().await();
    assertThat(report.getString("source")).isEqualTo("local");
    JsonObject forwarder = report.getJsonObject("components").getJsonObject("forwarder");
    assertThat(forwarder.getDouble("availability")).isEqualTo(0.99);
    assertThat(forwarder.getDouble("burn_rate")).isEqualTo(2.0);
    assertThat(forwarder.getString("state")).isEqualTo("warn");
  }
}
