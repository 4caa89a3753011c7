package io.mutt.app;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import io.mutt.config.MuttConfig;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

/**
 * The Hazelcast cluster manager for {@code run --cluster} (ADR 0005). Discovery is explicit: a
 * TCP/IP member list ({@code MUTT_CLUSTER_MEMBERS}) or a Kubernetes headless service ({@code
 * MUTT_CLUSTER_KUBERNETES_SERVICE}); never multicast.
 */
final class ClusterSupport {

  private ClusterSupport() {}

  /**
   * Logs the member count at join and on every change, so operators (and the cluster test) can see
   * the cluster.
   */
  public static void logMembership(HazelcastClusterManager manager) {
    org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ClusterSupport.class);
    log.info("cluster joined as {}: {} member(s)", manager.getNodeId(), manager.getNodes().size());
    manager.nodeListener(
        new io.vertx.core.spi.cluster.NodeListener() {
          @Override
          public void nodeAdded(String nodeId) {
            log.info("cluster member added {}: {} member(s)", nodeId, manager.getNodes().size());
          }

          @Override
          public void nodeLeft(String nodeId) {
            log.info("cluster member left {}: {} member(s)", nodeId, manager.getNodes().size());
          }
        });
  }

  public static HazelcastClusterManager clusterManager(MuttConfig c) {
    Config hz = ConfigUtil.loadConfig();
    hz.setClusterName(c.string("MUTT_CLUSTER_NAME", "mutt"));
    hz.setProperty("hazelcast.logging.type", "slf4j");
    hz.setProperty("hazelcast.phone.home.enabled", "false");
    hz.setProperty("hazelcast.shutdownhook.enabled", "false");
    hz.setProperty(
        "hazelcast.wait.seconds.before.join", c.string("MUTT_CLUSTER_JOIN_WAIT_SECONDS", "1"));
    hz.setProperty(
        "hazelcast.max.no.heartbeat.seconds",
        c.string("MUTT_CLUSTER_HEARTBEAT_TIMEOUT_SECONDS", "10"));
    hz.setProperty("hazelcast.merge.first.run.delay.seconds", "5");
    hz.setProperty("hazelcast.merge.next.run.delay.seconds", "5");
    hz.getNetworkConfig().setPort(c.port("MUTT_CLUSTER_PORT", 5701)).setPortAutoIncrement(true);
    String host = c.string("MUTT_CLUSTER_HOST", "");
    if (!host.isEmpty()) {
      hz.getNetworkConfig().setPublicAddress(host);
      hz.getNetworkConfig().getInterfaces().setEnabled(true).addInterface(host);
    }
    JoinConfig join = hz.getNetworkConfig().getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    String k8s = c.string("MUTT_CLUSTER_KUBERNETES_SERVICE", "");
    if (!k8s.isEmpty()) {
      join.getKubernetesConfig().setEnabled(true).setProperty("service-dns", k8s);
    } else {
      join.getTcpIpConfig().setEnabled(true);
      for (String m : c.list("MUTT_CLUSTER_MEMBERS", "127.0.0.1")) {
        join.getTcpIpConfig().addMember(m);
      }
    }
    return new HazelcastClusterManager(hz);
  }
}
