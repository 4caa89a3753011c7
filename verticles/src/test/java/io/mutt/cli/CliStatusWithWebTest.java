package io.mutt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mutt.testsupport.MuttTestApp;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code mutt status} against a running MUTT with its web role and no {@code --redis-host}: what no
 * metric carries, the depth of the final {@code dead} DLQ, comes from the web API.
 */
class CliStatusWithWebTest {

  static MuttTestApp mutt;

  @BeforeAll
  static void start() {
    mutt = MuttTestApp.start("ingest,web", Map.of());
  }

  @AfterAll
  static void stop() {
    mutt.close();
  }

  private static String[] status(String... extra) {
    List<String> args = new ArrayList<>(List.of(extra));
    args.addAll(List.of("--api-key", mutt.settings.get("WEBUI_API_KEY")));
    return StatusArgs.of(mutt, args.toArray(String[]::new));
  }

  @Test
  void the_dead_letter_depth_is_reported_without_redis_access() {
    var rt = mutt.app.runtime();
    rt.redis()
        .send(Request.cmd(Command.LPUSH).arg(rt.keys().deadLetters).arg("{\"a\":1}").arg("{}"))
        .await();

    Cli res = Cli.run(status("--json"));
    assertThat(res.exit()).as(res.toString()).isZero();
    JsonObject dlq = res.jsonObject().getJsonObject("dlq");
    assertThat(dlq.getLong("dead")).as(res.toString()).isEqualTo(2);

    assertThat(Cli.run(status()).out()).containsPattern("dlq\\s+alerter \\S+, moog \\S+, dead 2");
  }
}
