package io.mutt.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.mutt.testsupport.RedisServers;
import io.mutt.testsupport.Resources;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * MUTT on a Redis Cluster (three masters with a replica each, made here with {@code redis-cli
 * --cluster create}, with a password that MUTT has as its next one: its current one is refused, as
 * in the middle of a rotation) and {@code REDIS_MIN_REPLICA_ACKS=1}: every script and transaction
 * runs in the one slot of the {@code {mutt}} prefix; the end-to-end path works; the master holding
 * MUTT's slot is killed (-9) mid-flood, its replica takes over, the flood completes and every
 * acknowledged event reaches the stand-in.
 */
@EnabledIf("io.mutt.testsupport.RedisServers#available")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterFailoverTest {

  static RedisServers.Cluster redis;
  static TopologyRun run;

  @BeforeAll
  static void start() {
    redis = RedisServers.cluster("cluster-test-pass-0123");
    Map<String, String> settings = new java.util.HashMap<>(redis.settings());
    // mid-rotation: the cluster knows only the next password, the current one is refused
    settings.put("REDIS_PASS_NEXT", settings.remove("REDIS_PASS_CURRENT"));
    settings.put("REDIS_PASS_CURRENT", "cluster-test-old-pass");
    run =
        new TopologyRun(
            settings, Map.of("REDIS_MIN_REPLICA_ACKS", "1", "MUTT_KEY_PREFIX", "{mutt}"));
  }

  @AfterAll
  static void stop() throws Exception {
    Resources.close(run, redis);
  }

  @Test
  @Order(1)
  void events_flow_end_to_end_and_health_lists_the_masters() {
    assertThat(run.mutt.app.runtime().keys().ingestQueue).isEqualTo("{mutt}:ingest_queue");
    run.demoEventsArriveAndAreAudited();
    JsonObject t = run.topology();
    assertThat(t.getString("mode")).as(t.encode()).isEqualTo("cluster");
    JsonArray masters = t.getJsonArray("masters");
    assertThat(masters).hasSize(3);
    for (Object m : masters) {
      assertThat(((JsonObject) m).getInteger("replicas")).as(t.encode()).isEqualTo(1);
    }
  }

  @Test
  @Order(2)
  void killing_the_master_of_mutts_slot_mid_flood_loses_nothing_acknowledged() throws Exception {
    int victim = redis.masterOf("{mutt}");
    run.floodKilling(redis.servers(), victim);
    int promoted = redis.masterOf("{mutt}");
    assertThat(promoted).isNotEqualTo(victim);
    run.untilHealthListsMaster("health lists the promoted replica", ":" + promoted);
  }
}
