package io.mutt.alerter;

import static io.mutt.alerter.AlerterTestKit.event;
import static io.mutt.alerter.AlerterTestKit.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.sqlclient.Row;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Clearing and flap suppression through the real parts (ADR 0038): rules created through the web
 * API, events through HTTP ingest → Redis → alerter, key state in Redis, audit rows in PostgreSQL,
 * alerts on the alert stream, the event trace.
 */
class AlerterClearingTest {

  @RegisterExtension
  static final AlerterTestKit kit =
      AlerterTestKit.perClass(
          "ingest,alerter,web",
          Map.of("ALERT_COALESCE_WINDOW_SECONDS", "0", "FLAP_SETTLE_CHECK_MS", "200"));

  /** A rule for {@code <tag>-DOWN} messages, cleared by {@code <tag>-UP} on the same interface. */
  private static int linkRule(String tag, JsonObject extra) {
    JsonObject rule =
        new JsonObject()
            .put("match_string", tag + "-DOWN")
            .put("priority", 5)
            .put("prod_handling", "Page_only")
            .put("dev_handling", "Ignore")
            .put("team_assignment", "NETO")
            .put("clear_pattern", tag + "-UP")
            .put("clear_key", "Interface ([^,\\s]+)")
            .mergeIn(extra);
    var res = kit.webApi(HttpMethod.POST, "/api/v2/rules", rule);
    assertThat(res.statusCode()).as(res.bodyAsString()).isEqualTo(201);
    int id = res.bodyAsJsonObject().getInteger("id");
    kit.reloadRules();
    return id;
  }

  /** Posts an event and waits for its audit row (events of a key are decided in order). */
  private static Row send(String host, String message) {
    int before = kit.auditRows(host).size();
    kit.post(event(host, message));
    eventually("audit row of " + message, () -> kit.auditRows(host).size() == before + 1);
    return kit.auditRows(host).get(before);
  }

  private static String correlation(Row row) {
    return new JsonObject(row.getString("raw_message")).getString("_correlation_id");
  }

  @Test
  void a_clearing_event_closes_the_alert_of_its_own_key_with_the_clear_severity() {
    int rule = linkRule("CLR1", new JsonObject());
    String host = "clr-1.example.com";
    Row down = send(host, "%CLR1-DOWN: Interface Gi0/1, changed state to down");
    assertThat(down.getInteger("matched_rule_id")).isEqualTo(rule);
    assertThat(down.getBoolean("forwarded_to_moog")).isTrue();
    assertThat(down.getString("noise_decision")).isEqualTo("problem of key \"Gi0/1\"");

    // another interface of the same host has no open alert: its clear is audited, not forwarded
    Row other = send(host, "%CLR1-UP: Interface Gi0/2, changed state to up");
    assertThat(other.getInteger("matched_rule_id")).isEqualTo(rule);
    assertThat(other.getBoolean("forwarded_to_moog")).isFalse();
    assertThat(other.getString("noise_decision"))
        .isEqualTo("clear of key \"Gi0/2\" not forwarded: no open alert");

    Row up = send(host, "%CLR1-UP: Interface Gi0/1, changed state to up");
    assertThat(up.getBoolean("forwarded_to_moog")).isTrue();
    assertThat(up.getString("noise_decision")).isEqualTo("clear of key \"Gi0/1\" forwarded");

    eventually("two alerts", () -> kit.alerts(host).size() == 2);
    List<JsonObject> alerts = kit.alerts(host);
    assertThat(alerts.get(0).getString("severity")).isEqualTo("Warning");
    JsonObject clear = alerts.get(1);
    assertThat(clear.getString("severity")).isEqualTo("Clear");
    assertThat(io.mutt.pipeline.moog.MoogPayload.severityOf(clear.getString("severity"))).isZero();
    assertThat(clear.getJsonObject("raw_json").getJsonObject("_clearing"))
        .isEqualTo(new JsonObject().put("rule_id", rule).put("key", "Gi0/1"));

    // the event trace shows the decision
    var trace = kit.webApi(HttpMethod.GET, "/api/v2/events/" + correlation(up), null);
    assertThat(trace.statusCode()).as(trace.bodyAsString()).isEqualTo(200);
    assertThat(
            trace
                .bodyAsJsonObject()
                .getJsonArray("audit")
                .getJsonObject(0)
                .getString("noise_decision"))
        .isEqualTo("clear of key \"Gi0/1\" forwarded");

    // a second clear finds nothing open
    Row again = send(host, "%CLR1-UP: Interface Gi0/1, changed state to up");
    assertThat(again.getBoolean("forwarded_to_moog")).isFalse();
  }

