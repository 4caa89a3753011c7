package io.mutt.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** How health reads a cluster's masters and a master's replicas from Redis's own answers. */
class RedisTopologyTest {

  @Test
  void cluster_nodes_give_the_live_masters_with_slots_and_replicas() {
    String nodes =
        String.join(
            "\n",
            "a1 127.0.0.1:7001@17001 myself,master - 0 0 1 connected 0-5460",
            "b2 127.0.0.1:7002@17002 master - 0 0 2 connected 5461-10922",
            "c3 127.0.0.1:7003@17003 master,fail - 0 0 3 connected",
            "d4 127.0.0.1:7006@17006 master - 0 0 7 connected 10923-16383",
            "e5 127.0.0.1:7004@17004 slave a1 0 0 1 connected",
            "f6 127.0.0.1:7005@17005 slave b2 0 0 2 connected",
            "g7 127.0.0.1:7007@17007 slave,fail d4 0 0 7 disconnected");
    JsonArray masters = RedisTopology.clusterNodes(nodes);
    assertThat(masters).hasSize(3);
    assertThat(masters.getJsonObject(0))
        .isEqualTo(
            new JsonObject()
                .put("address", "127.0.0.1:7001")
                .put("slots", new JsonArray().add("0-5460"))
                .put("role", "master")
                .put("replicas", 1));
    assertThat(masters.getJsonObject(2).getString("address")).isEqualTo("127.0.0.1:7006");
    assertThat(masters.getJsonObject(2).getInteger("replicas")).isZero();
  }

  @Test
  void only_replicas_online_count_for_acknowledgement() {
    String info =
        "# Replication\r\nrole:master\r\nconnected_slaves:2\r\n"
            + "slave0:ip=127.0.0.1,port=7004,state=online,offset=446,lag=1\r\n"
            + "slave1:ip=127.0.0.1,port=7005,state=wait_bgsave,offset=0,lag=0\r\n"
            + "master_repl_offset:446\r\n";
    assertThat(ReplicaAcks.replicasOnline(info)).isEqualTo(1);
    assertThat(ReplicaAcks.markerKey("{mutt}:alert_queue"))
        .isEqualTo("{mutt}:alert_queue:repl_mark");
    assertThat(ReplicaAcks.markerKey("mutt:alert_queue")).isEqualTo("{mutt:alert_queue}:repl_mark");
  }
}
