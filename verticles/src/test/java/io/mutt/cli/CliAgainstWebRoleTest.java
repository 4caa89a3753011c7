package io.mutt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web-API commands of the CLI against the real web role (real PostgreSQL and Redis, demo
 * rules).
 */
class CliAgainstWebRoleTest extends WebRoleCliTest {

  @Test
  void config_set_then_get_and_list_round_trip_through_the_api() {
    Cli set = cli("config", "set", "moog_rate_limit", "75", "--reason", "cli test");
    assertThat(set.exit()).as(set.toString()).isZero();
    Cli get = cli("config", "get", "moog_rate_limit");
    assertThat(get.exit()).as(get.toString()).isZero();
    assertThat(get.out().trim()).isEqualTo("75");
    Cli list = cli("config", "list", "--json");
    assertThat(list.jsonObject().getJsonObject("config").getString("moog_rate_limit"))
        .isEqualTo("75");
  }

  @Test
  void rules_test_reports_the_matching_demo_rule(@TempDir Path dir) throws Exception {
    Path event = dir.resolve("event.json");
    Files.writeString(
        event,
        new JsonObject()
            .put("hostname", "router1.prod.example.com")
            .put("message", "ERROR on Gi0/1")
            .put("timestamp", "2026-01-01T00:00:00Z")
            .encode());
    Cli res = cli("rules", "test", "--file", event.toString(), "--json");
    assertThat(res.exit()).as(res.toString()).isZero();
    JsonObject first = res.jsonObject().getJsonArray("results").getJsonObject(0);
    assertThat(first.getInteger("rule_id")).isEqualTo(2);
    assertThat(first.getString("handling")).isEqualTo("Ticket_only");
    assertThat(first.getBoolean("forwarded")).isTrue();
  }

  @Test
  void dlq_list_show_and_replay_move_an_entry_back_to_the_ingest_stream() {
    var rt = mutt.app.runtime();
    String entry =
        new JsonObject()
            .put("hostname", "h")
            .put("message", "m")
            .put("timestamp", "2026-01-01T00:00:00Z")
            .put("dlq_reason", "poison")
            .put("failed_at", "2026-01-01T00:00:01Z")
            .encode();
    rt.redis().send(Request.cmd(Command.LPUSH).arg(rt.keys().alerterDlq).arg(entry)).await();
    Cli list = cli("dlq", "list", "alerter", "--json");
    assertThat(list.exit()).as(list.toString()).isZero();
    assertThat(list.out()).contains("poison");
    Cli show = cli("dlq", "show", "alerter", "0");
    assertThat(show.exit()).as(show.toString()).isZero();
    assertThat(show.out()).contains("poison");
    long before =
        rt.redis().send(Request.cmd(Command.XLEN).arg(rt.keys().ingestQueue)).await().toLong();
    Cli replay = cli("dlq", "replay", "alerter", "--all");
    assertThat(replay.exit()).as(replay.toString()).isZero();
    assertThat(
            rt.redis().send(Request.cmd(Command.LLEN).arg(rt.keys().alerterDlq)).await().toLong())
        .isZero();
    assertThat(
            rt.redis().send(Request.cmd(Command.XLEN).arg(rt.keys().ingestQueue)).await().toLong())
        .isEqualTo(before + 1);
  }

  @Test
  void a_wrong_key_exits_with_the_usage_code() {
    Cli res = Cli.run("config", "list", "--url", mutt.webUrl(), "--api-key", "wrong");
    assertThat(res.exit()).isEqualTo(2);
  }
}
