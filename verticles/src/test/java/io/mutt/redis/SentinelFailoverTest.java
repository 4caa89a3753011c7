package io.mutt.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.mutt.testsupport.Flood;
import io.mutt.testsupport.RedisServers;
import io.mutt.testsupport.Resources;
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
 * MUTT on Redis Sentinel (one master, one replica, three sentinels, all started here from the
 * machine's redis-server, with a password) with {@code REDIS_MIN_REPLICA_ACKS=1}: the end-to-end
 * path works, then the master is killed (-9) in the middle of a flood; MUTT follows the failover
 * without a restart and every acknowledged event reaches the stand-in.
 */
@EnabledIf("io.mutt.testsupport.RedisServers#available")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SentinelFailoverTest {

  static RedisServers.Sentinel redis;
  static TopologyRun run;

  @BeforeAll
  static void start() {
    redis = RedisServers.sentinel("mutt-it", "sentinel-test-pass-0123");
    run = new TopologyRun(redis.settings(), Map.of("REDIS_MIN_REPLICA_ACKS", "1"));
  }

  @AfterAll
  static void stop() throws Exception {
    Resources.close(run, redis);
  }

  @Test
  @Order(1)
  void events_flow_end_to_end_and_health_names_the_master() {
    run.demoEventsArriveAndAreAudited();
    JsonObject t = run.topology();
    assertThat(t.getString("mode")).as(t.encode()).isEqualTo("sentinel");
    assertThat(t.getString("master_name")).isEqualTo("mutt-it");
    JsonObject master = t.getJsonArray("masters").getJsonObject(0);
    assertThat(master.getString("address")).isEqualTo("127.0.0.1:" + redis.master());
    assertThat(master.getInteger("replicas")).isEqualTo(1);
  }

  @Test
  @Order(2)
  void killing_the_master_mid_flood_loses_nothing_acknowledged() throws Exception {
    int oldMaster = redis.master();
    Flood.Outcome o = run.floodKilling(redis.servers(), oldMaster);
    assertThat(o.secondsToRecover()).as(o.figures()).isBetween(0.0, 10.0);
    assertThat(redis.currentMaster()).isEqualTo(redis.replica());
    run.untilHealthListsMaster("health names the promoted replica", "127.0.0.1:" + redis.replica());
  }
}
