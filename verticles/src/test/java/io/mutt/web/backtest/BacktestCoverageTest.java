package io.mutt.web.backtest;

import static io.mutt.web.backtest.BacktestWeb.adding;
import static io.mutt.web.backtest.BacktestWeb.rule;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The backtest's coverage through a real web role, PostgreSQL and Redis: how many of the range's
 * accepted events (ingest's hour counters) it replayed, including unmatched events audited with
 * {@code audit_unhandled}, and the running hour of a range that ends now.
 */
class BacktestCoverageTest {

  static BacktestWeb web;

  @BeforeAll
  static void start() {
    web = BacktestWeb.start();
  }

  @AfterAll
  static void stop() {
    web.close();
  }

  @Test
  void
      unmatched_events_recorded_with_audit_unhandled_are_replayed_and_the_share_seen_is_reported() {
    var rt = web.mutt.app.runtime();
    Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS).minusSeconds(3600);
    rt.pg()
        .preparedQuery("SELECT create_monthly_partition($1::date)")
        .execute(Tuple.of(LocalDate.ofInstant(hour, ZoneOffset.UTC)))
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
    web.acceptedInHour(hour, 12);
    JsonObject draft =
        new JsonObject()
            .put("rules", adding(rule("WIDGET-JAMMED", "Ticket_only", "Ignore", "Plant")));
    var res = web.backtestHour(hour, draft);
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
  void a_range_ending_now_estimates_the_running_hour_from_its_whole_count() {
    Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
    // ingest accepted 8 events so far this hour; the range is this hour up to now
    web.acceptedInHour(hour, 8);
    var res =
        web.backtest(
            new JsonObject()
                .put("since", hour.toString())
                .put("draft", new JsonObject().put("rules", new JsonObject())));
    assertThat(res.statusCode()).as(res.bodyAsString()).isEqualTo(200);
    assertThat(res.bodyAsJsonObject().getJsonObject("coverage").getLong("accepted_estimate"))
        .isEqualTo(8);
  }
}
