package io.mutt.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.mutt.contract.RedisKeys;
import io.mutt.testsupport.RedisServers;
import io.mutt.testsupport.Resources;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * Three stream partitions on a Redis Cluster (three masters with a replica each, made here) with
 * {@code REDIS_MIN_REPLICA_ACKS=1} (ADR 0031): the master of one partition — not the one holding
 * the shared {@code {mutt}} slot — is killed (-9) in the middle of a flood; its replica takes over,
 * the consumers carry on with that partition, the flood completes and every acknowledged event
 * reaches the stand-in.
 */
@EnabledIf("io.mutt.testsupport.RedisServers#available")
@Timeout(value = 180)
class PartitionedClusterFailoverTest {

  static RedisServers.Cluster redis;
  static TopologyRun run;

  @BeforeAll
  static void start() {
    redis = RedisServers.cluster("partition-failover-pass-0123");
    run =
        new TopologyRun(
            redis.settings(),
            Map.of(
                "REDIS_MIN_REPLICA_ACKS", "1",
                "MUTT_KEY_PREFIX", "{mutt}",
                "REDIS_PARTITIONS", "3",
                "REDIS_PARTITION_LEASE_MS", "2000"));
  }

  @AfterAll
  static void stop() throws Exception {
    Resources.close(run, redis);
  }

  @Test
  void killing_a_partitions_master_mid_flood_loses_nothing_acknowledged() throws Exception {
    RedisKeys keys = run.mutt.app.runtime().keys();
    int shared = redis.masterOf("{mutt}");
    int victim = -1;
    for (String partition : keys.ingestPartitions) {
      int m = redis.masterOf(partition);
      if (m != shared) {
        victim = m;
        break;
      }
    }
    assertThat(victim).as("a partition on another master than the shared slot").isPositive();
    run.floodKilling(redis.servers(), victim);
  }
}
