package io.mutt.moog;

import io.mutt.http.ApiKeys;
import io.mutt.http.Json;
import io.mutt.http.SlowClientGuard;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A local stand-in for the Moogsoft webhook, for the first run, tests and benchmarks. {@code POST
 * /events} accepts an event; {@code GET /stats} → {@code {"count":n,"last":{...},
 * "distinct_external_ids":d,...}} (d &lt; n means duplicates arrived); {@code GET /events?limit=n}
 * → the most recent events received ({@code &meta=true} wraps each as {@code
 * {"received_ms":..,"authorization":"<scheme> sha256:<16 hex>","event":{..}}} so tests can check
 * arrival times and the credential without the stand-in ever echoing it); {@code GET /external_ids}
 * → every distinct {@code external_id} received (fault runs compare it with what ingest
 * acknowledged); {@code GET /health}; {@code POST /admin/faults} sets a {@link FaultPlan}; {@code
 * POST /admin/reset} clears counters and faults. Health probes ({@code source=MUTT_HEALTH_CHECK})
 * are answered and counted apart from alerts.
 */
public final class MockMoogVerticle extends VerticleBase {

  private static final int KEEP = 10_000;

  private final String host;
  private final int port;
  private final ApiKeys keys;
  private volatile FaultPlan faults;
  private long count;
  private long healthChecks;
  private long faulted;
  private JsonObject last;
  private final Deque<JsonObject> recent = new ArrayDeque<>();
  private final Deque<JsonObject> recentMeta = new ArrayDeque<>();
  private final java.util.Set<String> externalIds = new java.util.HashSet<>();

  /**
   * Listens on the loopback only: the stand-in has no key, anyone reaching it could read alerts.
   */
  public MockMoogVerticle(int port, FaultPlan initialFaults) {
    this("127.0.0.1", port, initialFaults);
  }

  /**
   * Listens on {@code host} only (e.g. 127.0.0.1 for fault runs that must stay on the loopback).
   */
  public MockMoogVerticle(String host, int port, FaultPlan initialFaults) {
    this(host, port, initialFaults, null);
  }

  /**
   * With {@code keys} (the stand-in of {@code mutt run}: the Moogsoft key), every route but {@code
   * GET /health} answers 401 unless the request carries an accepted key as {@code Authorization:
   * Bearer <key>} (what the forwarder sends) or {@code X-API-KEY}: forwarded alerts and the fault
   * switches are not for whoever reaches the port. Null = open (tests and benchmarks on the
   * loopback).
   */
  public MockMoogVerticle(String host, int port, FaultPlan initialFaults, ApiKeys keys) {
    this.host = host;
    this.port = port;
    this.faults = initialFaults;
    this.keys = keys;
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    router
        .get("/health")
        .handler(ctx -> Json.send(ctx, 200, new JsonObject().put("status", "healthy")));
    if (keys != null) {
      router.route().handler(this::requireKey);
    }
    router.route().handler(BodyHandler.create().setBodyLimit(10 * 1024 * 1024));
    router.post("/events").handler(this::handleEvent);
    router.post("/").handler(this::handleEvent);
    router.head("/events").handler(ctx -> ctx.response().end());
    router.get("/stats").handler(this::handleStats);
    router.get("/events").handler(this::handleList);
    router.get("/external_ids").handler(this::handleExternalIds);
    router.post("/admin/faults").handler(this::handleFaults);
    router.get("/admin/faults").handler(ctx -> Json.send(ctx, 200, faults.toJson()));
    router.post("/admin/reset").handler(this::handleReset);
    SlowClientGuard.Limits limits = SlowClientGuard.Limits.DEFAULT;
    HttpServer server = vertx.createHttpServer(limits.apply(new HttpServerOptions()));
    return server
        .requestHandler(SlowClientGuard.install(vertx, server, limits, router))
        .listen(port, host);
  }

