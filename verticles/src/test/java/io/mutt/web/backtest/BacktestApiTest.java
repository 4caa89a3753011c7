package io.mutt.web.backtest;

import static io.mutt.testsupport.ApiAssertions.assertError;
import static io.mutt.web.backtest.BacktestWeb.adding;
import static io.mutt.web.backtest.BacktestWeb.rule;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
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

  static BacktestWeb web;
  static final Instant T0 = Instant.parse("2026-01-10T10:00:00Z");

  @BeforeAll
  static void start() {
    web = BacktestWeb.start();
    var pg = web.mutt.app.runtime().pg();
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
    web.close();
  }

  /**
   * Audits events of one host at minutes after {@code start}: {correlation id, message, minute,
   * rule id}.
   */
  static void audit(Instant start, String host, Object[][] events) {
    var pg = web.mutt.app.runtime().pg();
    for (Object[] e : events) {
      pg.preparedQuery(
              "INSERT INTO event_audit_log (event_timestamp, hostname, matched_rule_id,"
                  + " handling_decision, forwarded_to_moog, raw_message, event_id)"
                  + " VALUES ($1, $2, $3, 'Ticket_only', true, $4, $5)")
          .execute(
              Tuple.of(
                  OffsetDateTime.ofInstant(start.plusSeconds(60L * (Integer) e[2]), ZoneOffset.UTC),
                  host,
                  e[3],
                  new JsonObject()
                      .put("hostname", host)
                      .put("message", e[1])
                      .put("_correlation_id", e[0])
                      .encode(),
                  e[0]))
          .await();
    }
  }

  /** A current rule for LINK-UP events (NetOps), made inactive by {@link #deactivate}. */
  static int linkUpRule() {
    return web.mutt
        .app
        .runtime()
        .pg()
        .query(
            "INSERT INTO alert_rules (match_string, match_type, priority, prod_handling,"
                + " dev_handling, team_assignment) VALUES ('LINK-UP', 'contains', 60,"
                + " 'Ticket_only', 'Ignore', 'NetOps') RETURNING id")
        .execute()
        .await()
        .iterator()
        .next()
        .getInteger(0);
  }

  static void deactivate(int id) {
    web.mutt
        .app
        .runtime()
        .pg()
        .preparedQuery("UPDATE alert_rules SET is_active = false WHERE id = $1")
        .execute(Tuple.of(id))
        .await();
  }

  /** A draft that changes demo rule 3 (LINK-DOWN) with these fields. */
  static JsonObject changingLinkDown(JsonObject fields) {
    return new JsonObject()
        .put(
            "rules",
            new JsonObject().put("change", new JsonArray().add(fields.copy().put("id", 3))));
  }

  /** The answer (200) of a backtest of the hour from {@code start}, with up to 100 examples. */
  static JsonObject everyExample(Instant start, JsonObject draft) {
    var res =
        web.backtest(
            new JsonObject()
                .put("since", start.toString())
                .put("until", start.plusSeconds(3600).toString())
                .put("max_examples", 100)
                .put("draft", draft));
    assertThat(res.statusCode()).as(res.bodyAsString()).isEqualTo(200);
    return res.bodyAsJsonObject();
  }

  /** The answer's changes: name → correlation ids of the examples, sorted. */
  static Map<String, List<String>> changes(JsonObject body) {
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
    return got;
  }

  /** The draft side of an example event of a change. */
  static JsonObject after(JsonObject body, String change, String correlationId) {
    return body.getJsonArray("changes").stream()
        .map(o -> (JsonObject) o)
        .filter(c -> c.getString("change").equals(change))
        .flatMap(c -> c.getJsonArray("examples").stream().map(x -> (JsonObject) x))
        .filter(x -> x.getString("correlation_id").equals(correlationId))
        .findFirst()
        .orElseThrow()
        .getJsonObject("after");
  }

  /** A draft outcome of demo rule 3 forwarded with severity Clear. */
  static JsonObject clearedByLinkDown(String state) {
    return new JsonObject()
        .put("rule_id", 3)
        .put("team", "NetOps")
        .put("forwarded", true)
        .putNull("noise")
        .put("delivery", "cleared")
        .put("state", state);
  }

  @Test
  void a_draft_clearing_pattern_turns_link_up_after_link_down_into_cleared_event_by_event() {
    Instant start = T0.plusSeconds(3 * 3600);
    int up = linkUpRule();
    try {
      audit(
          start,
          "r5.example.com",
          new Object[][] {
            {"c1", "LINK-DOWN ge0/1", 1, 3},
            {"c2", "LINK-UP ge0/1", 2, up}, // clears c1
            {"c3", "LINK-UP ge0/1", 3, up}, // nothing open any more
            {"c4", "LINK-UP ge0/2", 4, up}, // nothing open on ge0/2
            {"c5", "LINK-DOWN ge0/2", 5, 3},
            {"c6", "LINK-UP ge0/2", 6, up}, // clears c5
          });
      JsonObject draft =
          changingLinkDown(
              new JsonObject().put("clear_pattern", "LINK-UP").put("clear_key", "(ge\\S+)"));
      JsonObject body = everyExample(start, draft);
      assertThat(body.getLong("events")).isEqualTo(6);
      assertThat(body.getLong("changed")).isEqualTo(4);
      assertThat(changes(body))
          .isEqualTo(
              Map.of(
                  "rule " + up + " → rule 3",
                  List.of("c2", "c3", "c4", "c6"),
                  "forwarded → cleared",
                  List.of("c2", "c6"),
                  "state none → clear",
                  List.of("c2", "c6"),
                  "forwarded → suppressed (nothing to clear)",
                  List.of("c3", "c4"),
                  "state none → nothing to clear",
                  List.of("c3", "c4")));
      assertThat(after(body, "forwarded → cleared", "c2")).isEqualTo(clearedByLinkDown("clear"));
    } finally {
      deactivate(up);
    }
  }

  @Test
  void draft_flap_limits_suppress_a_flapping_interface_and_forward_its_final_state() {
    Instant start = T0.plusSeconds(5 * 3600);
    int up = linkUpRule();
    try {
      audit(
          start,
          "r6.example.com",
          new Object[][] {
            {"f1", "LINK-DOWN ge1", 0, 3}, // change 1: problem
            {"f2", "LINK-UP ge1", 1, up}, // change 2: cleared
            {"f3", "LINK-DOWN ge1", 2, 3}, // change 3 > 2 in 10 min: flapping alert
            {"f4", "LINK-UP ge1", 3, up}, // suppressed
            {"f5", "LINK-DOWN ge1", 4, 3}, // suppressed
            {"f6", "LINK-UP ge1", 5, up}, // suppressed; stable at minute 10: final state clear
            {"f7", "LINK-DOWN ge1", 30, 3}, // settled: a problem again
          });
      JsonObject draft =
          changingLinkDown(
              new JsonObject()
                  .put("clear_pattern", "LINK-UP")
                  .put("clear_key", "(ge\\S+)")
                  .put("flap_threshold", 2)
                  .put("flap_window_minutes", 10)
                  .put("flap_stable_minutes", 5));
      JsonObject body = everyExample(start, draft);
      assertThat(body.getLong("events")).isEqualTo(7);
      assertThat(body.getLong("changed")).isEqualTo(5);
      assertThat(changes(body))
          .isEqualTo(
              Map.of(
                  "rule " + up + " → rule 3",
                  List.of("f2", "f4", "f6"),
                  "forwarded → cleared",
                  List.of("f2", "f6"),
                  "state none → clear",
                  List.of("f2"),
                  "state none → flapping",
                  List.of("f3"),
                  "forwarded → suppressed (flapping)",
                  List.of("f4", "f5"),
                  "state none → suppressed flapping",
                  List.of("f4", "f5"),
                  "state none → final state clear",
                  List.of("f6")));
      assertThat(after(body, "state none → final state clear", "f6"))
          .isEqualTo(clearedByLinkDown("final state clear"));
    } finally {
      deactivate(up);
    }
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
    var res = web.backtestHour(T0, draft);
    assertThat(res.statusCode()).as(res.bodyAsString()).isEqualTo(200);
    JsonObject body = res.bodyAsJsonObject();
    assertThat(body.getLong("events")).isEqualTo(7);
    assertThat(body.getLong("changed")).isEqualTo(5);
    assertThat(changes(body))
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
                .putNull("noise")
                .put("delivery", "forwarded")
                .putNull("state"));
    assertThat(e2.getJsonObject("after"))
        .isEqualTo(
            new JsonObject()
                .put("rule_id", -1)
                .put("team", "DB")
                .put("forwarded", true)
                .putNull("noise")
                .put("delivery", "forwarded")
                .putNull("state"));
  }

  @Test
  void an_empty_draft_changes_nothing_and_bad_drafts_name_the_field() {
    var same = web.backtestHour(T0, new JsonObject());
    assertThat(same.bodyAsJsonObject().getLong("events")).isEqualTo(7);
    assertThat(same.bodyAsJsonObject().getLong("changed")).isZero();
    assertError(
        web.backtest(new JsonObject().put("draft", new JsonObject())),
        400,
        "since is required: 7d, 12h, 30m or an ISO-8601 instant");
    assertError(
        web.backtest(
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
    assertError(
        web.backtest(new JsonObject().put("since", "7d")),
        400,
        "draft must be an object (rules, windows, silences)");
    // a misspelt key is refused, not read as a draft that changes nothing
    assertError(
        web.backtest(
            new JsonObject()
                .put("since", "7d")
                .put("draft", new JsonObject().put("rulez", new JsonObject()))),
        400,
        "draft.rulez is not a draft field (rules, windows, silences)");
    assertError(
        web.backtest(
            new JsonObject()
                .put("since", "7d")
                .put(
                    "draft",
                    new JsonObject()
                        .put("rules", new JsonObject().put("update", new JsonArray())))),
        400,
        "draft.rules.update is not a draft field (add, change, remove)");
  }
}
