package io.mutt.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.util.function.Supplier;

/**
 * The /metrics and /health endpoints of a role without an HTTP API of its own (alerter 8081/8082,
 * forwarder 8083/8084, remediation 8086/8087). Other paths on these ports answer 404 with an empty
 * body.
 */
public final class OpsServer extends VerticleBase {

  private final String role;
  private final int metricsPort;
  private final int healthPort;
  private final PrometheusMeterRegistry registry;
  private final Supplier<Future<HealthReport>> health;
  private final boolean plainTextHealth;
  private SlowClientGuard.Limits limits = SlowClientGuard.Limits.DEFAULT;

  /** The slow-client limits of the configuration (defaults otherwise). */
  public OpsServer limits(SlowClientGuard.Limits limits) {
    this.limits = limits;
    return this;
  }

  public OpsServer(
      String role,
      int metricsPort,
      int healthPort,
      PrometheusMeterRegistry registry,
      Supplier<Future<HealthReport>> health,
      boolean plainTextHealth) {
    this.role = role;
    this.metricsPort = metricsPort;
    this.healthPort = healthPort;
    this.registry = registry;
    this.health = health;
    this.plainTextHealth = plainTextHealth;
  }

  /**
   * The ops server of {@code role} on the ports the configuration sets in {@code metricsPortKey}
   * and {@code healthPortKey} (else the defaults), with the configuration's slow-client limits.
   */
  public static OpsServer configured(
      io.mutt.config.MuttConfig config,
      String role,
      String metricsPortKey,
      int metricsPortDefault,
      String healthPortKey,
      int healthPortDefault,
      PrometheusMeterRegistry registry,
      Supplier<Future<HealthReport>> health,
      boolean plainTextHealth) {
    return new OpsServer(
            role,
            config.port(metricsPortKey, metricsPortDefault),
            config.port(healthPortKey, healthPortDefault),
            registry,
            health,
            plainTextHealth)
        .limits(SlowClientGuard.Limits.from(config));
  }

  public int metricsPort() {
    return metricsPort;
  }

  public int healthPort() {
    return healthPort;
  }

  /** {@code (metrics :<port>/metrics, health :<port>/health)}, for the start-up summary. */
  public String endpoints() {
    return "(metrics :" + metricsPort + "/metrics, health :" + healthPort + "/health)";
  }

  @Override
  public Future<?> start() {
    Router metrics = Router.router(vertx);
    metrics.get("/metrics").handler(PrometheusScrapingHandler.create(registry));
    metrics.route().last().handler(ctx -> ctx.response().setStatusCode(404).end());
    Router healthRouter = Router.router(vertx);
    healthRouter.get("/health").handler(this::handleHealth);
    healthRouter.route().last().handler(ctx -> ctx.response().setStatusCode(404).end());
    HttpServer ms = vertx.createHttpServer(limits.apply(new HttpServerOptions()));
    HttpServer hs = vertx.createHttpServer(limits.apply(new HttpServerOptions()));
    Future<HttpServer> m =
        ms.requestHandler(SlowClientGuard.install(vertx, ms, limits, metrics)).listen(metricsPort);
    Future<HttpServer> h =
        hs.requestHandler(SlowClientGuard.install(vertx, hs, limits, healthRouter))
            .listen(healthPort);
    return Future.all(m, h)
        .recover(
            err ->
                Future.failedFuture(
                    role
                        + " could not listen on metrics port "
                        + metricsPort
                        + " / health port "
                        + healthPort
                        + ": "
                        + err.getMessage()));
  }

  private void handleHealth(RoutingContext ctx) {
    if (!plainTextHealth) {
      ApiVersions.apply(ctx);
    }
    health
        .get()
        .onComplete(
            ar -> {
              if (plainTextHealth) {
                boolean ok = ar.succeeded() && ar.result().healthy();
                ctx.response()
                    .setStatusCode(ok ? 200 : 503)
                    .putHeader("Content-Type", "text/plain")
                    .end(ok ? "OK" : "UNAVAILABLE");
                return;
              }
              if (ar.failed()) {
                Json.send(
                    ctx,
                    503,
                    new io.vertx.core.json.JsonObject()
                        .put("status", "unhealthy")
                        .put("error", ar.cause().getMessage()));
              } else {
                Json.send(ctx, ar.result().status(), ar.result().body());
              }
            });
  }
}
