package io.mutt.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
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

  @Override
  public Future<?> start() {
    Router metrics = Router.router(vertx);
    metrics.get("/metrics").handler(PrometheusScrapingHandler.create(registry));
    metrics.route().last().handler(ctx -> ctx.response().setStatusCode(404).end());
    Router healthRouter = Router.router(vertx);
    healthRouter.get("/health").handler(this::handleHealth);
    healthRouter.route().last().handler(ctx -> ctx.response().setStatusCode(404).end());
    Future<HttpServer> m = vertx.createHttpServer().requestHandler(metrics).listen(metricsPort);
    Future<HttpServer> h = vertx.createHttpServer().requestHandler(healthRouter).listen(healthPort);
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
