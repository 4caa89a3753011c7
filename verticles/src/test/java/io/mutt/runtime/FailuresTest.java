package io.mutt.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.mutt.testsupport.Ports;
import io.mutt.testsupport.TestServices;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each class of failure produced by a real Redis client against a real (or absent) server. */
class FailuresTest {

  final Vertx vertx = Vertx.vertx();
  final Map<String, String> redis = TestServices.redis();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  private RedisOptions options(int port) {
    RedisOptions o =
        new RedisOptions()
            .setConnectionString("redis://" + redis.get("REDIS_HOST") + ":" + port)
            .setMaxPoolSize(1)
            .setMaxPoolWaiting(0)
            .setMaxWaitingHandlers(1);
    if (redis.containsKey("REDIS_PASS_CURRENT")) {
      o.setPassword(redis.get("REDIS_PASS_CURRENT"));
    }
    return o;
  }

  private int port() {
    return Integer.parseInt(redis.get("REDIS_PORT"));
  }

  private static Throwable failure(Future<?> f) {
    try {
      f.timeout(10, TimeUnit.SECONDS).await();
    } catch (Throwable t) {
      return t;
    }
    throw new AssertionError("the call succeeded");
  }

  @Test
  void a_call_through_a_client_this_process_closed_is_closed_and_nothing_else() {
    Redis client = Redis.createClient(vertx, options(port()));
    client.close().await();

    Throwable err = failure(client.send(Request.cmd(Command.PING)));

    assertThat(Failures.isClosed(err)).as("%s", err).isTrue();
    assertThat(Failures.isConnectionClosed(err)).isFalse();
    assertThat(Failures.isConnectionLoss(err)).isFalse();
    assertThat(Failures.isPoolExhausted(err)).isFalse();
  }

  @Test
  void a_call_after_the_client_closed_its_pooled_connection_is_closed_or_connection_closed() {
    Redis client = Redis.createClient(vertx, options(port()));
    client.send(Request.cmd(Command.PING)).await();
    client.close().await();

    // Depending on whether the pooled connection's channel is gone yet, the call meets the closed
    // client or the closed channel (Netty's StacklessClosedChannelException).
    Throwable err = failure(client.send(Request.cmd(Command.PING)));

    assertThat(Failures.isClosed(err) || Failures.isConnectionClosed(err)).as("%s", err).isTrue();
    assertThat(Failures.isPoolExhausted(err)).isFalse();
  }

  @Test
  void a_server_that_is_not_there_is_a_connection_loss() {
    Redis client = Redis.createClient(vertx, options(Ports.free()));

    Throwable err = failure(client.send(Request.cmd(Command.PING)));

    assertThat(Failures.isConnectionLoss(err)).as("%s", err).isTrue();
    assertThat(Failures.isClosed(err)).isFalse();
    assertThat(Failures.isConnectionClosed(err)).isFalse();
  }

  @Test
  void a_connection_killed_under_a_pending_call_is_connection_closed() {
    Redis client = Redis.createClient(vertx, options(port()));
    RedisConnection conn = client.connect().await();
    conn.send(Request.cmd(Command.CLIENT).arg("SETNAME").arg("failures-test-victim")).await();
    long id = id(conn);
    Future<?> blocked = conn.send(Request.cmd(Command.BLPOP).arg("failures-test-none").arg(10));
    Redis killer = Redis.createClient(vertx, new RedisOptions(options(port())).setMaxPoolSize(2));
    killer
        .send(Request.cmd(Command.CLIENT).arg("KILL").arg("SKIPME").arg("yes").arg("ID").arg(id))
        .await();

    Throwable err = failure(blocked);

    assertThat(Failures.isConnectionClosed(err)).as("%s", err).isTrue();
    assertThat(Failures.isClosed(err)).isFalse();
    assertThat(Failures.isPoolExhausted(err)).isFalse();
  }

  @Test
  void a_call_with_no_room_in_the_pool_is_pool_exhausted() {
    Redis client = Redis.createClient(vertx, options(port()));
    RedisConnection held = client.connect().await();

    Throwable err = failure(client.send(Request.cmd(Command.PING)));

    assertThat(Failures.isPoolExhausted(err)).as("%s", err).isTrue();
    assertThat(Failures.isClosed(err)).isFalse();
    held.close();
  }

  @Test
  void a_redis_error_reply_is_none_of_them() {
    Redis client = Redis.createClient(vertx, options(port()));
    String key = redis.get("MUTT_KEY_PREFIX") + ":failures-test";
    client.send(Request.cmd(Command.SET).arg(key).arg("x")).await();

    Throwable err = failure(client.send(Request.cmd(Command.XLEN).arg(key)));

    assertThat(Failures.isClosed(err)).as("%s", err).isFalse();
    assertThat(Failures.isConnectionClosed(err)).isFalse();
    assertThat(Failures.isConnectionLoss(err)).isFalse();
    assertThat(Failures.isPoolExhausted(err)).isFalse();
    client.send(Request.cmd(Command.DEL).arg(key)).await();
  }

  private static long id(RedisConnection conn) {
    return conn.send(Request.cmd(Command.CLIENT).arg("ID")).await().toLong();
  }
}
