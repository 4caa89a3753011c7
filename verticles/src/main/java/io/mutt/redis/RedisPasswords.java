package io.mutt.redis;

import io.mutt.runtime.Failures;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.RedisStandaloneConnectOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connect options for each new pooled Redis connection, with the passwords read again from the
 * secrets (a Redis password rotated in Vault is used without a restart): one configured password is
 * used as it is; with two (current and next, during a rotation) the one that last worked is tried
 * first and, when Redis refuses it, the other, which is then kept. Connections already open stay
 * authenticated, as Redis keeps them when a password changes.
 */
final class RedisPasswords implements Supplier<Future<RedisStandaloneConnectOptions>> {

  private static final Logger LOG = LoggerFactory.getLogger(RedisPasswords.class);

  private final Vertx vertx;
  private final RedisOptions base;
  private final Supplier<List<String>> passwords;
  private volatile String good;

  RedisPasswords(
      Vertx vertx, RedisOptions base, Supplier<List<String>> passwords, String firstGood) {
    this.vertx = vertx;
    this.base = base;
    this.passwords = passwords;
    this.good = firstGood;
  }

  @Override
  public Future<RedisStandaloneConnectOptions> get() {
    List<String> now = passwords.get();
    String current = good;
    if (now.isEmpty() || (now.size() == 1 && Objects.equals(now.get(0), current))) {
      return Future.succeededFuture(options(current));
    }
    if (now.size() == 1) {
      good = now.get(0);
      LOG.info("Redis password changed in the secrets; new connections use the new one");
      return Future.succeededFuture(options(good));
    }
    List<String> order = new ArrayList<>(now.size());
    if (now.contains(current)) {
      order.add(current);
    }
    now.stream().filter(p -> !Objects.equals(p, current)).forEach(order::add);
    return probe(order, 0, null);
  }

  private Future<RedisStandaloneConnectOptions> probe(
      List<String> order, int index, Throwable last) {
    if (index >= order.size()) {
      return Future.failedFuture(
          "Redis refused every configured password: " + (last == null ? "" : last.getMessage()));
    }
    String password = order.get(index);
    Redis probe = Redis.createClient(vertx, new RedisOptions(base).setPassword(password));
    return probe
        .connect()
        .compose(conn -> conn.close().recover(e -> Future.succeededFuture()))
        .eventually(probe::close)
        .map(
            v -> {
              if (!Objects.equals(password, good)) {
                good = password;
                LOG.warn(
                    "Redis refused the password in use; switched to the other configured password"
                        + " (rotation)");
              }
              return options(password);
            })
        .recover(
            err ->
                Failures.isRedisAuthFailure(err)
                    ? probe(order, index + 1, err)
                    : Future.failedFuture(err));
  }

  private RedisStandaloneConnectOptions options(String password) {
    RedisStandaloneConnectOptions o = new RedisStandaloneConnectOptions(base);
    o.setPassword(password);
    return o;
  }
}
