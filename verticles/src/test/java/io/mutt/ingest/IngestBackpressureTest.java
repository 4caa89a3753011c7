package io.mutt.ingest;

import static io.mutt.ingest.IngestHttp.EVENT;
import static io.mutt.ingest.IngestHttp.KEY;
import static org.assertj.core.api.Assertions.assertThat;

import io.mutt.testsupport.Eventually;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** ADR 0007: the queue cap (503), the shared rate limit (429) and Redis failures (503). */
@Timeout(60)
class IngestBackpressureTest {

  private static List<HttpResponse<Buffer>> concurrently(IngestHttp http, int n, String body) {
    List<Future<HttpResponse<Buffer>>> all = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      all.add(
          http.client
              .postAbs(http.mutt.ingestUrl() + "/api/v2/ingest")
              .putHeader("X-API-KEY", KEY)
              .sendBuffer(Buffer.buffer(body)));
    }
    Future.join(all).await();
    return all.stream().map(Future::result).toList();
  }

  private static long count(List<HttpResponse<Buffer>> responses, int status) {
    return responses.stream().filter(r -> r.statusCode() == status).count();
  }

  @Test
  void at_the_cap_requests_are_refused_with_503_and_retry_after_and_nothing_more_is_queued()
      throws Exception {
    try (IngestHttp http = new IngestHttp(Map.of())) {
      http.rt().dynamic().set("max_ingest_queue_size", "5").await();
      for (int i = 0; i < 4; i++) {
        http.redis(
            Request.cmd(Command.XADD)
                .arg(http.rt().keys().ingestQueue)
                .arg("*")
                .arg("e")
                .arg("{}"));
      }
      awaitSampledDepth(http, 4);
      HttpResponse<Buffer> batch = http.ingest("[" + EVENT + "," + EVENT + "]");
      assertThat(batch.statusCode())
          .as("a batch that does not fit is refused whole")
          .isEqualTo(503);
      assertThat(http.xlen()).isEqualTo(4);
      HttpResponse<Buffer> last = http.ingest(EVENT);
      assertThat(last.statusCode()).isEqualTo(200);
      assertThat(last.bodyAsJsonObject().getLong("queue_depth")).isEqualTo(5);
      double before = http.requests("fail", "queue_full");

      HttpResponse<Buffer> full = http.ingest(EVENT);
      assertThat(full.statusCode()).isEqualTo(503);
      assertThat(full.getHeader("Retry-After")).isEqualTo("1");
      JsonObject body = full.bodyAsJsonObject();
      assertThat(body.getString("message")).isEqualTo("Service Unavailable - queue full");
      assertThat(body.getLong("queue_depth")).isGreaterThanOrEqualTo(5);
      assertThat(body.getLong("queue_limit")).isEqualTo(5);
      assertThat(count(concurrently(http, 20, EVENT), 503)).isEqualTo(20);
      assertThat(http.xlen()).isEqualTo(5);
      assertThat(http.requests("fail", "queue_full")).isEqualTo(before + 21);
    }
  }

  /**
   * Waits (at most 2 s, polling) until the sampled depth gauge shows {@code depth}: the ledger is
   * then exact.
   */
  private static void awaitSampledDepth(IngestHttp http, long depth) {
    Eventually.until(
        Duration.ofSeconds(2),
        "queue depth sample " + depth,
        () -> IngestHttp.sample(http.scrape(), "mutt_ingest_queue_depth") == depth);
  }

  @Test
  void a_redis_write_error_is_503_redis_and_not_a_500() {
    try (IngestHttp http = new IngestHttp(Map.of())) {
      String stream = http.rt().keys().ingestQueue;
      http.redis(Request.cmd(Command.DEL).arg(stream));
      http.redis(Request.cmd(Command.SET).arg(stream).arg("not a stream"));
      HttpResponse<Buffer> res = http.ingest(EVENT);
      assertThat(res.statusCode()).isEqualTo(503);
      assertThat(res.getHeader("Retry-After")).isEqualTo("1");
      assertThat(res.bodyAsJsonObject().getString("message"))
          .isEqualTo("Service Unavailable - Redis error");
      assertThat(http.requests("fail", "redis")).isEqualTo(1.0);
      http.redis(Request.cmd(Command.DEL).arg(stream));
      assertThat(http.ingest(EVENT).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void the_rate_limit_is_shared_by_two_verticle_instances_and_refuses_without_enqueuing() {
    try (IngestHttp http =
        new IngestHttp(
            Map.of(
                "RATE_LIMIT_ENABLED",
                "true",
                "INGEST_MAX_RATE",
                "20",
                "INGEST_RATE_WINDOW",
                "60",
                "INGEST_INSTANCES",
                "2"))) {
      List<HttpResponse<Buffer>> responses = concurrently(http, 32, EVENT);
      assertThat(count(responses, 200)).isEqualTo(20);
      assertThat(count(responses, 429)).isEqualTo(12);
      HttpResponse<Buffer> refused =
          responses.stream().filter(r -> r.statusCode() == 429).findFirst().orElseThrow();
      assertThat(refused.getHeader("Retry-After")).isEqualTo("60");
      JsonObject body = refused.bodyAsJsonObject();
      assertThat(body.getString("message")).isEqualTo("Too Many Requests - rate limit exceeded");
      assertThat(body.getLong("retry_after")).isEqualTo(60);
      assertThat(body.getString("correlation_id")).isNotBlank();
      assertThat(http.xlen()).isEqualTo(20);
      String window = http.rt().keys().ingestRateLimit;
      assertThat(http.redis(Request.cmd(Command.ZCARD).arg(window)).toLong()).isEqualTo(20);
      assertThat(http.redis(Request.cmd(Command.PTTL).arg(window)).toLong())
          .isBetween(55_000L, 61_000L);
      String metrics = http.scrape();
      assertThat(IngestHttp.sample(metrics, "mutt_ingest_rate_limit_hits_total")).isEqualTo(12.0);
      assertThat(IngestHttp.sample(metrics, "mutt_ingest_requests_total", "reason=\"rate_limit\""))
          .isEqualTo(12.0);
    }
  }

  @Test
  void the_rate_limit_is_shared_by_two_processes_on_one_redis_and_counts_batch_events() {
    try (IngestHttp a =
        new IngestHttp(Map.of("RATE_LIMIT_ENABLED", "true", "INGEST_MAX_RATE", "15"))) {
      try (IngestHttp b =
          new IngestHttp(
              Map.of(
                  "RATE_LIMIT_ENABLED",
                  "true",
                  "INGEST_MAX_RATE",
                  "15",
                  "MUTT_KEY_PREFIX",
                  a.mutt.settings.get("MUTT_KEY_PREFIX")))) {
        assertThat(count(concurrently(a, 10, EVENT), 200)).isEqualTo(10);
        assertThat(
                b.ingest(
                        "[" + EVENT + "," + EVENT + "," + EVENT + "," + EVENT + "," + EVENT + ","
                            + EVENT + "]")
                    .statusCode())
            .as("6 events do not fit in the 5 places left")
            .isEqualTo(429);
        assertThat(count(concurrently(b, 8, EVENT), 200)).isEqualTo(5);
        assertThat(a.ingest(EVENT).statusCode()).isEqualTo(429);
        assertThat(a.xlen()).isEqualTo(15);
      }
    }
  }

  @Test
  void events_older_than_the_window_no_longer_count() {
    try (IngestHttp http =
        new IngestHttp(
            Map.of(
                "RATE_LIMIT_ENABLED",
                "true",
                "INGEST_MAX_RATE",
                "3",
                "INGEST_RATE_WINDOW",
                "60"))) {
      String window = http.rt().keys().ingestRateLimit;
      double old = System.currentTimeMillis() / 1000.0 - 61;
      http.redis(
          Request.cmd(Command.ZADD)
              .arg(window)
              .arg(old)
              .arg("a")
              .arg(old)
              .arg("b")
              .arg(old)
              .arg("c"));
      assertThat(http.ingest(EVENT).statusCode()).isEqualTo(200);
      assertThat(http.redis(Request.cmd(Command.ZCARD).arg(window)).toLong()).isEqualTo(1);
    }
  }

  @Test
  void a_broken_limiter_key_lets_events_through() {
    try (IngestHttp http =
        new IngestHttp(Map.of("RATE_LIMIT_ENABLED", "true", "INGEST_MAX_RATE", "1"))) {
      http.redis(
          Request.cmd(Command.SET).arg(http.rt().keys().ingestRateLimit).arg("not a sorted set"));
      assertThat(http.ingest(EVENT).statusCode()).isEqualTo(200);
      assertThat(http.ingest(EVENT).statusCode()).isEqualTo(200);
      assertThat(http.xlen()).isEqualTo(2);
    }
  }
}