  private void requireKey(RoutingContext ctx) {
    String auth = ctx.request().getHeader("Authorization");
    String presented =
        auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)
            ? auth.substring(7).trim()
            : ctx.request().getHeader("X-API-KEY");
    if (!keys.matches(presented)) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer");
      Json.send(
          ctx,
          401,
          new JsonObject()
              .put("status", "error")
              .put(
                  "message",
                  "the stand-in needs the Moogsoft key (Authorization: Bearer or X-API-KEY)"));
      return;
    }
    ctx.next();
  }

  private void handleEvent(RoutingContext ctx) {
    FaultPlan plan = faults;
    if (plan.applies(System.currentTimeMillis())) {
      faulted++;
      switch (plan.mode()) {
        case "refuse" -> {
          ctx.request().connection().close();
          return;
        }
        case "status" -> {
          Json.send(
              ctx, plan.status(), new JsonObject().put("status", "error").put("injected", true));
          return;
        }
        case "delay" -> {
          vertx.setTimer(Math.max(1, plan.delayMs()), t -> accept(ctx));
          return;
        }
        default -> {
          // no fault
        }
      }
    }
    accept(ctx);
  }

  private void accept(RoutingContext ctx) {
    JsonObject event;
    try {
      event = ctx.body().asJsonObject();
    } catch (DecodeException | ClassCastException e) {
      Json.send(
          ctx,
          400,
          new JsonObject().put("status", "error").put("message", "body must be a JSON object"));
      return;
    }
    if (event == null) {
      Json.send(
          ctx,
          400,
          new JsonObject().put("status", "error").put("message", "body must be a JSON object"));
      return;
    }
    if ("MUTT_HEALTH_CHECK".equals(event.getString("source"))) {
      healthChecks++;
      Json.send(ctx, 202, new JsonObject().put("status", "accepted"));
      return;
    }
    count++;
    last = event;
    Object ext = event.getValue("external_id");
    if (ext != null && externalIds.size() < 2_000_000) {
      externalIds.add(String.valueOf(ext));
    }
    recent.addLast(event);
    recentMeta.addLast(
        new JsonObject()
            .put("received_ms", System.currentTimeMillis())
            .put("authorization", fingerprint(ctx.request().getHeader("Authorization"))));
    if (recent.size() > KEEP) {
      recent.removeFirst();
      recentMeta.removeFirst();
    }
    Json.send(ctx, 200, new JsonObject().put("status", "ok").put("count", count));
  }

  /** {@code "<scheme> sha256:<first 16 hex of SHA-256(header)>"}, or null when absent. */
  static String fingerprint(String header) {
    if (header == null) {
      return null;
    }
    try {
      byte[] d =
          java.security.MessageDigest.getInstance("SHA-256")
              .digest(header.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      String scheme = header.contains(" ") ? header.substring(0, header.indexOf(' ')) : "";
      return scheme + " sha256:" + java.util.HexFormat.of().formatHex(d).substring(0, 16);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private void handleStats(RoutingContext ctx) {
    Json.send(
        ctx,
        200,
        new JsonObject()
            .put("count", count)
            .put("last", last)
            .put("distinct_external_ids", externalIds.size())
            .put("health_checks", healthChecks)
            .put("faulted", faulted)
            .put("faults", faults.toJson()));
  }

  private void handleExternalIds(RoutingContext ctx) {
    Json.send(
        ctx,
        200,
        new JsonObject()
            .put("count", count)
            .put(
                "external_ids",
                new io.vertx.core.json.JsonArray(new java.util.ArrayList<>(externalIds))));
  }

  private void handleList(RoutingContext ctx) {
    int limit;
    try {
      limit = Integer.parseInt(ctx.request().getParam("limit", "100"));
    } catch (NumberFormatException e) {
      Json.send(ctx, 400, new JsonObject().put("error", "limit must be an integer"));
      return;
    }
    JsonArray out = new JsonArray();
    long skip = Math.max(0, recent.size() - Math.max(0, limit));
    if ("true".equals(ctx.request().getParam("meta"))) {
      java.util.Iterator<JsonObject> meta = recentMeta.iterator();
      long i = 0;
      for (JsonObject e : recent) {
        JsonObject m = meta.next();
        if (i++ >= skip) {
          out.add(m.copy().put("event", e));
        }
      }
    } else {
      recent.stream().skip(skip).forEach(out::add);
    }
    Json.send(ctx, 200, new JsonObject().put("events", out).put("count", count));
  }

  private void handleFaults(RoutingContext ctx) {
    try {
      JsonObject body = ctx.body().asJsonObject();
      faults =
          FaultPlan.fromJson(body == null ? new JsonObject() : body, System.currentTimeMillis());
      Json.send(ctx, 200, faults.toJson());
    } catch (DecodeException | ClassCastException e) {
      Json.send(ctx, 400, new JsonObject().put("error", "body must be a JSON object"));
    } catch (IllegalArgumentException e) {
      Json.send(ctx, 400, new JsonObject().put("error", e.getMessage()));
    }
  }

  private void handleReset(RoutingContext ctx) {
    count = 0;
    healthChecks = 0;
    faulted = 0;
    last = null;
    recent.clear();
    recentMeta.clear();
    externalIds.clear();
    faults = FaultPlan.NONE;
    Json.send(ctx, 200, new JsonObject().put("status", "reset"));
  }
}
