package io.mutt.web;

import io.mutt.redis.RedisPing;
import io.mutt.redis.RedisTopology;
import io.mutt.runtime.MuttRuntime;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Web UI {@code /health}: Redis PING and database {@code SELECT 1}; no authentication. */
public final class HealthApi {

  private final MuttRuntime rt;

  public HealthApi(MuttRuntime rt) {
    this.rt = rt;
  }

  public void handle(RoutingContext ctx) {
    JsonObject body = new JsonObject().put("service", "mutt-webui").put("version", "2.5");
    Future<?> redis =
        RedisPing.ping(rt.redis())
            .recover(err -> Future.failedFuture("Redis: " + err.getMessage()));
    Future<?> db =
        rt.pg()
            .query("SELECT 1")
            .execute()
            .recover(err -> Future.failedFuture("PostgreSQL: " + err.getMessage()));
    Future<JsonObject> topology = redis.compose(pong -> RedisTopology.of(rt).describe());
    Future.all(topology, db)
        .onComplete(
            ar -> {
              if (ar.succeeded()) {
                Http.ok(
                    ctx,
                    200,
                    io.mutt.http.SecretsHealth.annotate(
                        body.put("status", "healthy")
                            .put("redis", "connected")
                            .put("redis_topology", topology.result())
                            .put("database", "connected"),
                        rt.secrets()));
              } else {
                Http.ok(
                    ctx,
                    503,
                    new JsonObject()
                        .put("status", "unhealthy")
                        .put("service", "mutt-webui")
                        .put("version", "2.5")
                        .put("error", ar.cause().getMessage()));
              }
            });
  }
}
