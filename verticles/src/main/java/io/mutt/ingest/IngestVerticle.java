package io.mutt.ingest;

import io.mutt.contract.CounterKeys;
import io.mutt.http.ApiVersions;
import io.mutt.http.Json;
import io.mutt.http.ServerTls;
import io.mutt.http.SlowClientGuard;
import io.mutt.pipeline.ratelimit.SlidingWindowLimit;
import io.mutt.redis.RedisPing;
import io.mutt.redis.RedisTopology;
import io.mutt.runtime.MuttRuntime;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Ingestor's HTTP server (docs/reference/http-api.md): the three ingest paths (stable {@code
 * /ingest}, preferred {@code /api/v2/ingest}, deprecated {@code /api/v1/ingest} with the version
 * headers of docs/reference/http-api.md), {@code /}, {@code /health}, {@code /metrics} and {@code
 * /admin/config}. The ingest flow itself is {@link IngestHandler}; wrong methods answer 405,
 * unknown paths 404, and an unexpected failure 500, all in JSON.
 */
public final class IngestVerticle extends VerticleBase {

  static final List<String> INGEST_PATHS = List.of("/ingest", "/api/v2/ingest", "/api/v1/ingest");
  private static final Logger LOG = LoggerFactory.getLogger(IngestVerticle.class);

  private final IngestServices s;
  private final MuttRuntime rt;
  private IngestHandler ingest;
  private Router router;

  IngestVerticle(IngestServices services) {
    this.s = services;
    this.rt = services.rt();
  }

  @Override
  public Future<?> start() {
    IngestSettings settings = s.settings();
    LimitedAppend limiter =
        settings.rateLimitEnabled()
            ? new LimitedAppend(
                SlidingWindowLimit.resolve(
                    settings.maxRate(),
                    settings.rateWindowSeconds(),
                    rt.dynamic().get("ingest_max_rate"),
                    rt.dynamic().get("ingest_rate_window")),
                s.members(),
                rt.keys().ingestRateLimit,
                rt.keys().ingestQueue)
            : null;
    EventWriter writer =
        new EventWriter(
            rt.redis(),
            context,
            rt.keys().ingestPartitions,
            rt.keys().partitions,
            rt.keys().counters,
            CounterKeys.HTTP,
            limiter,
            rt.replicaAcks(),
            true);
    this.ingest = new IngestHandler(s, writer, limiter);
    this.router = Router.router(vertx);
    for (String path : INGEST_PATHS) {
      router.route(path).handler(ApiVersions::handler).handler(this::handleWrongMethod);
    }
    router.get("/").handler(this::handleInfo);
    router.get("/health").handler(this::handleHealth);
    ServerTls tls = ServerTls.from(rt.config(), "INGEST");
    router
        .get("/metrics")
        .handler(tls::metricsGuard)
        .handler(PrometheusScrapingHandler.create(rt.registry()));
    router.get("/admin/config").handler(this::handleAdminConfig);
    router.errorHandler(404, ctx -> plainError(ctx, 404, "Not Found"));
    router.errorHandler(405, ctx -> plainError(ctx, 405, "Method Not Allowed"));
    router.errorHandler(500, this::handleUnexpected);
    SlowClientGuard.Limits limits = SlowClientGuard.Limits.from(rt.config());
    HttpServerOptions options =
        tls.apply(
            limits.apply(
                new HttpServerOptions()
                    .setPort(settings.port())
                    .setTcpNoDelay(true)
                    .setStrictThreadMode(true)
                    .setHttp2ClearTextEnabled(false)
                    .setPerFrameWebSocketCompressionSupported(false)
                    .setPerMessageWebSocketCompressionSupported(false)));
    HttpServer server = vertx.createHttpServer(options);
    tls.watch(vertx, server);
    return server
        .requestHandler(SlowClientGuard.install(vertx, server, limits, this::dispatch))
        .listen();
  }

