package io.mutt.runtime;

import io.mutt.config.MuttConfig;
import io.mutt.ingest.IngestVerticle;
import io.mutt.ingest.IngestWriter;
import io.mutt.ingest.IngestMetrics;
import io.mutt.ingest.QueueDepthSampler;
import io.mutt.queue.DurableQueue;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Deploys the verticles of each chosen role with the instance counts from configuration. */
public final class Roles {

  private Roles() {
  }

  public static Future<Void> deploy(MuttRuntime rt, Set<Role> roles, List<String> summary) {
    List<Future<?>> all = new ArrayList<>();
    for (Role role : roles) {
      all.add(deploy(rt, role, summary));
    }
    return Future.all(all).mapEmpty();
  }

  private static Future<?> deploy(MuttRuntime rt, Role role, List<String> summary) {
    Vertx vertx = rt.vertx();
    MuttConfig c = rt.config();
    return switch (role) {
      case INGEST -> {
        DurableQueue queue = DurableQueue.redisStream(rt.redis(), rt.keys().ingestQueue, "alerter");
        QueueDepthSampler depth = new QueueDepthSampler(vertx, queue, 20, IngestMetrics.of(rt.registry()).queueDepthGauge());
        IngestWriter writer = new IngestWriter(rt.redis(), queue, rt.keys().metricsPrefix);
        int port = c.port("SERVER_PORT_INGESTOR", 8080);
        summary.add("Ingest      http://127.0.0.1:" + port + "/api/v2/ingest  (health /health, metrics /metrics)");
        yield queue.ensureGroup().compose(v -> vertx.deployVerticle(() -> new IngestVerticle(rt, depth, writer),
            new DeploymentOptions().setInstances(c.atLeast("INGEST_INSTANCES", 2, 1))));
      }
      default -> Future.failedFuture("role " + role.label() + " is not available in this build");
    };
  }
}
