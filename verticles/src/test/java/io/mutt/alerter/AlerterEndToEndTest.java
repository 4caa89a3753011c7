package io.mutt.alerter;

import static io.mutt.alerter.AlerterTestKit.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.mutt.testsupport.StandIn;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Ingest → alerter → forwarder → Moogsoft stand-in, with the sample rules and the spec's test
 * fixture.
 */
class AlerterEndToEndTest {

  @RegisterExtension
  static final AlerterTestKit kit =
      AlerterTestKit.perClass(
          "ingest,alerter,forwarder",
          // the fixture repeats hosts: one alert per event here (coalescing is tested apart)
          Map.of("ALERT_COALESCE_WINDOW_SECONDS", "0"));

  static StandIn moog;

  @BeforeAll
  static void start() {
    moog = kit.mutt.standIn();
  }

  @AfterAll
  static void stop() {
    moog.close();
  }

  @Test
  void the_fixture_reaches_the_stand_in_as_six_alerts_each_audited_once() {
    JsonArray events = AlerterTestKit.fixture("test_data_syslog_events.json");
    Set<String> hosts = new HashSet<>();
    for (Object o : events) {
      hosts.add(((JsonObject) o).getString("hostname"));
      kit.post((JsonObject) o);
    }
    eventually("6 alerts at the stand-in", () -> moog.count() >= 6);
    eventually(
        "queues drained",
        () ->
            kit.streamLength(kit.rt.keys().ingestQueue) == 0
                && kit.streamLength(kit.rt.keys().alertQueue) == 0);
    assertThat(moog.count()).isEqualTo(6);
    List<JsonObject> received =
        moog.eventsWithMeta(100).stream()
            .map(o -> ((JsonObject) o).getJsonObject("event"))
            .toList();
    assertThat(received)
        .allSatisfy(
            e -> {
              assertThat(e.getString("class")).isEqualTo("NETO");
              assertThat(e.getString("description").toLowerCase()).contains("error");
              assertThat(hosts).contains(e.getJsonObject("custom_info").getString("hostname"));
            });
    assertThat(kit.auditRows(hosts.toArray(String[]::new)))
        .hasSize(6)
        .extracting(r -> r.getString("event_id"))
        .containsExactlyInAnyOrderElementsOf(
            received.stream()
                .map(e -> e.getJsonObject("custom_info").getString("_event_id"))
                .toList());
  }
}
