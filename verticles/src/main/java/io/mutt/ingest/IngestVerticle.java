package io.mutt.ingest;

import io.micrometer.core.instrument.Timer;
import io.mutt.http.ApiKeys;
import io.mutt.http.ApiVersions;
import io.mutt.http.Json;
import io.mutt.pipeline.event.EventIds;
import io.mutt.pipeline.event.RequiredFields;
import io.mutt.runtime.MuttRuntime;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;

import java.util.List;

/**
 * The Ingestor (SPEC 4): authenticates, validates and durably queues events, answering {@code 200 queued} only
 * after Redis accepted the write. Refuses with 503 past the queue cap. Serves /, /health, /metrics, /admin/config.
 */
public final class IngestVerticle extends VerticleBase {

  private final MuttRuntime rt;
  private final QueueDepthSampler depth;
  private final IngestWriter writer;
  private final IngestMetrics metrics;
  private RequiredFields required;
  private ApiKeys apiKeys;
  private long staticCap;

  public IngestVerticle(MuttRuntime rt, QueueDepthSampler depth, IngestWriter writer) {
    this.rt = rt;
    this.depth = depth;
    this.writer = writer;
    this.metrics = IngestMetrics.of(rt.registry());
  }

  @Override
  public Future<?> start() {
    required = RequiredFields.parse(rt.config().string("REQUIRED_FIELDS", "hostname,message,timestamp"));
    apiKeys = new ApiKeys(rt.secrets().apiKeys("INGEST_API_KEY"));
    staticCap = rt.config().atLeast("MAX_INGEST_QUEUE_SIZE", 1_000_000, 1000);
    long maxBody = rt.config().longValue("INGEST_MAX_BODY_BYTES", 10L * 1024 * 1024);

    Router router = Router.router(vertx);
    router.get("/").handler(this::handleInfo);
    router.get("/health").handler(this::handleHealth);
    router.get("/metrics").handler(PrometheusScrapingHandler.create(rt.registry()));
    router.get("/admin/config").handler(this::handleAdminConfig);
    for (String path : List.of("/ingest", "/api/v2/ingest", "/api/v1/ingest")) {
      router.post(path)
          .handler(BodyHandler.create(false).setBodyLimit(maxBody).setHandleFileUploads(false))
          .handler(ApiVersions::handler)
          .handler(this::handleIngest);
    }
    return vertx.createHttpServer().requestHandler(router).listen(rt.config().port("SERVER_PORT_INGESTOR", 8080));
  }

  private void handleIngest(RoutingContext ctx) {
    Timer.Sample sample = Timer.start();
    String correlationId = correlationId(ctx);
    if (!apiKeys.matches(ctx.request().getHeader("X-API-KEY"))) {
      fail(ctx, 401, "auth", new JsonObject().put("status", "error").put("message", "Unauthorized")
          .put("correlation_id", correlationId), sample);
      return;
    }
    JsonObject event;
    try {
      Buffer body = ctx.body().buffer();
      Object parsed = body == null || body.length() == 0 ? null : io.vertx.core.json.Json.decodeValue(body);
      if (!(parsed instanceof JsonObject)) {
        throw new DecodeException(parsed == null ? "empty body or null" : "expected a JSON object");
      }
      event = (JsonObject) parsed;
    } catch (DecodeException e) {
      fail(ctx, 400, "json", error("Invalid JSON: " + e.getMessage(), correlationId), sample);
      return;
    }
    List<String> missing = required.missing(event.getMap());
    if (!missing.isEmpty()) {
      fail(ctx, 400, "validation", error(RequiredFields.message(missing), correlationId), sample);
      return;
    }
    event.put("_correlation_id", correlationId);
    event.put("_event_id", EventIds.nextEventId());
    long cap = rt.dynamic().getLong("max_ingest_queue_size", staticCap);
    long before = depth.reserve(1);
    if (before >= cap) {
      depth.release(1);
      fail(ctx, 503, "queue_full", error("Service Unavailable - queue full", correlationId)
          .put("queue_depth", before).put("queue_limit", cap), sample);
      ctx.response();
      return;
    }
    writer.write(List.of(event.encode())).onComplete(ar -> {
      if (ar.failed()) {
        depth.release(1);
        fail(ctx, 503, "redis", error("Service Unavailable - Redis error", correlationId), sample);
        return;
      }
      metrics.request("success", "").increment();
      sample.stop(metrics.latency);
      Json.send(ctx, 200, new JsonObject().put("status", "queued").put("correlation_id", correlationId)
          .put("queue_depth", before + 1));
    });
  }

  private static String correlationId(RoutingContext ctx) {
    String given = ctx.request().getHeader("X-Correlation-ID");
    if (given != null && !given.isBlank() && given.length() <= 128) {
      return given.trim();
    }
    return EventIds.newCorrelationId();
  }

  private static JsonObject error(String message, String correlationId) {
    return new JsonObject().put("status", "error").put("message", message).put("correlation_id", correlationId);
  }

  private void fail(RoutingContext ctx, int status, String reason, JsonObject body, Timer.Sample sample) {
    metrics.request("fail", reason).increment();
    sample.stop(metrics.latency);
    if (status == 503) {
      ctx.response().putHeader("Retry-After", "1");
    }
    Json.send(ctx, status, body);
  }

  private void handleInfo(RoutingContext ctx) {
    Json.send(ctx, 200, new JsonObject()
        .put("service", "MUTT Ingestor Service").put("version", "2.5")
        .put("description", "Event ingestion service for syslog and SNMP traps")
        .put("endpoints", new JsonObject().put("ingest", "/api/v2/ingest").put("health", "/health")
            .put("metrics", "/metrics").put("info", "/")));
  }

  private void handleHealth(RoutingContext ctx) {
    JsonObject body = new JsonObject().put("service", "mutt-ingestor").put("version", "2.5");
    rt.redis().send(Request.cmd(Command.PING)).onComplete(ar -> {
      if (ar.succeeded()) {
        Json.send(ctx, 200, body.put("status", "healthy").put("redis", "connected"));
      } else {
        Json.send(ctx, 503, body.put("status", "unhealthy").put("redis", "disconnected")
            .put("error", String.valueOf(ar.cause().getMessage())));
      }
    });
  }

  private void handleAdminConfig(RoutingContext ctx) {
    if (!apiKeys.matches(ctx.request().getHeader("X-API-KEY"))) {
      metrics.request("fail", "auth").increment();
      Json.send(ctx, 401, error("Unauthorized", correlationId(ctx)));
      return;
    }
    rt.dynamic().readAll().onComplete(ar -> Json.send(ctx, 200, new JsonObject()
        .put("dynamic_config_enabled", rt.dynamic().enabled())
        .put("static", rt.config().toPublicJson())
        .put("dynamic", ar.succeeded() ? ar.result() : new JsonObject())));
  }
}
