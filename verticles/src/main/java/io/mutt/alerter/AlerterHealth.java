package io.mutt.alerter;

import io.mutt.http.HealthReport;
import io.mutt.runtime.MuttRuntime;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;

/** The alerter health check: Redis PING and PostgreSQL {@code SELECT 1}. */
final class AlerterHealth {

  private AlerterHealth() {}

  static Future<HealthReport> check(MuttRuntime rt) {
    Future<?> redis = rt.redis().send(Request.cmd(Command.PING));
    Future<?> db = rt.pg().query("SELECT 1").execute();
    return Future.join(redis, db)
        .transform(
            ignored -> {
              JsonArray errors = new JsonArray();
              if (redis.failed()) {
                errors.add("Redis: " + redis.cause().getMessage());
              }
              if (db.failed()) {
                errors.add("PostgreSQL: " + db.cause().getMessage());
              }
              JsonObject body =
                  new JsonObject()
                      .put("status", errors.isEmpty() ? "healthy" : "unhealthy")
                      .put("service", "mutt-alerter")
                      .put("version", "2.5")
                      .put("pod", rt.podName());
              if (!errors.isEmpty()) {
                body.put("errors", errors);
              }
              return Future.succeededFuture(new HealthReport(errors.isEmpty(), body));
            });
  }
}
