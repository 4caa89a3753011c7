package io.mutt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web-API commands against a stub server: request shapes (method, path, key, body), text and
 * JSON output, and exit codes. These prove what the CLI sends, not that the real web role answers
 * the same way.
 */
class CliWebApiStubTest {

  StubWebApi api;

  @BeforeEach
  void start() {
    api = new StubWebApi();
  }

  @AfterEach
  void stop() {
    api.close();
  }

  private Cli mutt(String... args) {
    return CliAgainst.run(api.url(), "k-123", args);
  }

  @Test
  void config_list_reads_every_key_with_the_api_key() {
    api.on(
        "GET /api/v1/config",
        200,
        new JsonObject()
            .put(
                "config",
                new JsonObject().put("moog_rate_limit", "50").put("alerter_shed_mode", "dlq")));
    Cli text = mutt("config", "list");
    assertThat(text.exit()).as(text.toString()).isZero();
    assertThat(text.out()).isEqualTo("alerter_shed_mode = dlq\nmoog_rate_limit = 50\n");
    assertThat(api.last().key()).isEqualTo("k-123");

    Cli json = mutt("config", "list", "--json");
    assertThat(json.jsonObject().getJsonObject("config").getString("moog_rate_limit"))
        .isEqualTo("50");
  }

  @Test
  void config_get_prints_one_value_and_exits_1_for_a_missing_key() {
    api.on(
        "GET /api/v1/config",
        200,
        new JsonObject().put("config", new JsonObject().put("moog_rate_limit", "50")));
    Cli found = mutt("config", "get", "moog_rate_limit");
    assertThat(found.exit()).isZero();
    assertThat(found.out().trim()).isEqualTo("50");
    Cli missing = mutt("config", "get", "nope", "--json");
    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.jsonObject().getInteger("exit_code")).isEqualTo(1);
    assertThat(missing.err()).contains("key 'nope' is not set");
  }

  @Test
  void config_set_puts_value_and_reason_to_the_key_path() {
    api.on(
        "PUT /api/v1/config/moog_rate_limit",
        200,
        new JsonObject()
            .put("key", "moog_rate_limit")
            .put("old_value", "50")
            .put("new_value", "80"));
    Cli res = mutt("config", "set", "moog_rate_limit", "80", "--reason", "more throughput");
    assertThat(res.exit()).as(res.toString()).isZero();
    assertThat(res.out().trim()).isEqualTo("moog_rate_limit: 50 -> 80");
    assertThat(api.last().method()).isEqualTo("PUT");
    assertThat(new JsonObject(api.last().body()))
        .isEqualTo(new JsonObject().put("value", "80").put("reason", "more throughput"));
  }

  @Test
  void config_set_refuses_a_bad_key_name_before_calling_the_api() {
    Cli res = mutt("config", "set", "Bad-Key", "1");
    assertThat(res.exit()).isEqualTo(2);
    assertThat(api.seen).isEmpty();
  }

  @Test
  void dlq_list_show_replay_and_purge_use_the_v2_dlq_paths() {
    api.on(
        "GET /api/v2/dlq/alerter",
        200,
        new JsonObject()
            .put("depth", 2)
            .put(
                "entries",
                new JsonArray()
                    .add(new JsonObject().put("hostname", "r1"))
                    .add(new JsonObject().put("hostname", "r2"))));
    api.on("GET /api/v2/dlq/alerter/1", 200, new JsonObject().put("hostname", "r2"));
    api.on("POST /api/v2/dlq/alerter/replay", 200, new JsonObject().put("replayed", 2));
    api.on("POST /api/v2/dlq/moog/purge", 200, new JsonObject().put("purged", 7));

    Cli list = mutt("dlq", "list", "alerter", "--limit", "5");
    assertThat(list.exit()).as(list.toString()).isZero();
    assertThat(list.out())
        .contains("alerter: 2 entries")
        .contains("[0] {\"hostname\":\"r1\"}")
        .contains("[1]");
    assertThat(api.last().uri()).isEqualTo("/api/v2/dlq/alerter?limit=5&offset=0");

    Cli show = mutt("dlq", "show", "alerter", "1", "--json");
    assertThat(show.jsonObject().getString("hostname")).isEqualTo("r2");

    Cli some = mutt("dlq", "replay", "alerter", "--index", "0", "--index", "1");
    assertThat(some.exit()).isZero();
    assertThat(new JsonObject(api.last().body()))
        .isEqualTo(new JsonObject().put("indexes", new JsonArray().add(0).add(1)));
    Cli all = mutt("dlq", "replay", "alerter", "--all");
    assertThat(all.exit()).isZero();
    assertThat(new JsonObject(api.last().body())).isEqualTo(new JsonObject().put("all", true));

    int before = api.seen.size();
    assertThat(mutt("dlq", "purge", "moog").exit()).isEqualTo(2);
    assertThat(api.seen).hasSize(before);
    Cli purge = mutt("dlq", "purge", "moog", "--yes", "--json");
    assertThat(purge.exit()).isZero();
    assertThat(purge.jsonObject().getInteger("purged")).isEqualTo(7);
    assertThat(api.last().uri()).isEqualTo("/api/v2/dlq/moog/purge");
  }

  @Test
  void dlq_list_without_a_name_shows_the_depth_of_all_three() {
    for (String n : new String[] {"alerter", "moog", "dead"}) {
      api.on(
          "GET /api/v2/dlq/" + n,
          200,
          new JsonObject().put("depth", n.length()).put("entries", new JsonArray()));
    }
    Cli res = mutt("dlq", "list", "--json");
    assertThat(res.exit()).as(res.toString()).isZero();
    assertThat(res.jsonObject().getJsonObject("depths"))
        .isEqualTo(new JsonObject().put("alerter", 7).put("moog", 4).put("dead", 4));
  }

  @Test
  void dlq_commands_refuse_unknown_names_and_replay_needs_a_choice() {
    assertThat(mutt("dlq", "list", "bogus").exit()).isEqualTo(2);
    assertThat(mutt("dlq", "replay", "alerter").exit()).isEqualTo(2);
    assertThat(api.seen).isEmpty();
  }

  @Test
  void rules_test_posts_the_events_of_the_file_and_prints_the_matched_rule(@TempDir Path dir)
      throws Exception {
    api.on(
        "POST /api/v2/rules/test",
        200,
        new JsonObject()
            .put(
                "results",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("index", 0)
                            .put("hostname", "router1")
                            .put("rule_id", 3)
                            .put("handling", "Page_and_ticket")
                            .put("forwarded", true))
                    .add(
                        new JsonObject().put("index", 1).put("hostname", "x").putNull("rule_id"))));
    Path one = dir.resolve("event.json");
    Files.writeString(
        one, new JsonObject().put("hostname", "router1").put("message", "LINK-DOWN").encode());
    Cli res = mutt("rules", "test", "--file", one.toString());
    assertThat(res.exit()).as(res.toString()).isZero();
    assertThat(new JsonObject(api.last().body()).getJsonArray("events")).hasSize(1);
    assertThat(res.out())
        .contains("#0 router1: rule 3, handling Page_and_ticket, forwarded to Moogsoft")
        .contains("#1 x: no rule matches (unhandled)");

    Path many = dir.resolve("events.json");
    Files.writeString(
        many,
        new JsonArray().add(new JsonObject().put("message", "a")).add(new JsonObject()).encode());
    Cli json = mutt("rules", "test", "-f", many.toString(), "--json");
    assertThat(new JsonObject(api.last().body()).getJsonArray("events")).hasSize(2);
    assertThat(json.jsonObject().getJsonArray("results")).hasSize(2);

    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, "{not json");
    assertThat(mutt("rules", "test", "-f", bad.toString()).exit()).isEqualTo(2);
  }

  @Test
  void tail_prints_each_server_sent_event_and_stops_after_count() {
    api.onEvents(
        "/api/v2/live",
        "data: {\"type\":\"ingest\",\"hostname\":\"r1\"}\n\n"
            + ": keep-alive\n\ndata: {\"type\":\"alert\",\"rule_id\":3}\n\ndata: {\"type\":\"dlq\",\"dlq\":\"moog\"}\n\n");
    Cli two = mutt("tail", "--count", "2");
    assertThat(two.exit()).as(two.toString()).isZero();
    assertThat(two.out().lines()).containsExactly("ingest    hostname=r1", "alert     rule_id=3");

    Cli raw = mutt("tail", "--json", "--type", "dlq");
    assertThat(raw.out().lines()).containsExactly("{\"type\":\"dlq\",\"dlq\":\"moog\"}");
  }

  @Test
  void a_refused_key_exits_2_and_a_server_error_exits_1_with_the_servers_reason() {
    api.on("GET /api/v1/config", 401, new JsonObject().put("error", "Unauthorized"));
    Cli refused = mutt("config", "list");
    assertThat(refused.exit()).isEqualTo(2);
    assertThat(refused.err()).contains("refused the API key");

    api.on(
        "GET /api/v1/config",
        503,
        new JsonObject().put("error", "Dynamic configuration not available"));
    Cli failed = mutt("config", "list", "--json");
    assertThat(failed.exit()).isEqualTo(1);
    assertThat(failed.jsonObject().getString("error"))
        .isEqualTo("HTTP 503: Dynamic configuration not available");
  }
}