  @Test
  void a_flapping_key_sends_one_flapping_alert_then_its_final_state_once_stable() {
    int rule =
        linkRule(
            "FLP1",
            new JsonObject()
                .put("flap_threshold", 2)
                .put("flap_window_minutes", 10)
                .put("flap_stable_minutes", 3));
    String host = "flp-1.example.com";
    String down = "%FLP1-DOWN: Interface Te1/1 down";
    String up = "%FLP1-UP: Interface Te1/1 up";
    assertThat(send(host, down).getBoolean("forwarded_to_moog")).isTrue();
    assertThat(send(host, up).getBoolean("forwarded_to_moog")).isTrue();
    Row third = send(host, down);
    assertThat(third.getBoolean("forwarded_to_moog")).isTrue();
    assertThat(third.getString("noise_decision"))
        .isEqualTo("key \"Te1/1\" flapping: 3 changes in 10 min; flapping alert forwarded");
    Row fourth = send(host, up);
    Row fifth = send(host, down);
    for (Row r : List.of(fourth, fifth)) {
      assertThat(r.getBoolean("forwarded_to_moog")).isFalse();
      assertThat(r.getString("noise_decision")).isEqualTo("suppressed: key \"Te1/1\" is flapping");
    }
    eventually("three alerts", () -> kit.alerts(host).size() == 3);
    JsonObject flapping = kit.alerts(host).get(2);
    assertThat(flapping.getString("severity")).isEqualTo("Warning");
    assertThat(flapping.getJsonObject("raw_json").getJsonObject("_flapping"))
        .isEqualTo(
            new JsonObject()
                .put("rule_id", rule)
                .put("key", "Te1/1")
                .put("changes", 3)
                .put("window_minutes", 10)
                .put("stable_minutes", 3));

    // the key's state is in Redis, shared by every alerter: it is flapping and waits to settle
    KeyStates states = new KeyStates(kit.rt.redis(), kit.rt.keys(), 3_600_000);
    String key = states.keyOf(rule, host, "Te1/1");
    KeyStates.Stored stored = states.read(key).await();
    assertThat(stored.state().flapping()).isTrue();
    assertThat(stored.state().lastEventId()).isEqualTo(fifth.getString("event_id"));
    assertThat(score(key)).isEqualTo(stored.state().lastChangeMs() + 3 * 60_000);
    assertThat(kit.alerts(host)).hasSize(3);

    // three stable minutes pass: the last change is moved back in the shared state
    makeStable(key, stored);
    eventually("the final state", () -> kit.alerts(host).size() == 4);
    JsonObject settled = kit.alerts(host).get(3);
    assertThat(settled.getString("severity")).isEqualTo("Warning");
    assertThat(settled.getString("_event_id")).isEqualTo(fifth.getString("event_id") + ":settled");
    JsonObject marker = settled.getJsonObject("raw_json").getJsonObject("_flapping");
    assertThat(marker.getBoolean("settled")).isTrue();
    assertThat(marker.getString("state")).isEqualTo("problem");
    assertThat(marker.getInteger("suppressed")).isEqualTo(2);
    eventually(
        "the last event's audit row is marked",
        () -> kit.auditRows(host).get(4).getBoolean("forwarded_to_moog"));
    assertThat(kit.auditRows(host).get(4).getString("noise_decision"))
        .isEqualTo(
            "suppressed: key \"Te1/1\" is flapping; stable 3 min, final state problem forwarded");
    assertThat(score(key)).isNull();

    // flapping is off again: the next clear closes the alert at once
    Row clear = send(host, up);
    assertThat(clear.getString("noise_decision")).isEqualTo("clear of key \"Te1/1\" forwarded");
    eventually("the clear", () -> kit.alerts(host).size() == 5);
    assertThat(kit.alerts(host).get(4).getString("severity")).isEqualTo("Clear");
  }

