package io.mutt.ingest;

import io.mutt.http.ApiKeys;
import io.mutt.http.AuthFailureLimiter;
import io.mutt.pipeline.event.EventValidator;
import io.mutt.pipeline.ratelimit.MemberIds;
import io.mutt.queue.DurableQueue;
import io.mutt.runtime.Module;
import io.mutt.runtime.MuttRuntime;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import java.util.List;

/**
 * Wires the ingest role (docs/reference/http-api.md): settings, the shared scanner, queue-depth
 * sampler and metrics, then {@code INGEST_INSTANCES} verticles sharing the port (one per core is
 * the throughput setting, ADR 0007).
 */
public final class IngestModule implements Module {

  @Override
  public String name() {
    return "ingest";
  }

  @Override
  public List<String> requiredSecrets() {
    return List.of("INGEST_API_KEY");
  }

  @Override
  public Future<?> deploy(MuttRuntime rt, List<String> summary) {
    IngestSettings settings = IngestSettings.from(rt.config());
    IngestMetrics metrics = new IngestMetrics(rt.registry());
    DurableQueue queue = io.mutt.queue.Streams.ingest(rt);
    QueueDepthSampler depth =
        new QueueDepthSampler(queue, settings.depthSampleMs(), metrics.queueDepthGauge());
    IngestServices services =
        new IngestServices(
            rt,
            settings,
            new EventScanner(new EventValidator(settings.required()), settings.limits()),
            depth.ledger(),
            metrics,
            ApiKeys.live(rt.secrets(), "INGEST_API_KEY"),
            AuthFailureLimiter.from(rt.config(), rt.registry(), "ingest"),
            MemberIds.random());
    summary.add(
        "Ingest      http://127.0.0.1:"
            + settings.port()
            + "/api/v2/ingest  (health /health, metrics /metrics)"
            + (settings.rateLimitEnabled()
                ? "  rate limit " + settings.maxRate() + "/" + settings.rateWindowSeconds() + " s"
                : ""));
    return queue
        .ensureGroup()
        .compose(v -> rt.vertx().deployVerticle(depth))
        .compose(
            v ->
                rt.vertx()
                    .deployVerticle(
                        () -> new IngestVerticle(services),
                        new DeploymentOptions().setInstances(settings.instances())));
  }
}
