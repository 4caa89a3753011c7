package io.mutt.alerter;

import io.mutt.db.DatabaseBreaker;
import io.mutt.http.OpsServer;
import io.mutt.queue.DurableQueue;
import io.mutt.runtime.CoalescingWindow;
import io.mutt.runtime.Module;
import io.mutt.runtime.MuttRuntime;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Wires the alerter role: the /metrics and /health server, the rule cache of this JVM (loaded
 * before anything is consumed), the alert-queue depth sampler and live feed, then {@code
 * ALERTER_INSTANCES} consumers, each with its own worker identity, and the settler of flapping keys
 * (ADR 0038).
 */
public final class AlerterModule implements Module {

  @Override
  public String name() {
    return "alerter";
  }

  @Override
  public boolean needsDatabase() {
    return true;
  }

  @Override
  public List<String> requiredSecrets() {
    return List.of("MOOG_API_KEY");
  }

  @Override
  public Future<?> deploy(MuttRuntime rt, List<String> summary) {
    AlerterSettings settings = AlerterSettings.from(rt.config());
    AlerterMetrics metrics = new AlerterMetrics(rt.registry());
    DurableQueue ingest = io.mutt.queue.Streams.ingest(rt);
    DurableQueue alerts = io.mutt.queue.Streams.alerts(rt);
    ingest.registerHeldGauge(rt.registry(), io.mutt.contract.ConsumerGroups.ALERTER);
    RuleCache cache = new RuleCache();
    DatabaseBreaker database =
        new DatabaseBreaker(
            rt.vertx(),
            rt.pg(),
            "alerter",
            rt.config().atLeast("ALERTER_DB_PROBE_MS", 2000, 50),
            rt.registry());
    OpsServer opsServer =
        OpsServer.configured(
            rt.config(),
            "alerter",
            "METRICS_PORT_ALERTER",
            8081,
            "HEALTH_PORT_ALERTER",
            8082,
            rt.registry(),
            () -> AlerterHealth.check(rt, database, cache),
            false);
    summary.add(
        "Alerter     metrics http://127.0.0.1:"
            + opsServer.metricsPort()
            + "/metrics, health http://127.0.0.1:"
            + opsServer.healthPort()
            + "/health ("
            + settings.instances()
            + " consumers)");
    NoiseState noise = new NoiseState(rt, settings, java.time.Clock.systemUTC());
    Future<String> ops = rt.vertx().deployVerticle(opsServer);
    return Future.all(ops, ingest.ensureGroup())
        .compose(
            v ->
                rt.vertx()
                    .deployVerticle(new RuleCacheVerticle(rt, cache, settings, metrics, database)))
        .compose(v -> rt.vertx().deployVerticle(noise))
        .compose(
            v -> {
              AlertQueueDepth alertDepth =
                  new AlertQueueDepth(alerts, settings.depthSampleMs(), metrics.queueDepth);
              LiveFeed live = new LiveFeed(100);
              DeadLetterWriter dlq =
                  new DeadLetterWriter(rt.redis(), rt.keys().alerterDlq, metrics, rt.replicaAcks());
              BatchProcessor processor =
                  processor(rt, cache, settings, metrics, dlq, live, database, noise);
              Shedder shedder = new Shedder(ingest, dlq, metrics);
              AtomicInteger n = new AtomicInteger();
              ClearingSettings clearing = ClearingSettings.from(rt.config());
              FlapSettler settler =
                  new FlapSettler(
                      rt.redis(),
                      rt.keys(),
                      new KeyStates(rt.redis(), rt.keys(), clearing.stateTtlMs()),
                      new AlertPublisher(rt.redis(), rt.keys(), settings.dedupeTtlSeconds()),
                      new AuditWriter(rt.pg(), metrics),
                      metrics,
                      clearing.settleCheckMs(),
                      java.time.Clock.systemUTC());
              return Future.all(
                      rt.vertx().deployVerticle(alertDepth),
                      rt.vertx().deployVerticle(live),
                      rt.vertx().deployVerticle(settler))
                  .compose(
                      started ->
                          rt.vertx()
                              .deployVerticle(
                                  () ->
                                      new AlerterVerticle(
                                          rt,
                                          settings,
                                          ingest,
                                          processor,
                                          alertDepth,
                                          shedder,
                                          metrics,
                                          rt.workerId("alerter", n.getAndIncrement()),
                                          database),
                                  new DeploymentOptions().setInstances(settings.instances())));
            });
  }

  /** The batch processor of this JVM's consumers, writing dead letters through {@code dlq}. */
  static BatchProcessor processor(
      MuttRuntime rt,
      RuleCache cache,
      AlerterSettings settings,
      AlerterMetrics metrics,
      DeadLetterWriter dlq,
      LiveFeed live,
      DatabaseBreaker database,
      NoiseState noise) {
    return new BatchProcessor(
        rt.dynamic(),
        cache,
        settings,
        metrics,
        new AuditWriter(rt.pg(), metrics),
        new AlertPublisher(rt.redis(), rt.keys(), settings.dedupeTtlSeconds()),
        new UnhandledCounter(rt.redis(), rt.keys()::unhandledPrefix),
        dlq,
        new CoalescingWindow(rt.config(), rt.dynamic()),
        live,
        database,
        noise,
        new KeyStates(rt.redis(), rt.keys(), ClearingSettings.from(rt.config()).stateTtlMs()),
        ClearingSettings.from(rt.config()));
  }
}
