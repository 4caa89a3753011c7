package io.mutt.ingest;

import io.mutt.queue.DurableQueue;
import io.mutt.runtime.MuttRuntime;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;

import java.util.List;

/** Wires the ingest role: the shared queue, depth sampler and writer, and {@code INGEST_INSTANCES} verticles. */
public final class IngestRole {

  private IngestRole() {
  }

  public static Future<?> deploy(MuttRuntime rt, List<String> summary) {
    DurableQueue queue = DurableQueue.redisStream(rt.redis(), rt.keys().ingestQueue, "alerter");
    QueueDepthSampler depth = new QueueDepthSampler(rt.vertx(), queue, 20, IngestMetrics.of(rt.registry()).queueDepthGauge());
    IngestWriter writer = new IngestWriter(rt.redis(), queue, rt.keys().metricsPrefix);
    int port = rt.config().port("SERVER_PORT_INGESTOR", 8080);
    summary.add("Ingest      http://127.0.0.1:" + port + "/api/v2/ingest  (health /health, metrics /metrics)");
    return queue.ensureGroup().compose(v -> rt.vertx().deployVerticle(() -> new IngestVerticle(rt, depth, writer),
        new DeploymentOptions().setInstances(rt.config().atLeast("INGEST_INSTANCES", 2, 1))));
  }
}
