package io.mutt.redis;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The Redis check of every {@code /health}: a PING that answers within {@link #TIMEOUT_MS}, so a
 * health probe never hangs on a Redis that accepts no connection or never replies (a probe without
 * an answer is worse for an orchestrator than a 503).
 */
public final class RedisPing {

  /** How long a health check waits for Redis to answer PING. */
  public static final long TIMEOUT_MS = 2_000;

  private RedisPing() {}

  public static Future<Response> ping(Redis redis) {
    return redis
        .send(Request.cmd(Command.PING))
        .timeout(TIMEOUT_MS, TimeUnit.MILLISECONDS)
        .recover(
            err ->
                Future.failedFuture(
                    err instanceof TimeoutException
                        ? "no answer to PING within " + TIMEOUT_MS + " ms"
                        : err.getMessage()));
  }
}
