package io.mutt.retention;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;

/**
 * A leader lease in Redis: one string key holding the owner's id with a millisecond expiry. {@link #hold()} takes
 * the lease when it is free ({@code SET NX PX} semantics) or renews it when this owner already holds it, in one
 * one-key script; {@link #release()} deletes it only if this owner still holds it. A leader that stops renewing
 * loses the lease after the expiry and another instance takes over.
 */
final class LeaderLock {

  private static final String HOLD = "local v = redis.call('GET', KEYS[1])"
      + " if v == ARGV[1] then redis.call('PEXPIRE', KEYS[1], ARGV[2]) return 1 end"
      + " if not v then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 1 end return 0";
  private static final String RELEASE = "if redis.call('GET', KEYS[1]) == ARGV[1] then"
      + " return redis.call('DEL', KEYS[1]) end return 0";

  private final Redis redis;
  private final String key;
  private final String owner;
  private final long ttlMs;

  LeaderLock(Redis redis, String key, String owner, long ttlMs) {
    this.redis = redis;
    this.key = key;
    this.owner = owner;
    this.ttlMs = ttlMs;
  }

  /** Takes or renews the lease; answers whether this owner is the leader now. */
  Future<Boolean> hold() {
    return redis.send(Request.cmd(Command.EVAL).arg(HOLD).arg(1).arg(key).arg(owner).arg(ttlMs))
        .map(r -> r != null && r.toInteger() == 1);
  }

  Future<Void> release() {
    return redis.send(Request.cmd(Command.EVAL).arg(RELEASE).arg(1).arg(key).arg(owner)).mapEmpty();
  }

  String owner() {
    return owner;
  }
}
