package io.mutt.forwarder;

import io.mutt.contract.ConsumerGroups;
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
 * Wires the forwarder role: the alert stream and its {@code forwarder} group, the JVM-wide rate
 * limiter, circuit breaker and housekeeping, the ops server on {@code METRICS_PORT_MOOG} / {@code
 * HEALTH_PORT_MOOG}, and {@code FORWARDER_INSTANCES} consumer verticles.
 */
public final class ForwarderModule implements Module {

  @Override
  public String name() {
    return "forwarder";
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
    ForwarderShared fx;
    try {
      fx = shared(rt);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    ForwarderSettings s = fx.settings();
    MoogClient healthClient =
        new MoogClient(
            rt.vertx(),
            s.webhookUrl(),
            io.mutt.config.LiveSecret.of(rt.secrets(), "MOOG_API_KEY", s.apiKey()),
            s.healthHeadTimeoutMs(),
            2);
    ForwarderHealth health = new ForwarderHealth(fx, healthClient);
    OpsServer ops =
        OpsServer.configured(
            rt.config(),
            "forwarder",
            "METRICS_PORT_MOOG",
            8083,
            "HEALTH_PORT_MOOG",
            8084,
            rt.registry(),
            health::check,
            false);
    AtomicInteger index = new AtomicInteger();
    summary.add(
        "Forwarder   "
            + s.instances()
            + " consumers -> "
            + s.webhookUrl()
            + "  "
            + ops.endpoints());
    return fx.queue()
        .ensureGroup()
        .compose(v -> rt.vertx().deployVerticle(new ForwarderHousekeeping(fx, health)))
        .compose(
            v ->
                rt.vertx()
                    .deployVerticle(
                        new CoalesceFlusher(
                            rt.redis(),
                            rt.keys(),
                            new CoalescingWindow(rt.config(), rt.dynamic()),
                            rt.config().longValue("ALERT_COALESCE_FLUSH_MS", 250),
                            rt.registry())))
        .compose(v -> rt.vertx().deployVerticle(ops))
        .compose(
            v ->
                rt.vertx()
                    .deployVerticle(
                        () -> new ForwarderVerticle(fx, index.getAndIncrement()),
                        new DeploymentOptions().setInstances(s.instances())));
  }

  /** The per-JVM parts every forwarder verticle shares. */
  static ForwarderShared shared(MuttRuntime rt) {
    ForwarderSettings s = ForwarderSettings.from(rt.config(), rt.secrets());
    ForwarderMetrics metrics = new ForwarderMetrics(rt.registry());
    DurableQueue queue = io.mutt.queue.Streams.alerts(rt);
    queue.registerHeldGauge(rt.registry(), ConsumerGroups.FORWARDER);
    OutcomeStore outcomes =
        new OutcomeStore(rt.redis(), queue, ConsumerGroups.FORWARDER, rt.keys().moogRetry, metrics);
    SharedRateLimiter limiter =
        new SharedRateLimiter(rt.redis(), rt.keys().moogRateLimit, rt.dynamic(), s);
    SharedCircuitBreaker breaker =
        new SharedCircuitBreaker(rt.vertx(), rt.redis(), rt.dynamic(), rt.keys(), s, metrics);
    return new ForwarderShared(rt, s, queue, outcomes, limiter, breaker, metrics);
  }
}
