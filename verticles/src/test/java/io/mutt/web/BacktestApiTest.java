package io.mutt.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.mutt.testsupport.MuttTestApp;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The backtest through a real web role and PostgreSQL: audited events of a range are replayed with
 * the demo rules and with a draft, and the diff is checked event by event against a hand-computed
 * expectation.
 */
class BacktestApiTest {

  static MuttTestApp mutt;
  static Vertx vertx;
  static WebClient client;
  static final Instant T0 = Instant.parse("2026-01-10T10:00:00Z");

  @BeforeAll
  static void start() {
    mutt = MuttTestApp.start("web", Map.of());
    vertx = Vertx.vertx();
    client = WebClient.create(vertx);
    var pg = mutt.app.runtime().pg();
    pg.query("SELECT create_monthly_partition(DATE '2026-01-01')").execute().await();
    // the demo rules: 1 CRITICAL (NETO), 2 ERROR (NETO), 3 LINK-DOWN (NetOps), 4 DOT1X (Security)
    Object[][] events = {
      {"e1", "r1.example.com", "ERROR a", 1, 2},
      {"e2", "r2.example.com", "ERROR b", 2, 2},
      {"e3", "r1.example.com", "CRITICAL c", 3, 1},
      {"e4", "dev-router1", "ERROR d", 4, 2},
      {"e5", "r3.example.com", "DOT1X-FIRMWARE-RUNNING x", 5, 4},
      {"e6", "r1.example.com", "ERROR late", 50, 2},
      {"e7", "r4.example.com", "LINK-DOWN ge0", 6, 3},
      // outside the range
      {"e8", "r1.example.com", "ERROR outside", 90, 2},
    };
    for (Object[] e : events) {
      String raw =
          new JsonObject()
              .put("hostname", e[1])
              .put("message", e[2])
              .put("_correlation_id", e[0])
              .encode();
      pg.preparedQuery(
              "INSERT INTO event_audit_log (event_timestamp, hostname, matched_rule_id,"
                  + " handling_decision, forwarded_to_moog, raw_message, event_id)"
                  + " VALUES ($1, $2, $3, 'x', true, $4, $5)")
          .execute(
              Tuple.of(
                  OffsetDateTime.ofInstant(T0.plusSeconds(60L * (Integer) e[3]), ZoneOffset.UTC),
                  e[1],
                  e[4],
                  raw,
                  e[0]))
          .await();
    }
  }

  @AfterAll
  static void stop() {
    client.close();
    vertx.close();
    mutt.close();
  }

  static HttpResponse<io.vertx.core.buffer.Buffer> backtest(JsonObject body) {
    return client
        .postAbs(mutt.webUrl() + "/api/v2/backtest")
        .putHeader("X-API-KEY", "test-webui-key-0123456789")
        .sendJsonObject(body)
        .await();
  }

  /** A backtest of the hour from {@code since} with the draft. */
  static HttpResponse<io.vertx.core.buffer.Buffer> backtestHour(Instant since, JsonObject draft) {
    return backtest(
        new JsonObject()
            .put("since", since.toString())
            .put("until", since.plusSeconds(3600).toString())
            .put("draft", draft));
  }

  /** A draft rule. */
  static JsonObject rule(String match, String prod, String dev, String team) {
    return new JsonObject()
        .put("match_string", match)
        .put("prod_handling", prod)
        .put("dev_handling", dev)
        .put("team_assignment", team);
  }

  /** A draft's rule changes that add these rules. */
  static JsonObject adding(JsonObject... rules) {
    return new JsonObject().put("add", new JsonArray(List.of((Object[]) rules)));
  }

  @Test
  void the_diff_matches_the_hand_computed_one_event_by_event() {
    JsonObject draft =
        new JsonObject()
            .put(
                "rules",
                adding(rule("ERROR b", "Page_only", "Ignore", "DB").put("priority", 1))
                    .put(
                        "change",
                        new JsonArray()
                            .add(new JsonObject().put("id", 4).put("team_assignment", "SecOps")))
                    .put("remove", new JsonArray().add(3)))
            .put(
                "silences",
                new JsonObject()
                    .put(
                        "add",
                        new JsonArray()
                            .add(
                                new JsonObject()
                                    .put(
                                        "matchers",
                                        new JsonArray()
                                            .add(
                                                new JsonObject()
                                                    .put("kind", "hostname")
                                                    .put("value", "r1.example.com")))
                                    .put("starts_at", T0.toString())
                                    .put("expires_at", T0.plusSeconds(1800).toString()))));
    var res = backtestHour(T0, draft);
    assertThat(res.statusCode()).as(res.bodyAsString()).isEqualTo(200);
    JsonObject body = res.bodyAsJsonObject();
    assertThat(body.getLong("events")).isEqualTo(7);
    assertThat(body.getLong("changed")).isEqualTo(5);
    Map<String, List<String>> got = new HashMap<>();
    for (Object o : body.getJsonArray("changes")) {
      JsonObject c = (JsonObject) o;
      List<String> ids =
          c.getJsonArray("examples").stream()
              .map(x -> ((JsonObject) x).getString("correlation_id"))
              .sorted()
              .collect(Collectors.toList());
      assertThat(c.getLong("count")).isEqualTo(ids.size());
      got.put(c.getString("change"), ids);
    }
    assertThat(got)
        .isEqualTo(
            Map.of(
                "forwarded → suppressed", List.of("e1", "e3"),
                "noise none → suppressed by silence -1", List.of("e1", "e3"),
                "rule 2 → rule -1", List.of("e2"),
                "team NETO → team DB", List.of("e2"),
                "team Security → team SecOps", List.of("e5"),
                "handled → unhandled", List.of("e7")));
    JsonObject e2 =
        body.getJsonArray("changes").stream()
            .map(o -> (JsonObject) o)
            .filter(c -> c.getString("change").equals("rule 2 → rule -1"))
            .findFirst()
            .orElseThrow()
            .getJsonArray("examples")
            .getJsonObject(0);
    assertThat(e2.getJsonObject("before"))
        .isEqualTo(
            new JsonObject()
                .put("rule_id", 2)
                .put("team", "NETO")
                .put("forwarded", true)
                .putNull("noise"));
    assertThat(e2.getJsonObject("after"))
        .isEqualTo(
            new JsonObject()
                .put("rule_id", -1)
                .put("team", "DB")
                .put("forwarded", true)
                .putNull("noise"));
  }

