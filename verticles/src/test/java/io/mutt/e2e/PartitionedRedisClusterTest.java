package io.mutt.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.mutt.contract.RedisKeys;
import io.mutt.testsupport.Eventually;
import io.mutt.testsupport.MuttOnRedis;
import io.mutt.testsupport.RedisServers;
import io.mutt.testsupport.Resources;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * Three partitions on a real Redis Cluster (three masters with a replica each, made by this test
 * with {@code redis-cli --cluster create} and stopped after; ADR 0031): the partitions sit on three
 * different masters, every event gives one audit row and one alert, each host's events are audited
 * in order, and no node ever answered {@code CROSSSLOT}.
 */
@EnabledIf("io.mutt.testsupport.RedisServers#available")
@Timeout(value = 180)
class PartitionedRedisClusterTest {

  static final String INGEST_KEY = "test-ingest-key-0123456789";
  static final int HOSTS = 9;
  static final int PER_HOST = 20;

  static MuttOnRedis run;

  @BeforeAll
  static void start() {
    RedisServers.Cluster redis = RedisServers.cluster("partition-test-pass-0123");
    run =
        MuttOnRedis.start(
            redis,
            redis.settings(),
            "all",
            Map.of(
                "MUTT_KEY_PREFIX", "{mutt}",
                "REDIS_PARTITIONS", "3",
                "REDIS_PARTITION_LEASE_MS", "900",
                "ALERT_COALESCE_WINDOW_SECONDS", "0"));
  }

  @AfterAll
  static void stop() throws Exception {
    Resources.close(run);
  }

  @Test
  void three_partitions_on_three_masters_carry_every_event_in_host_order() {
    RedisKeys keys = run.mutt.app.runtime().keys();
    Set<Integer> masters = new HashSet<>();
    for (int i = 0; i < 3; i++) {
      int m = run.redis.masterOf(keys.ingestPartitions.get(i));
      masters.add(m);
      assertThat(run.redis.masterOf(keys.alertPartitions.get(i).stream()))
          .as("ingest and alert partition %d on one master", i)
          .isEqualTo(m);
    }
    assertThat(masters).as("one partition per master").hasSize(3);

    for (int round = 0; round < 2; round++) {
      JsonArray batch = new JsonArray();
      for (int seq = round * PER_HOST / 2; seq < (round + 1) * PER_HOST / 2; seq++) {
        for (int h = 0; h < HOSTS; h++) {
          batch.add(
              new JsonObject()
                  .put("hostname", "edge" + h + ".prod.example.com")
                  .put("timestamp", Instant.now().toString())
                  .put("message", "%LINK-3-UPDOWN: ERROR seq=" + seq));
        }
      }
      var res =
          run.http
              .postAbs(run.mutt.ingestUrl() + "/api/v2/ingest")
              .putHeader("X-API-KEY", INGEST_KEY)
              .sendJson(batch)
              .await();
      assertThat(res.statusCode()).as(res.bodyAsString()).isEqualTo(200);
    }
    int total = HOSTS * PER_HOST;
    Eventually.until(
        Duration.ofSeconds(90), total + " alerts at the stand-in", () -> moogCount() >= total);

    Map<String, List<Integer>> order = PartitionedEndToEndTest.auditedSeqs(run.mutt);
    assertThat(order.values().stream().mapToInt(List::size).sum()).isEqualTo(total);
    order.forEach((host, seqs) -> assertThat(seqs).as("audit order of " + host).isSorted());
    assertThat(moogCount()).as("no duplicate alert").isEqualTo(total);
    for (int port : run.redis.ports()) {
      assertThat(run.redis.servers().cli(port, "INFO", "errorstats"))
          .as("errorstats of " + port)
          .doesNotContain("CROSSSLOT");
    }
  }

  static long moogCount() {
    return run.mutt.moog().count();
  }
}
