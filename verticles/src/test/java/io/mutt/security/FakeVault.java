package io.mutt.security;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP server answering the Vault API calls MUTT makes, as Vault documents them: {@code POST
 * /v1/auth/approle/login}, {@code GET /v1/<mount>/data/<path>} (KV v2, with versions), {@code GET
 * /v1/auth/token/lookup-self}, {@code POST /v1/auth/token/renew-self}; errors as Vault shapes them
 * ({@code {"errors":[...]}}: 400 invalid secret id, 403 permission denied, 503 sealed).
 */
final class FakeVault implements AutoCloseable {

  final String roleId = "role-" + UUID.randomUUID();
  final String secretId = "secret-id-" + UUID.randomUUID();
  final String mount = "secret";
  final String path = "mutt";
  volatile long tokenTtlSeconds = 3600;
  volatile boolean sealed;
  volatile boolean refuseRenewal;
  final AtomicInteger logins = new AtomicInteger();
  final AtomicInteger renewals = new AtomicInteger();
  final AtomicInteger reads = new AtomicInteger();
  final List<String> namespaces = new java.util.concurrent.CopyOnWriteArrayList<>();
  final List<String> tokensIssued = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final Map<String, Long> tokenExpiry = new ConcurrentHashMap<>();
  private final List<JsonObject> versions = new ArrayList<>();
  private final HttpServer server;
  final int port;

  FakeVault(Vertx vertx) {
    Router r = Router.router(vertx);
    r.route().handler(BodyHandler.create());
    r.route()
        .handler(
            ctx -> {
              String ns = ctx.request().getHeader("X-Vault-Namespace");
              if (ns != null) {
                namespaces.add(ns);
              }
              if (sealed) {
                error(ctx, 503, "Vault is sealed");
                return;
              }
              ctx.next();
            });
    r.post("/v1/auth/approle/login").handler(this::login);
    r.get("/v1/auth/token/lookup-self").handler(this::lookup);
    r.post("/v1/auth/token/renew-self").handler(this::renew);
    r.get("/v1/" + mount + "/data/" + path).handler(this::read);
    r.route().last().handler(ctx -> error(ctx, 404, "no handler for route"));
    server = vertx.createHttpServer().requestHandler(r).listen(0, "127.0.0.1").await();
    port = server.actualPort();
  }

  String address() {
    return "http://127.0.0.1:" + port;
  }

  /** Writes a new version of the secret (KV v2 keeps the earlier ones). */
  synchronized void write(JsonObject data) {
    versions.add(data.copy());
  }

  synchronized int currentVersion() {
    return versions.size();
  }

  void revokeAllTokens() {
    tokenExpiry.clear();
  }

  private void login(RoutingContext ctx) {
    JsonObject body = ctx.body().asJsonObject();
    if (body == null
        || !roleId.equals(body.getString("role_id"))
        || !secretId.equals(body.getString("secret_id"))) {
      error(ctx, 400, "invalid role or secret ID");
      return;
    }
    logins.incrementAndGet();
    String token = "hvs." + UUID.randomUUID().toString().replace("-", "");
    tokensIssued.add(token);
    tokenExpiry.put(token, System.currentTimeMillis() + tokenTtlSeconds * 1000);
    send(
        ctx,
        200,
        new JsonObject()
            .put("request_id", UUID.randomUUID().toString())
            .put(
                "auth",
                new JsonObject()
                    .put("client_token", token)
                    .put("accessor", UUID.randomUUID().toString())
                    .put("policies", new JsonArray().add("default").add("mutt"))
                    .put("lease_duration", tokenTtlSeconds)
                    .put("renewable", true)));
  }

  /** The caller's valid token, or null after answering 403. */
  private String token(RoutingContext ctx) {
    String t = ctx.request().getHeader("X-Vault-Token");
    Long exp = t == null ? null : tokenExpiry.get(t);
    if (exp == null || exp < System.currentTimeMillis()) {
      error(ctx, 403, "permission denied");
      return null;
    }
    return t;
  }

  private void lookup(RoutingContext ctx) {
    String t = token(ctx);
    if (t != null) {
      long ttl = Math.max(0, (tokenExpiry.get(t) - System.currentTimeMillis()) / 1000);
      send(
          ctx,
          200,
          new JsonObject().put("data", new JsonObject().put("ttl", ttl).put("renewable", true)));
    }
  }

  private void renew(RoutingContext ctx) {
    String t = token(ctx);
    if (t == null) {
      return;
    }
    if (refuseRenewal) {
      error(ctx, 403, "permission denied");
      return;
    }
    renewals.incrementAndGet();
    tokenExpiry.put(t, System.currentTimeMillis() + tokenTtlSeconds * 1000);
    send(
        ctx,
        200,
        new JsonObject()
            .put(
                "auth",
                new JsonObject()
                    .put("client_token", t)
                    .put("lease_duration", tokenTtlSeconds)
                    .put("renewable", true)));
  }

  private synchronized void read(RoutingContext ctx) {
    if (token(ctx) == null) {
      return;
    }
    reads.incrementAndGet();
    if (versions.isEmpty()) {
      error(ctx, 404, "");
      return;
    }
    int v = versions.size();
    send(
        ctx,
        200,
        new JsonObject()
            .put(
                "data",
                new JsonObject()
                    .put("data", versions.get(v - 1))
                    .put(
                        "metadata",
                        new JsonObject()
                            .put("created_time", "2026-01-01T00:00:00Z")
                            .put("deletion_time", "")
                            .put("destroyed", false)
                            .put("version", v))));
  }

  private static void error(RoutingContext ctx, int status, String message) {
    JsonArray errors = new JsonArray();
    if (!message.isEmpty()) {
      errors.add(message);
    }
    send(ctx, status, new JsonObject().put("errors", errors));
  }

  private static void send(RoutingContext ctx, int status, JsonObject body) {
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .end(body.encode());
  }

  @Override
  public void close() {
    server.close().await();
  }
}