  @Test
  void
      unmatched_events_recorded_with_audit_unhandled_are_replayed_and_the_share_seen_is_reported() {
    var rt = mutt.app.runtime();
    Instant hour =
        Instant.now().truncatedTo(java.time.temporal.ChronoUnit.HOURS).minusSeconds(3600);
    rt.pg()
        .preparedQuery("SELECT create_monthly_partition($1::date)")
        .execute(Tuple.of(java.time.LocalDate.ofInstant(hour, ZoneOffset.UTC)))
        .await();
    Object[][] events = {
      {"u1", "ERROR one", 2}, {"u2", "WIDGET-JAMMED x", null}, {"u3", "CRITICAL two", 1}
    };
    int i = 0;
    for (Object[] e : events) {
      rt.pg()
          .preparedQuery(
              "INSERT INTO event_audit_log (event_timestamp, hostname, matched_rule_id,"
                  + " handling_decision, forwarded_to_moog, raw_message, event_id)"
                  + " VALUES ($1, 'u.example.com', $2, $3, $4, $5, $6)")
          .execute(
              Tuple.of(
                  OffsetDateTime.ofInstant(hour.plusSeconds(60L * ++i), ZoneOffset.UTC),
                  e[2],
                  e[2] == null ? "unhandled" : "Ticket_only",
                  e[2] != null,
                  new JsonObject()
                      .put("hostname", "u.example.com")
                      .put("message", e[1])
                      .put("_correlation_id", e[0])
                      .encode(),
                  e[0]))
          .await();
    }
    // ingest accepted 12 events in that hour: the backtest saw a quarter of them
    rt.redis()
        .send(
            io.vertx.redis.client.Request.cmd(io.vertx.redis.client.Command.SET)
                .arg(rt.keys().counters.hour(hour))
                .arg(12))
        .await();
    JsonObject draft =
        new JsonObject()
            .put("rules", adding(rule("WIDGET-JAMMED", "Ticket_only", "Ignore", "Plant")));
    var res = backtestHour(hour, draft);
    assertThat(res.statusCode()).as(res.bodyAsString()).isEqualTo(200);
    JsonObject body = res.bodyAsJsonObject();
    assertThat(body.getLong("events")).isEqualTo(3);
    JsonObject change = body.getJsonArray("changes").getJsonObject(0);
    assertThat(change.getString("change")).isEqualTo("unhandled → handled");
    assertThat(change.getJsonArray("examples").getJsonObject(0).getString("correlation_id"))
        .isEqualTo("u2");
    JsonObject coverage = body.getJsonObject("coverage");
    assertThat(coverage.getLong("replayed")).isEqualTo(3);
    assertThat(coverage.getLong("unmatched_recorded")).isEqualTo(1);
    assertThat(coverage.getLong("accepted_estimate")).isEqualTo(12);
    assertThat(coverage.getDouble("share")).isEqualTo(0.25);
  }

  @Test
  void an_empty_draft_changes_nothing_and_bad_drafts_name_the_field() {
    var same = backtestHour(T0, new JsonObject());
    assertThat(same.bodyAsJsonObject().getLong("events")).isEqualTo(7);
    assertThat(same.bodyAsJsonObject().getLong("changed")).isZero();
    RulesApiTest.assertError(
        backtest(new JsonObject().put("draft", new JsonObject())),
        400,
        "since is required: 7d, 12h, 30m or an ISO-8601 instant");
    RulesApiTest.assertError(
        backtest(
            new JsonObject()
                .put("since", "7d")
                .put(
                    "draft",
                    new JsonObject()
                        .put(
                            "rules",
                            new JsonObject()
                                .put(
                                    "change",
                                    new JsonArray().add(new JsonObject().put("id", 999)))))),
        400,
        "draft.rules.change[0].id must name an active rule");
    RulesApiTest.assertError(
        backtest(new JsonObject().put("since", "7d")),
        400,
        "draft must be an object (rules, windows, silences)");
  }
}
