package io.mutt.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Thousands of malformed requests (seeded, reproducible with -Dmutt.fuzz.seed=N) through real HTTP:
 * every one is answered 4xx with a JSON reason, never 5xx, and the queue stays empty (DESIGN
 * guarantee 3).
 */
@Timeout(120)
class IngestFuzzTest {

  static final int REQUESTS = Integer.getInteger("mutt.fuzz.requests", 3000);

  @Test
  void malformed_requests_are_all_refused_with_4xx_and_enqueue_nothing() {
    long seed = Long.getLong("mutt.fuzz.seed", System.nanoTime());
    MalformedBodies bodies = new MalformedBodies(seed, 16384, 20);
    try (IngestHttp http =
        new IngestHttp(Map.of("INGEST_MAX_BODY_BYTES", "16384", "INGEST_MAX_BATCH_EVENTS", "20"))) {
      Map<String, Integer> statuses = new TreeMap<>();
      List<String> failures = new ArrayList<>();
      for (int sent = 0; sent < REQUESTS; sent += 32) {
        List<MalformedBodies.Case> cases = new ArrayList<>();
        List<Future<HttpResponse<Buffer>>> answers = new ArrayList<>();
        for (int i = 0; i < Math.min(32, REQUESTS - sent); i++) {
          MalformedBodies.Case c = bodies.next();
          cases.add(c);
          answers.add(
              http.client
                  .postAbs(http.mutt.ingestUrl() + "/api/v2/ingest")
                  .putHeaders(c.headers())
                  .sendBuffer(c.body()));
        }
        Future.join(answers).otherwiseEmpty().await();
        for (int i = 0; i < cases.size(); i++) {
          Future<HttpResponse<Buffer>> a = answers.get(i);
          String kind = cases.get(i).kind().replaceAll(" \\d+$", "");
          if (a.failed()) {
            failures.add(kind + ": " + a.cause());
            continue;
          }
          int status = a.result().statusCode();
          statuses.merge(status + " " + kind, 1, Integer::sum);
          if (status < 400
              || status >= 500
              || a.result().bodyAsJsonObject().getString("message") == null) {
            failures.add(kind + " -> " + status + " " + a.result().bodyAsString());
          }
        }
      }
      System.out.println("fuzz seed " + seed + ": " + statuses);
      assertThat(failures).as("seed %d", seed).isEmpty();
      assertThat(http.xlen()).as("seed %d", seed).isZero();
      assertThat(statuses.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(REQUESTS);
    }
  }
}
