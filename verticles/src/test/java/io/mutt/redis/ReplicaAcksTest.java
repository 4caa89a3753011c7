package io.mutt.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.mutt.testsupport.Eventually;
import io.mutt.testsupport.MuttOnRedis;
import io.mutt.testsupport.RedisServers;
import io.mutt.testsupport.Resources;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * {@code REDIS_MIN_REPLICA_ACKS=1} on a master with one replica (processes started here): ingest
 * answers 200 only once the replica has the events, 503 while the replica does not acknowledge
 * (stopped with SIGSTOP), 200 again when it resumes; with the replica gone, acknowledgements wait
 * for the replicas there are (none), so intake goes on.
 */
@EnabledIf("io.mutt.testsupport.RedisServers#available")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 90)
class ReplicaAcksTest {

  static MuttOnRedis run;

  @BeforeAll
  static void start() {
    RedisServers.Cluster redis = RedisServers.replicated("acks-test-pass-0123");
    run =
        MuttOnRedis.start(
            redis,
            redis.standaloneSettings(),
            "ingest",
            Map.of(
                "REDIS_MIN_REPLICA_ACKS", "1",
                "REDIS_WAIT_TIMEOUT_MS", "300",
                "INGEST_API_KEY", "test-ingest-key-0123456789",
                "DB_HOST", "127.0.0.1"));
  }

  @AfterAll
  static void stop() throws Exception {
    Resources.close(run);
  }

  @Test
  @Order(1)
  void an_event_is_acknowledged_once_the_replica_has_it() {
    // a 503 while the replica link settles after start is the right answer (not yet replicated);
    // the first 200 must come once the replica holds the event
    HttpResponse<Buffer> res =
        io.mutt.testsupport.Eventually.value(
            java.time.Duration.ofSeconds(20),
            "an acknowledged event",
            () -> send("replicated"),
            r -> r.statusCode() != 503);
    assertThat(res.statusCode()).as(res.bodyAsString()).isEqualTo(200);
    assertThat(metric("mutt_redis_wait_seconds_count")).isGreaterThanOrEqualTo(1);
    assertThat(
            run.redis
                .servers()
                .cli(run.redis.ports().get(1), "XLEN", run.mutt.app.runtime().keys().ingestQueue)
                .trim())
        .as("the replica holds the event")
        .isEqualTo(
            run.redis
                .servers()
                .cli(run.redis.ports().get(0), "XLEN", run.mutt.app.runtime().keys().ingestQueue)
                .trim());
  }

  @Test
  @Order(2)
  void a_replica_that_does_not_acknowledge_gets_503_and_a_timeout_counted() {
    double before = metric("mutt_redis_wait_timeouts_total");
    run.redis.servers().freeze(run.redis.ports().get(1), true);
    try {
      HttpResponse<Buffer> res = send("not replicated");
      assertThat(res.statusCode()).as(res.bodyAsString()).isEqualTo(503);
      assertThat(res.bodyAsString()).contains("not yet replicated");
      assertThat(metric("mutt_redis_wait_timeouts_total")).isEqualTo(before + 1);
    } finally {
      run.redis.servers().freeze(run.redis.ports().get(1), false);
    }
    Eventually.until(Duration.ofSeconds(10), "200 again", () -> send("again").statusCode() == 200);
  }

  @Test
  @Order(3)
  void without_replicas_left_intake_goes_on() {
    run.redis.servers().kill(run.redis.ports().get(1));
    Eventually.until(
        Duration.ofSeconds(10),
        "no replica online",
        () -> metric("mutt_redis_replicas_online") == 0);
    HttpResponse<Buffer> res = send("alone");
    assertThat(res.statusCode()).as(res.bodyAsString()).isEqualTo(200);
  }

  private static HttpResponse<Buffer> send(String what) {
    return run.http
        .postAbs(run.mutt.ingestUrl() + "/api/v2/ingest")
        .putHeader("X-API-KEY", "test-ingest-key-0123456789")
        .sendJsonObject(
            new JsonObject()
                .put("hostname", "router1.prod.example.com")
                .put("timestamp", Instant.now().toString())
                .put("message", "ERROR " + what))
        .await();
  }

  private static double metric(String name) {
    String text = run.http.getAbs(run.mutt.ingestUrl() + "/metrics").send().await().bodyAsString();
    return text.lines()
        .filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }
}
