package io.mutt.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.mutt.testsupport.MuttTestApp;
import io.mutt.testsupport.Resources;
import io.mutt.testsupport.TestHttp;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class IngestSmokeTest {

  static MuttTestApp mutt;
  static TestHttp web;
  static WebClient client;

  @BeforeAll
  static void start() {
    mutt = MuttTestApp.start("ingest", Map.of());
    web = new TestHttp();
    client = web.client;
  }

  @AfterAll
  static void stop() throws Exception {
    Resources.close(web, mutt);
  }

  @Test
  void a_valid_event_is_queued_durably_before_the_200_answer() {
    var res =
        client
            .postAbs(mutt.ingestUrl() + "/api/v2/ingest")
            .putHeader("X-API-KEY", "test-ingest-key-0123456789")
            .sendJsonObject(
                new JsonObject()
                    .put("hostname", "r1")
                    .put("message", "ERROR boom")
                    .put("timestamp", "2025-11-11T16:34:50.6449285Z"))
            .await();
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(res.bodyAsJsonObject().getString("status")).isEqualTo("queued");
    var len =
        mutt.app
            .runtime()
            .redis()
            .send(Request.cmd(Command.XLEN).arg(mutt.app.runtime().keys().ingestQueue))
            .await();
    assertThat(len.toLong()).isEqualTo(1);
  }

  @Test
  void a_wrong_key_is_refused_with_401() {
    var res =
        client
            .postAbs(mutt.ingestUrl() + "/ingest")
            .putHeader("X-API-KEY", "nope")
            .sendJsonObject(new JsonObject().put("hostname", "r1"))
            .await();
    assertThat(res.statusCode()).isEqualTo(401);
    assertThat(res.bodyAsJsonObject().getString("message")).isEqualTo("Unauthorized");
  }
}
