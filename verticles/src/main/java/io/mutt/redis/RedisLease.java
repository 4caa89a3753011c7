package io.mutt.redis;

import io.mutt.pipeline.delivery.LeaderLease;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exactly one active remediation instance (ADR 0004): a Redis lease {@code mutt:leader:remediation}
 * taken with {@code SET NX PX} under a unique token, renewed by compare-and-expire every third of
 * the lease and released by compare-and-delete, so a node can only ever extend or drop its own
 * lease. A node that stops renewing (killed, cut off) loses the key when the lease runs out and
 * another node takes it at its next attempt. The static {@link #acquire} and {@link #release} are
 * the same take and compare-and-delete for one-shot locks that are never renewed (the circuit
 * breaker's half-open probe).
 */
public final class RedisLease {

  private static final Logger LOG = LoggerFactory.getLogger(RedisLease.class);

  private static final LuaScript RENEW =
      new LuaScript(
          """
      if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
      return 0
      """);
  private static final LuaScript RELEASE =
      new LuaScript(
          """
      if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
      return 0
      """);

  private final String role;
  private final Redis redis;
  private final String key;
  private final String token;
  private final LeaderLease lease;
  private boolean holder;

  /** A lease named {@code role} (for logs) on {@code key}, held under the unique {@code token}. */
  public RedisLease(String role, Redis redis, String key, String token, LeaderLease lease) {
    this.role = role;
    this.redis = redis;
    this.key = key;
    this.token = token;
    this.lease = lease;
  }

  /**
   * Renews a held lease or tries to take a free one; completes with whether this node leads now.
   */
  public Future<Boolean> tick() {
    long sent = System.currentTimeMillis();
    Future<Boolean> attempt =
        holder
            ? renew(redis, key, token, lease.leaseMs())
            : acquire(redis, key, token, lease.leaseMs());
    return attempt
        .otherwise(false)
        .map(
            ok -> {
              boolean was = holder;
              holder = ok;
              if (ok) {
                lease.confirmed(sent);
              } else {
                lease.lost();
              }
              if (ok != was) {
                LOG.info(
                    ok ? "{} leadership acquired ({})" : "{} leadership lost ({})", role, token);
              }
              return ok;
            });
  }

  /** Whether this node may act as leader now. */
  public boolean leading() {
    return holder && lease.valid(System.currentTimeMillis());
  }

  public Future<Void> release() {
    if (!holder) {
      return Future.succeededFuture();
    }
    holder = false;
    lease.lost();
    return release(redis, key, token)
        .onSuccess(r -> LOG.info("{} leadership released ({})", role, token))
        .onFailure(
            err ->
                LOG.warn(
                    "{} lease not released ({}): {}; it expires by itself",
                    role,
                    token,
                    err.getMessage()))
        .<Void>mapEmpty()
        .otherwiseEmpty();
  }

  public long renewEveryMs() {
    return lease.renewEveryMs();
  }

  /**
   * Takes {@code key} under {@code token} for {@code leaseMs} if nobody holds it ({@code SET NX
   * PX}); completes with whether it was taken. Never renews: a key already held under the same
   * token is not taken again.
   */
  public static Future<Boolean> acquire(Redis redis, String key, String token, long leaseMs) {
    return redis
        .send(Request.cmd(Command.SET).arg(key).arg(token).arg("NX").arg("PX").arg(leaseMs))
        .map(r -> r != null && "OK".equals(r.toString()));
  }

  /**
   * Extends {@code key} to {@code leaseMs} only if it is still held under {@code token}
   * (compare-and-expire); completes with whether it was.
   */
  public static Future<Boolean> renew(Redis redis, String key, String token, long leaseMs) {
    return RENEW
        .run(redis, List.of(key), List.of(token, leaseMs))
        .map(r -> r != null && r.toInteger() == 1);
  }

  /** Deletes {@code key} only if it is still held under {@code token} (compare-and-delete). */
  public static Future<Response> release(Redis redis, String key, String token) {
    return RELEASE.run(redis, List.of(key), List.of(token));
  }
}
