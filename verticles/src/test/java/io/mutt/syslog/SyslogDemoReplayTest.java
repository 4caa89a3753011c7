package io.mutt.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import io.mutt.pipeline.routing.UnhandledSignature;
import io.mutt.pipeline.rules.Severity;
import io.mutt.testsupport.Eventually;
import io.mutt.testsupport.IntakeKit;
import io.mutt.testsupport.MuttTestApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.sqlclient.Row;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo fixture (one record per event) posted over HTTP and replayed as RFC 5424 syslog over UDP
 * gets the same rule decisions: every datagram parsed and queued; for every audited event, the same
 * host, message, rule and handling on both paths; and every event no rule matched counted as
 * unhandled under the same host and message on both paths.
 */
class SyslogDemoReplayTest {

  static MuttTestApp mutt;

  @BeforeAll
  static void start() {
    mutt = MuttTestApp.start("ingest,syslog,alerter", Map.of());
  }

  @AfterAll
  static void stop() {
    mutt.close();
  }

  static JsonArray fixture() throws Exception {
    try (var in =
        SyslogDemoReplayTest.class.getResourceAsStream("/fixtures/demo_syslog_events.json")) {
      return new JsonArray(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  /**
   * The fixture's time with at most 6 fractional digits: its 7-digit fractions (100 ns) are not RFC
   * 5424 TIME-SECFRAC, which a real sender (rsyslog, logger) never emits.
   */
  static String rfc5424Time(String t) {
    return t.replaceFirst("(\\.\\d{6})\\d+", "$1");
  }

  private static double metric(String name) {
    return IntakeKit.listenerCount(mutt.app.runtime(), name, "syslog_udp");
  }

  record Decision(String hostname, String message, Object rule, String handling) {}

  @Test
  void http_and_syslog_give_the_same_decisions() throws Exception {
    JsonArray records = fixture();
    HttpClient http = HttpClient.newHttpClient();
    for (Object o : records) {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(mutt.ingestUrl() + "/api/v2/ingest"))
                  .header("X-API-KEY", "test-ingest-key-0123456789")
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(((JsonObject) o).encode()))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }
    try (DatagramSocket udp = new DatagramSocket()) {
      int i = 0;
      for (Object o : records) {
        JsonObject e = (JsonObject) o;
        Integer sev = Severity.coerce(e.getValue("syslog_severity"));
        int pri = 16 * 8 + (sev == null ? 5 : sev);
        String line =
            "<"
                + pri
                + ">1 "
                + rfc5424Time(e.getString("timestamp"))
                + " "
                + e.getString("hostname")
                + " - - - - "
                + e.getString("message");
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        udp.send(
            new DatagramPacket(
                b, b.length, InetAddress.getLoopbackAddress(), mutt.port("SYSLOG_UDP_PORT")));
        if (++i % 50 == 0) {
          Eventually.pause(20);
        }
      }
    }
    var queued =
        mutt.app.runtime().registry().find("mutt.listener.queued").tag("listener", "syslog_udp");
    Eventually.until(
        Duration.ofSeconds(30),
        "every datagram queued",
        () -> queued.counter() != null && queued.counter().count() == records.size());
    Eventually.until(
        Duration.ofSeconds(60),
        "every event processed by the alerter",
        () ->
            mutt.app.runtime().registry().find("mutt.alerter.events.processed").counters().stream()
                    .mapToDouble(c -> c.count())
                    .sum()
                >= 2 * records.size());
    List<Decision> viaHttp = new ArrayList<>();
    List<Decision> viaSyslog = new ArrayList<>();
    for (Row r :
        mutt.app
            .runtime()
            .pg()
            .query("SELECT raw_message, matched_rule_id, handling_decision FROM event_audit_log")
            .execute()
            .await()) {
      JsonObject e = new JsonObject(r.getString("raw_message"));
      Decision d =
          new Decision(
              e.getString("hostname"),
              e.getString("message"),
              r.getValue("matched_rule_id"),
              r.getString("handling_decision"));
      ("syslog".equals(e.getString("source")) ? viaSyslog : viaHttp).add(d);
    }
    assertThat(viaHttp).isNotEmpty();
    assertThat(viaSyslog).containsExactlyInAnyOrderElementsOf(viaHttp);
    assertThat(metric("mutt.listener.parse.errors")).as("every line parsed").isZero();
    assertThat(metric("mutt.listener.dropped")).as("no datagram dropped").isZero();

    // The events no rule matched: each (hostname, message) is counted as unhandled once per path,
    // so its counter holds twice its unmatched occurrences (a line changed on the way would count
    // under another key, and a missing one would leave the count odd).
    Map<List<String>, Integer> occurrences = new HashMap<>();
    for (Object o : records) {
      JsonObject e = (JsonObject) o;
      occurrences.merge(List.of(e.getString("hostname"), e.getString("message")), 1, Integer::sum);
    }
    Map<List<String>, Integer> auditedHttp = new HashMap<>();
    viaHttp.forEach(d -> auditedHttp.merge(List.of(d.hostname(), d.message()), 1, Integer::sum));
    int unmatched = 0;
    var rt = mutt.app.runtime();
    for (Map.Entry<List<String>, Integer> e : occurrences.entrySet()) {
      int expected = 2 * (e.getValue() - auditedHttp.getOrDefault(e.getKey(), 0));
      unmatched += expected / 2;
      var counted =
          rt.redis()
              .send(
                  Request.cmd(Command.GET)
                      .arg(
                          UnhandledSignature.counterKey(
                              rt.keys().unhandledPrefix, e.getKey().get(0), e.getKey().get(1))))
              .await();
      assertThat(counted == null ? 0 : counted.toInteger())
          .as("unhandled count of %s", e.getKey())
          .isEqualTo(expected);
    }
    assertThat(viaHttp.size() + unmatched)
        .as("every record decided: audited or unhandled")
        .isEqualTo(records.size());
  }
}
