package io.mutt.remediation;

import io.mutt.http.HealthReport;
import io.mutt.http.OpsServer;
import io.mutt.pipeline.delivery.LeaderLease;
import io.mutt.pipeline.delivery.ReplayPolicy;
import io.mutt.redis.RedisLease;
import io.mutt.runtime.Module;
import io.mutt.runtime.MuttRuntime;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Wires the remediation role: leader election, the replayers of {@code mutt:dlq:alerter} (to the
 * ingest stream) and {@code mutt:dlq:moog} (to the alert stream, unless {@code
 * REMEDIATION_REPLAY_MOOG_DLQ=false}), the loop verticle, and the ops server (metrics {@code
 * METRICS_PORT_REMEDIATION} 8086, text health {@code HEALTH_PORT_REMEDIATION} 8087). {@code
 * REMEDIATION_ENABLED=false} deploys nothing.
 */
public final class RemediationModule implements Module {

  @Override
  public String name() {
    return "remediation";
  }

  @Override
  public boolean needsDatabase() {
    return true;
  }

  @Override
  public boolean callsMoogsoft() {
    return true;
  }

  @Override
  public List<String> requiredSecrets() {
    return List.of("MOOG_API_KEY");
  }

  @Override
  public Future<?> deploy(MuttRuntime rt, List<String> summary) {
    RemediationSettings s;
    try {
      s = RemediationSettings.from(rt.config(), rt.secrets());
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    if (!s.enabled()) {
      summary.add("Remediation disabled (REMEDIATION_ENABLED=false)");
      return Future.succeededFuture();
    }
    RemediationMetrics metrics = new RemediationMetrics(rt.registry());
    List<DlqReplayer> replayers = new ArrayList<>();
    replayers.add(
        new DlqReplayer(
            rt.redis(),
            "alerter",
            rt.keys().alerterDlq,
            io.mutt.queue.Streams.ingest(rt),
            rt.keys().deadLetters,
            ReplayPolicy.Source.ALERTER,
            metrics));
    if (s.replayMoogDlq()) {
      replayers.add(
          new DlqReplayer(
              rt.redis(),
              "moog",
              rt.keys().moogDlq,
              io.mutt.queue.Streams.alerts(rt),
              rt.keys().deadLetters,
              ReplayPolicy.Source.MOOG,
              metrics));
    }
    String token = rt.podName() + "-" + UUID.randomUUID();
    LeaderLease lease = new LeaderLease(s.leaderLeaseMs());
    OpsServer ops =
        OpsServer.configured(
            rt.config(),
            "remediation",
            "METRICS_PORT_REMEDIATION",
            8086,
            "HEALTH_PORT_REMEDIATION",
            8087,
            rt.registry(),
            () ->
                Future.succeededFuture(
                    new HealthReport(true, new JsonObject().put("status", "OK"))),
            true);
    summary.add(
        "Remediation leader-elected, replays at "
            + s.replayRate()
            + " x MOOG_RATE_LIMIT while Moogsoft is healthy, idle every "
            + s.intervalMs() / 1000.0
            + " s  "
            + ops.endpoints());
    return rt.vertx()
        .deployVerticle(ops)
        .compose(
            v ->
                rt.vertx()
                    .deployVerticle(
                        new RemediationVerticle(
                            s,
                            rt.config(),
                            rt.dynamic(),
                            client ->
                                new RedisLease(
                                    "remediation",
                                    client,
                                    rt.keys().remediationLeader,
                                    token,
                                    lease),
                            replayers,
                            new PacedReplay(
                                rt.redis(), rt.keys(), replayers, s, rt.dynamic(), metrics),
                            metrics)));
  }
}
