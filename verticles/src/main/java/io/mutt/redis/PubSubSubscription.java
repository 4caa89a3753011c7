package io.mutt.redis;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A SUBSCRIBE to one Redis Pub/Sub channel on a connection of its own. A lost connection (Redis
 * restarted, a Sentinel or Cluster failover) subscribes again after 1 s, and again every second
 * while that fails, until {@link #close()}. What a failed first subscription does is the caller's
 * choice: {@link #start()} hands the failure back, {@link #startRetrying()} keeps trying.
 */
public final class PubSubSubscription {

  private static final Logger LOG = LoggerFactory.getLogger(PubSubSubscription.class);
  private static final long RETRY_MS = 1000;

  private final Vertx vertx;
  private final Redis redis;
  private final String channel;
  private final String purpose;
  private final Handler<Response> onMessage;
  private final Runnable onResubscribed;
  private RedisConnection connection;
  private volatile boolean closed;

  /**
   * @param purpose what the subscription is for, in log lines ("cannot subscribe to … for …")
   * @param onMessage every message the connection receives
   * @param onResubscribed run after each successful subscription that followed a lost connection
   */
  public PubSubSubscription(
      Vertx vertx,
      Redis redis,
      String channel,
      String purpose,
      Handler<Response> onMessage,
      Runnable onResubscribed) {
    this.vertx = vertx;
    this.redis = redis;
    this.channel = channel;
    this.purpose = purpose;
    this.onMessage = onMessage;
    this.onResubscribed = onResubscribed;
  }

  /** Subscribes once; the future fails if this first subscription fails (nothing is retried). */
  public Future<Void> start() {
    return subscribe();
  }

  /** Subscribes, and on failure logs it and tries again every second until it succeeds. */
  public void startRetrying() {
    if (closed) {
      return;
    }
    subscribe().onFailure(this::retryLater);
  }

  private Future<Void> subscribe() {
    return redis
        .connect()
        .compose(
            conn -> {
              connection = conn;
              conn.handler(onMessage);
              conn.exceptionHandler(
                  err -> LOG.warn("{} subscription error: {}", purpose, err.getMessage()));
              conn.endHandler(v -> resubscribeLater());
              return conn.send(Request.cmd(Command.SUBSCRIBE).arg(channel)).mapEmpty();
            });
  }

  private void retryLater(Throwable err) {
    LOG.warn("cannot subscribe to {} for {}: {}", channel, purpose, err.getMessage());
    resubscribeLater();
  }

  private void resubscribeLater() {
    if (!closed) {
      vertx.setTimer(
          RETRY_MS,
          t -> {
            if (!closed) {
              subscribe().onSuccess(v -> onResubscribed.run()).onFailure(this::retryLater);
            }
          });
    }
  }

  /** Stops subscribing again and closes the current connection, if any. */
  public Future<Void> close() {
    closed = true;
    return connection == null ? Future.succeededFuture() : connection.close();
  }
}
