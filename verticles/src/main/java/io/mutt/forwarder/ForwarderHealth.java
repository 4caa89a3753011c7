package io.mutt.forwarder;

import io.mutt.http.HealthReport;
import io.mutt.redis.RedisPing;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The forwarder's {@code /health}: Redis PING and {@code HEAD MOOG_WEBHOOK_URL} (2 s; any HTTP
 * answer is fine, only transport errors fail). The body also reports the shared circuit state
 * ({@code circuit_breaker}).
 */
final class ForwarderHealth {

  private final ForwarderShared fx;
  private final MoogClient moog;

  ForwarderHealth(ForwarderShared fx, MoogClient moog) {
    this.fx = fx;
    this.moog = moog;
  }

  /** Closes the client of the webhook probe. */
  void close() {
    moog.close();
  }

  Future<HealthReport> check() {
    Future<String> redis =
        RedisPing.ping(fx.rt().redis())
            .map(r -> (String) null)
            .otherwise(err -> "Redis: " + err.getMessage());
    Future<String> webhook =
        moog.head(fx.settings().healthHeadTimeoutMs())
            .map(status -> (String) null)
            .otherwise(err -> "Moog webhook: " + MoogClient.describe(err));
    return Future.join(redis, webhook)
        .transform(
            ar -> {
              JsonArray errors = new JsonArray();
              if (redis.result() != null) {
                errors.add(redis.result());
              }
              if (webhook.result() != null) {
                errors.add(webhook.result());
              }
              boolean healthy = errors.isEmpty();
              JsonObject body =
                  new JsonObject()
                      .put("status", healthy ? "healthy" : "unhealthy")
                      .put("service", "mutt-moog-forwarder")
                      .put("version", "2.5")
                      .put("pod", fx.rt().podName())
                      .put(
                          "circuit_breaker",
                          fx.breaker().enabled() ? fx.breaker().state().name() : "DISABLED");
              if (!healthy) {
                body.put("errors", errors);
              }
              return Future.succeededFuture(new HealthReport(healthy, body));
            });
  }
}
