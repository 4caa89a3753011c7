package io.mutt.alerter;

import static io.mutt.alerter.AlerterTestKit.event;
import static io.mutt.alerter.AlerterTestKit.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.mutt.contract.RedisKeys;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With partitioned streams (ADR 0031) the alerts of a rule with a clearing pattern (ADR 0038) go to
 * their host's alert partition, like every other alert of that host, so a host's problem and its
 * clear are read in order by the one forwarder that owns the partition.
 */
class AlerterClearingPartitionedTest {

  @RegisterExtension
  static final AlerterTestKit kit =
      AlerterTestKit.perClass(
          "ingest,alerter,web",
          Map.of(
              "REDIS_PARTITIONS", "3",
              "REDIS_PARTITION_LEASE_MS", "900",
              "ALERT_COALESCE_WINDOW_SECONDS", "0"));

  @Test
  void the_problem_and_the_clear_of_a_host_go_to_its_alert_partition() {
    JsonObject rule =
        new JsonObject()
            .put("match_string", "PCLR-DOWN")
            .put("priority", 5)
            .put("prod_handling", "Page_only")
            .put("dev_handling", "Ignore")
            .put("team_assignment", "NETO")
            .put("clear_pattern", "PCLR-UP")
            .put("clear_key", "Interface ([^,\\s]+)");
    var res = kit.webApi(HttpMethod.POST, "/api/v2/rules", rule);
    assertThat(res.statusCode()).as(res.bodyAsString()).isEqualTo(201);
    kit.reloadRules();

    RedisKeys keys = kit.rt.keys();
    // a host outside partition 0, so an alert sent to partition 0 would be in the wrong stream
    String host =
        IntStream.range(0, 100)
            .mapToObj(i -> "pclr-" + i + ".example.com")
            .filter(h -> keys.partitions.of(h) != 0)
            .findFirst()
            .orElseThrow();
    String stream = keys.alertPartitions.get(keys.partitions.of(host)).stream();

    kit.post(event(host, "%PCLR-DOWN: Interface Gi0/1, changed state to down"));
    eventually(
        "the problem alert in the host's partition", () -> alertsOf(stream, host).size() == 1);
    kit.post(event(host, "%PCLR-UP: Interface Gi0/1, changed state to up"));
    eventually("the clear in the host's partition", () -> alertsOf(stream, host).size() == 2);

    List<JsonObject> alerts = alertsOf(stream, host);
    assertThat(alerts.get(1).getString("severity")).isEqualTo(ClearingDecisions.CLEAR);
    assertThat(alertsOf(keys.alertPartitions.get(0).stream(), host)).isEmpty();
  }

  private static List<JsonObject> alertsOf(String stream, String host) {
    return kit.streamEntries(stream).stream()
        .filter(
            a -> host.equals(a.getJsonObject("raw_json", new JsonObject()).getString("hostname")))
        .toList();
  }
}
