package io.mutt.web;

import io.mutt.db.DatabaseBreaker;
import io.mutt.http.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * The web role's side of the PostgreSQL breaker (ADR 0025): routes whose answer needs the database
 * answer {@code 503} with the reason and {@code Retry-After} while the breaker is open, without
 * waiting for a connection; a request that finds the database unreachable opens it and gets the
 * same answer instead of a 500. Routes served from Redis alone (DLQ listing, dynamic config reads,
 * dashboard metrics, the live feed) are not gated.
 */
final class DatabaseGate {

  static final String BREAKER = "mutt.databaseBreaker";

  /** API paths (below each version prefix) whose every answer comes from PostgreSQL. */
  static final List<String> DATABASE_ROUTES =
      List.of(
          "/rules",
          "/rules/*",
          "/dev-hosts",
          "/dev-hosts/*",
          "/teams",
          "/teams/*",
          "/audit-logs",
          "/config-audit",
          "/config/history",
          "/events/*");

  private final DatabaseBreaker breaker;

  DatabaseGate(DatabaseBreaker breaker) {
    this.breaker = breaker;
  }

  /** Puts the breaker on every request (for {@link #answer}) and gates the database routes. */
  void mount(Router r, List<String> versions) {
    r.route("/api/*")
        .handler(
            ctx -> {
              ctx.put(BREAKER, breaker);
              ctx.next();
            });
    for (String v : versions) {
      for (String path : DATABASE_ROUTES) {
        r.route(v + path).handler(this::gate);
      }
    }
  }

  private void gate(RoutingContext ctx) {
    if (breaker.available()) {
      ctx.next();
    } else {
      unavailable(ctx, breaker.reason(), breaker.retryMs());
    }
  }

  /**
   * Answers a failure that means PostgreSQL cannot be reached with a 503 (opening the breaker);
   * answers whether it did.
   */
  static boolean answer(RoutingContext ctx, Throwable err) {
    DatabaseBreaker breaker = ctx.get(BREAKER);
    boolean refused = err instanceof DatabaseBreaker.DatabaseUnavailable;
    if (!refused && !DatabaseBreaker.unreachable(err)) {
      return false;
    }
    String reason = err.getMessage();
    long retryMs = 5000;
    if (breaker != null) {
      breaker.failed(err);
      if (!breaker.available()) {
        reason = breaker.reason();
      }
      retryMs = breaker.retryMs();
    }
    unavailable(ctx, reason, retryMs);
    return true;
  }

  private static void unavailable(RoutingContext ctx, String reason, long retryMs) {
    ctx.response().putHeader("Retry-After", String.valueOf(Math.max(1, (retryMs + 999) / 1000)));
    Json.send(
        ctx,
        503,
        new JsonObject()
            .put("error", "Database unavailable")
            .put("reason", reason == null ? "PostgreSQL unreachable" : reason));
  }
}
