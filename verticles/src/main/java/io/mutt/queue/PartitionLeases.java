package io.mutt.queue;

import io.mutt.redis.LuaScript;
import io.mutt.redis.RedisLease;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consumer's share of a partitioned stream (ADR 0031). Every third of the lease the consumer
 * renews its heartbeat in the group's member set (a sorted set scored by lease end, Redis clock),
 * drops members whose lease ran out and reads the live list. Sorted by name, the live members
 * divide the partitions: partition {@code p} belongs to the member at rank {@code p mod M}. The
 * consumer renews the leases of the partitions it holds, takes its own ones when their lease is
 * free ({@code SET NX PX}), and gives up the others in two steps: it stops reading a partition at
 * once and deletes that lease (compare-and-delete) one heartbeat later, so a batch it was still
 * processing is acknowledged before the next owner reads. A partition is therefore read by at most
 * one consumer at a time, and one host's events, which share a partition, are processed in order. A
 * consumer that stops heartbeating (killed, cut off) leaves the member set and loses its leases
 * after one lease; the others then take its partitions, and their janitor takes over its pending
 * entries ({@code XAUTOCLAIM}). All keys carry one hash tag, so every call touches one slot.
 */
final class PartitionLeases {

  private static final Logger LOG = LoggerFactory.getLogger(PartitionLeases.class);

  /** KEYS[1] member set; ARGV[1] name, ARGV[2] lease ms. Answers the live members. */
  private static final LuaScript HEARTBEAT =
      new LuaScript(
          """
      local t = redis.call('TIME')
      local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
      redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
      redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
      redis.call('PEXPIRE', KEYS[1], 10 * tonumber(ARGV[2]))
      return redis.call('ZRANGE', KEYS[1], 0, -1)
      """);

  private final Redis redis;
  private final String members;
  private final IntFunction<String> leaseKey;
  private final java.util.function.IntPredicate settled;
  private final java.util.function.IntConsumer released;
  private final int partitions;
  private final String name;
  private final long leaseMs;

  /** Partitions this consumer holds and reads. */
  private final TreeSet<Integer> reading = new TreeSet<>();

  /**
   * Partitions held but no longer read, with the time reading stopped: their lease is renewed until
   * every entry read from them is acknowledged (or a lease has passed), then deleted.
   */
  private final java.util.TreeMap<Integer, Long> handingOver = new java.util.TreeMap<>();

  /** {@link #reading} as of the last change, for readers on other threads. */
  private volatile List<Integer> held = List.of();

  private volatile long validUntilMs;
  private int liveMembers;
  private long timer = -1;
  private boolean beating;
  private boolean left;

  PartitionLeases(
      Redis redis,
      String members,
      IntFunction<String> leaseKey,
      int partitions,
      String name,
      long leaseMs,
      java.util.function.IntPredicate settled,
      java.util.function.IntConsumer released) {
    this.redis = redis;
    this.members = members;
    this.leaseKey = leaseKey;
    this.settled = settled;
    this.released = released;
    this.partitions = partitions;
    this.name = name;
    this.leaseMs = leaseMs;
  }

  /** Starts heartbeating on the caller's context; completes after the first heartbeat. */
  Future<Void> start(Vertx vertx) {
    long every = Math.max(50, leaseMs / 3);
    timer = vertx.setPeriodic(every, every, id -> beat());
    return heartbeat().otherwiseEmpty();
  }

  /** The partitions this consumer may read now (none once its leases may have run out). */
  List<Integer> readable() {
    if (System.currentTimeMillis() >= validUntilMs) {
      return List.of();
    }
    return held;
  }

  /** Members seen at the last heartbeat. */
  int liveMembers() {
    return liveMembers;
  }

  private void beat() {
    if (beating || left) {
      return;
    }
    beating = true;
    heartbeat()
        .onComplete(
            ar -> {
              beating = false;
              if (ar.failed()) {
                LOG.warn("{}: partition heartbeat failed: {}", name, ar.cause().getMessage());
              }
            });
  }

  private Future<Void> heartbeat() {
    long sent = System.currentTimeMillis();
    return HEARTBEAT
        .run(redis, List.of(members), List.of(name, leaseMs))
        .compose(
            live -> {
              List<String> names = new ArrayList<>();
              for (Response r : live) {
                names.add(r.toString());
              }
              names.sort(null);
              int rank = names.indexOf(name);
              liveMembers = names.size();
              return settle(rank, names.size(), sent);
            });
  }

  /** Renews what is held, hands over what is no longer this member's, takes what is. */
  private Future<Void> settle(int rank, int m, long sent) {
    Set<Integer> mine = new TreeSet<>();
    for (int p = 0; rank >= 0 && p < partitions; p++) {
      if (p % m == rank) {
        mine.add(p);
      }
    }
    List<Future<?>> steps = new ArrayList<>();
    long now = System.currentTimeMillis();
    for (var e : new ArrayList<>(handingOver.entrySet())) {
      int p = e.getKey();
      if (mine.contains(p)) {
        handingOver.remove(p);
        reading.add(p);
      } else if (settled.test(p) || now - e.getValue() >= leaseMs) {
        handingOver.remove(p);
        released.accept(p);
        steps.add(RedisLease.release(redis, leaseKey.apply(p), name));
      } else {
        steps.add(RedisLease.renew(redis, leaseKey.apply(p), name, leaseMs));
      }
    }
    for (int p : new ArrayList<>(reading)) {
      steps.add(
          RedisLease.renew(redis, leaseKey.apply(p), name, leaseMs)
              .onSuccess(
                  renewed -> {
                    if (!renewed) {
                      reading.remove(p);
                      LOG.warn("{} lost partition {} (its lease ran out)", name, p);
                    } else if (!mine.contains(p)) {
                      reading.remove(p);
                      handingOver.put(p, System.currentTimeMillis());
                      LOG.info("{} hands partition {} over", name, p);
                    }
                  }));
    }
    for (int p : mine) {
      if (!reading.contains(p)) {
        steps.add(
            RedisLease.acquire(redis, leaseKey.apply(p), name, leaseMs)
                .onSuccess(
                    taken -> {
                      if (taken) {
                        reading.add(p);
                        handingOver.remove(p);
                        LOG.info("{} took partition {}", name, p);
                      }
                    }));
      }
    }
    return Future.join(steps)
        .transform(
            ar -> {
              held = List.copyOf(reading);
              if (ar.succeeded()) {
                validUntilMs = sent + leaseMs;
              }
              return ar.succeeded()
                  ? Future.<Void>succeededFuture()
                  : Future.failedFuture(ar.cause());
            });
  }

  /** Leaves the group: stops heartbeating, deletes its member entry and its leases. */
  Future<Void> leave(Vertx vertx) {
    left = true;
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    List<Future<?>> steps = new ArrayList<>();
    TreeSet<Integer> owned = new TreeSet<>(reading);
    owned.addAll(handingOver.keySet());
    reading.clear();
    handingOver.clear();
    held = List.of();
    validUntilMs = 0;
    steps.add(redis.send(Request.cmd(Command.ZREM).arg(members).arg(name)));
    for (int p : owned) {
      steps.add(RedisLease.release(redis, leaseKey.apply(p), name));
    }
    return Future.join(steps).<Void>mapEmpty().otherwiseEmpty();
  }
}