  @Test
  void a_rule_with_flapping_off_forwards_every_change() {
    linkRule("NOF1", new JsonObject().put("flap_threshold", 0));
    String host = "nof-1.example.com";
    for (int i = 0; i < 4; i++) {
      assertThat(
              send(host, "%NOF1-DOWN: Interface Gi1/" + 1 + " down")
                  .getBoolean("forwarded_to_moog"))
          .isTrue();
      assertThat(send(host, "%NOF1-UP: Interface Gi1/" + 1 + " up").getBoolean("forwarded_to_moog"))
          .isTrue();
    }
    eventually("eight alerts", () -> kit.alerts(host).size() == 8);
  }

  private static Double score(String key) {
    Response r =
        kit.rt
            .redis()
            .send(Request.cmd(Command.ZSCORE).arg(kit.rt.keys().flapSettle).arg(key))
            .await();
    return r == null ? null : r.toDouble();
  }

  /** Moves the key's last change back past its stable time, as if the minutes had passed. */
  private static void makeStable(String key, KeyStates.Stored stored) {
    KeyStates states = new KeyStates(kit.rt.redis(), kit.rt.keys(), 3_600_000);
    var s = stored.state();
    var past =
        new io.mutt.pipeline.clearing.KeyState(
            s.problem(),
            s.open(),
            s.flapping(),
            s.changes(),
            s.lastChangeMs() - 3 * 60_000 - 1000,
            s.suppressed(),
            s.lastEventId(),
            s.lastEventTime(),
            s.lastAlert(),
            s.recent());
    assertThat(states.write(key, stored.version(), past, stored.meta(), stored.limits()).await())
        .isTrue();
  }

  @Test
  void consumers_deciding_one_key_at_once_lose_no_update() {
    // six consumers (two JVMs of three, say) each decide a batch of five events of the same key
    String key = "contended-" + System.nanoTime();
    io.mutt.pipeline.clearing.FlapSettings off =
        new io.mutt.pipeline.clearing.FlapSettings(0, 10, 15);
    List<io.vertx.core.Future<List<io.mutt.pipeline.clearing.FlapPolicy.Step>>> all =
        new java.util.ArrayList<>();
    for (int c = 0; c < 6; c++) {
      KeyStates consumer = new KeyStates(kit.rt.redis(), kit.rt.keys(), 3_600_000);
      List<KeyStates.Pending> batch = new java.util.ArrayList<>();
      for (int i = 0; i < 5; i++) {
        batch.add(
            new KeyStates.Pending(
                99, "cas.example.com", key, i % 2 == 1, "c" + c + "-" + i, "t", "{}", off));
      }
      all.add(consumer.apply(batch, System.currentTimeMillis()));
    }
    io.vertx.core.Future.all(all).await();
    KeyStates states = new KeyStates(kit.rt.redis(), kit.rt.keys(), 3_600_000);
    KeyStates.Stored stored = states.read(states.keyOf(99, "cas.example.com", key)).await();
    // one compare-and-set per batch, none lost: the version counts them
    assertThat(stored.version()).isEqualTo("6");
    long decided =
        all.stream()
            .mapToLong(f -> f.result().stream().filter(java.util.Objects::nonNull).count())
            .sum();
    assertThat(decided).isEqualTo(30);
    // every batch ends on a problem, whichever was last; 16 of the 30 events are remembered
    assertThat(stored.state().problem()).isTrue();
    assertThat(stored.state().recent()).hasSize(16);
  }
}
