package io.mutt.alerter;

import io.mutt.db.DatabaseBreaker;
import io.mutt.http.HealthReport;
import io.mutt.redis.RedisPing;
import io.mutt.runtime.MuttRuntime;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The alerter health check: Redis PING and PostgreSQL {@code SELECT 1}. While the PostgreSQL
 * breaker is open (ADR 0025) the alerter is {@code degraded}, not unhealthy: it answers 200 with
 * the reason and the size of the rule cache it keeps, so an outage of the database does not get its
 * pods restarted and their rules lost; it reads nothing until the database is back.
 */
final class AlerterHealth {

  private AlerterHealth() {}

  static Future<HealthReport> check(MuttRuntime rt, DatabaseBreaker database, RuleCache cache) {
    Future<?> redis = RedisPing.ping(rt.redis());
    Future<?> db =
        database.available()
            ? rt.pg().query("SELECT 1").execute().onFailure(database::failed)
            : Future.failedFuture(database.reason());
    return Future.join(redis, db)
        .transform(
            ignored -> {
              JsonArray errors = new JsonArray();
              if (redis.failed()) {
                errors.add("Redis: " + redis.cause().getMessage());
              }
              boolean degraded = db.failed() && !database.available();
              if (db.failed() && !degraded) {
                errors.add("PostgreSQL: " + db.cause().getMessage());
              }
              String status = !errors.isEmpty() ? "unhealthy" : degraded ? "degraded" : "healthy";
              JsonObject body =
                  new JsonObject()
                      .put("status", status)
                      .put("service", "mutt-alerter")
                      .put("version", "2.5")
                      .put("pod", rt.podName());
              if (degraded) {
                body.put("database", "unavailable")
                    .put("reason", database.reason() + "; reading paused, rule cache kept")
                    .put("rules_cached", cache.current().matcher().size());
              }
              if (!errors.isEmpty()) {
                body.put("errors", errors);
              }
              return Future.succeededFuture(new HealthReport(errors.isEmpty(), body));
            });
  }
}