  /**
   * POST on an ingest path goes straight to the ingest flow (no routing context on the hot path);
   * the rest routes.
   */
  private void dispatch(HttpServerRequest req) {
    if (req.method() == HttpMethod.POST && INGEST_PATHS.contains(req.path())) {
      ingest.handle(req);
    } else {
      router.handle(req);
    }
  }

  private void handleWrongMethod(RoutingContext ctx) {
    if (ctx.request().method() == HttpMethod.POST) {
      ingest.handle(ctx.request());
      return;
    }
    ctx.response().putHeader(HttpHeaders.ALLOW, "POST");
    IngestExchange.begin(ctx.request(), s.metrics())
        .refuse(405, "method_not_allowed", "Method Not Allowed - use POST with a JSON body");
  }

  private void handleInfo(RoutingContext ctx) {
    Json.send(
        ctx,
        200,
        new JsonObject()
            .put("service", "MUTT Ingestor Service")
            .put("version", "2.5")
            .put("description", "Event ingestion service for syslog and SNMP traps")
            .put(
                "endpoints",
                new JsonObject()
                    .put("ingest", "/api/v2/ingest")
                    .put("health", "/health")
                    .put("metrics", "/metrics")
                    .put("info", "/")));
  }

  /**
   * Redis PING, and the state of the native listeners of this JVM ({@code listeners}, see {@link
   * io.mutt.listener.ListenerState}): a failed listener makes the answer 503 like Redis does.
   */
  private void handleHealth(RoutingContext ctx) {
    JsonObject body = new JsonObject().put("service", "mutt-ingestor").put("version", "2.5");
    if (!rt.listeners().isEmpty()) {
      body.put("listeners", rt.listeners().json());
    }
    RedisPing.ping(rt.redis())
        .compose(pong -> RedisTopology.of(rt).describe())
        .onComplete(
            ar -> {
              if (ar.succeeded() && rt.listeners().anyFailed()) {
                Json.send(
                    ctx,
                    503,
                    body.put("status", "unhealthy")
                        .put("redis", "connected")
                        .put("error", "a syslog or SNMP trap listener stopped receiving"));
              } else if (ar.succeeded()) {
                Json.send(
                    ctx,
                    200,
                    io.mutt.http.SecretsHealth.annotate(
                        body.put("status", "healthy")
                            .put("redis", "connected")
                            .put("redis_topology", ar.result()),
                        rt.secrets()));
              } else {
                Json.send(
                    ctx,
                    503,
                    body.put("status", "unhealthy")
                        .put("redis", "disconnected")
                        .put("error", String.valueOf(ar.cause().getMessage())));
              }
            });
  }

  private void handleAdminConfig(RoutingContext ctx) {
    IngestExchange x = IngestExchange.begin(ctx.request(), s.metrics());
    if (!s.authorized(x)) {
      return;
    }
    rt.dynamic()
        .readAll()
        .onComplete(
            ar -> {
              if (ar.failed()) {
                Json.send(
                    ctx,
                    500,
                    new JsonObject().put("error", "Dynamic configuration could not be read"));
                return;
              }
              Json.send(
                  ctx,
                  200,
                  new JsonObject()
                      .put("dynamic_config_enabled", rt.dynamic().enabled())
                      .put("static", rt.config().toPublicJson())
                      .put("dynamic", ar.result()));
            });
  }

  private static void plainError(RoutingContext ctx, int status, String message) {
    Json.send(ctx, status, new JsonObject().put("status", "error").put("message", message));
  }

  private void handleUnexpected(RoutingContext ctx) {
    LOG.error(
        "unexpected failure on {} {}", ctx.request().method(), ctx.request().path(), ctx.failure());
    if (INGEST_PATHS.contains(ctx.request().path())) {
      IngestExchange.begin(ctx.request(), s.metrics())
          .refuse(500, "unknown", "Internal server error");
    } else {
      plainError(ctx, 500, "Internal server error");
    }
  }
}
