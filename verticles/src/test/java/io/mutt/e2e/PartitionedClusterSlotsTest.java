package io.mutt.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.mutt.contract.RedisKeys;
import io.mutt.contract.StreamPartitions;
import io.mutt.testsupport.Eventually;
import io.mutt.testsupport.MuttTestApp;
import io.mutt.testsupport.RedisClusterProcesses;
import io.mutt.testsupport.Resources;
import io.mutt.testsupport.TestHttp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every command and script MUTT sends with three partitions keeps to one Redis Cluster slot (ADR
 * 0031): MUTT runs every role against a cluster-enabled {@code redis-server} that owns all slots —
 * it refuses any multi-key command across slots with {@code CROSSSLOT} exactly like a sharded
 * cluster — through ingest, matching, coalescing, the unhandled counters, the forwarder's rate
 * limit and breaker, and a DLQ replay; afterwards the server has answered no {@code CROSSSLOT}.
 */
class PartitionedClusterSlotsTest {

  static final String INGEST_KEY = "test-ingest-key-0123456789";

  static RedisClusterProcesses cluster;
  static MuttTestApp mutt;
  static TestHttp web;
  static WebClient http;

  @BeforeAll
  static void start() throws Exception {
    cluster = RedisClusterProcesses.start(1, 0);
    mutt =
        MuttTestApp.start(
            "all",
            Map.ofEntries(
                Map.entry("REDIS_HOST", "127.0.0.1"),
                Map.entry("REDIS_PORT", String.valueOf(cluster.ports().get(0))),
                Map.entry("REDIS_PASS_CURRENT", ""),
                Map.entry(
                    "MUTT_KEY_PREFIX", "{t" + UUID.randomUUID().toString().substring(0, 6) + "}"),
                Map.entry("REDIS_PARTITIONS", "3"),
                Map.entry("REDIS_PARTITION_LEASE_MS", "900"),
                Map.entry("ALERT_COALESCE_WINDOW_SECONDS", "1"),
                Map.entry("UNHANDLED_THRESHOLD", "3"),
                Map.entry("REMEDIATION_INTERVAL", "1")));
    web = new TestHttp();
    http = web.client;
  }

  @AfterAll
  static void stop() throws Exception {
    Resources.close(web, mutt, cluster);
  }

  static JsonObject event(String host, String message) {
    return new JsonObject()
        .put("hostname", host)
        .put("timestamp", Instant.now().toString())
        .put("message", message);
  }

  @Test
  void the_whole_pipeline_keeps_every_call_in_one_slot() {
    RedisKeys keys = mutt.app.runtime().keys();
    Set<Integer> slots = new HashSet<>();
    keys.ingestPartitions.forEach(k -> slots.add(StreamPartitions.slot(k)));
    assertThat(slots).as("the partitions are in three slots").hasSize(3);

    JsonArray batch = new JsonArray();
    Set<Integer> partitions = new HashSet<>();
    int hosts = 0;
    for (int i = 0; partitions.size() < 3 || hosts < 6; i++, hosts++) {
      String host = "core" + i + ".prod.example.com";
      partitions.add(keys.partitions.of(host));
      for (int r = 0; r < 4; r++) {
        batch.add(event(host, "%LINK-3-UPDOWN: ERROR repeat " + r));
      }
    }
    for (int r = 0; r < 3; r++) {
      batch.add(event("quiet9.prod.example.com", "a message no rule matches"));
    }
    var res =
        http.postAbs(mutt.ingestUrl() + "/api/v2/ingest")
            .putHeader("X-API-KEY", INGEST_KEY)
            .sendJson(batch)
            .await();
    assertThat(res.statusCode()).as(res.bodyAsString()).isEqualTo(200);

    // One alert per host, one coalesced update per host (its three repeats), one meta-alert.
    long expected = 2L * hosts + 1;
    Eventually.until(
        Duration.ofSeconds(60),
        expected + " alerts at the stand-in",
        () -> moogCount() >= expected);

    String replayed =
        event("replay7.prod.example.com", "%SYS-2-ERROR: replayed from the DLQ")
            .put("_event_id", "dlq-" + UUID.randomUUID())
            .put("dlq_reason", "test")
            .encode();
    mutt.app
        .runtime()
        .redis()
        .send(Request.cmd(Command.LPUSH).arg(keys.alerterDlq).arg(replayed))
        .await();
    Eventually.until(
        Duration.ofSeconds(60),
        "the DLQ entry's alert at the stand-in",
        () -> moogCount() >= expected + 1);

    String errors = cluster.command("info", "errorstats");
    assertThat(errors).as("INFO errorstats").doesNotContain("CROSSSLOT");
  }

  static long moogCount() {
    return mutt.moog().count();
  }
}
