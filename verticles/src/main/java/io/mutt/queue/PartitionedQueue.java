package io.mutt.queue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;
import java.util.function.ToIntFunction;

/**
 * A {@link DurableQueue} over several stream partitions, one consumer group across them (ADR 0031).
 * Appends go to the partition of the entry's hostname. A consumer {@link #join joins} the group and
 * reads only the partitions its {@link PartitionLeases} hold: each read first looks at every held
 * partition without waiting, in turn (the one after the last served first), and only when all are
 * empty waits on one of them for a share of the block time. Entry ids are qualified with their
 * partition ({@code <partition>/<stream id>}), so acknowledgements find their stream; depth and
 * pending counts are sums over the partitions. Nothing here runs a command on two partitions at
 * once: each command touches one Redis Cluster slot.
 */
final class PartitionedQueue implements DurableQueue {

  private final Redis redis;
  private final String name;
  private final List<RedisStreamQueue> parts;
  private final ToIntFunction<String> partitionOf;
  private final String members;
  private final IntFunction<String> leaseKey;
  private final long leaseMs;
  private final Map<String, Consumer> consumers = new ConcurrentHashMap<>();

  /** Per partition, entries handed out by this object and not acknowledged through it yet. */
  private final java.util.concurrent.atomic.AtomicLongArray outstanding;

  /** Per partition, reads sent and not answered yet (their entries will be outstanding). */
  private final java.util.concurrent.atomic.AtomicLongArray readsInFlight;

  /** One joined consumer: its leases, where its next read starts, and its context's Vert.x. */
  private static final class Consumer {
    final PartitionLeases leases;
    final Vertx vertx;
    int cursor;

    Consumer(PartitionLeases leases, Vertx vertx) {
      this.leases = leases;
      this.vertx = vertx;
    }
  }

  PartitionedQueue(
      Redis redis,
      String name,
      List<String> keys,
      String group,
      ToIntFunction<String> partitionOf,
      String members,
      IntFunction<String> leaseKey,
      long leaseMs) {
    this.redis = redis;
    this.name = name;
    this.parts = new ArrayList<>(keys.size());
    for (String k : keys) {
      parts.add(new RedisStreamQueue(redis, k, group));
    }
    this.outstanding = new java.util.concurrent.atomic.AtomicLongArray(keys.size());
    this.readsInFlight = new java.util.concurrent.atomic.AtomicLongArray(keys.size());
    this.partitionOf = partitionOf;
    this.members = members;
    this.leaseKey = leaseKey;
    this.leaseMs = leaseMs;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int partitions() {
    return parts.size();
  }

  @Override
  public String keyOf(String id) {
    return parts.get(partition(id)).name();
  }

  @Override
  public String keyFor(String payload) {
    return parts.get(partitionOf.applyAsInt(payload)).name();
  }

  @Override
  public String streamId(String id) {
    int slash = id.indexOf('/');
    return slash < 0 ? id : id.substring(slash + 1);
  }

  /** The partition of a qualified id ({@code <partition>/<stream id>}). */
  @Override
  public int partition(String id) {
    int slash = id.indexOf('/');
    if (slash <= 0) {
      throw new IllegalArgumentException("not a partitioned entry id: " + id);
    }
    return Integer.parseInt(id.substring(0, slash));
  }

  @Override
  public Future<Void> join(Vertx vertx, String consumer) {
    PartitionLeases leases =
        new PartitionLeases(
            redis,
            members,
            leaseKey,
            parts.size(),
            consumer,
            leaseMs,
            p -> outstanding.get(p) <= 0 && readsInFlight.get(p) <= 0,
            p -> outstanding.set(p, 0));
    consumers.put(consumer, new Consumer(leases, vertx));
    return leases.start(vertx);
  }

  @Override
  public int partitionsHeld() {
    int n = 0;
    for (Consumer c : consumers.values()) {
      n += c.leases.readable().size();
    }
    return n;
  }

  @Override
  public List<Integer> heldBy(String consumer) {
    Consumer c = consumers.get(consumer);
    return c == null ? List.of() : c.leases.readable();
  }

  @Override
  public Future<Void> leave(String consumer) {
    Consumer c = consumers.remove(consumer);
    return c == null ? Future.succeededFuture() : c.leases.leave(c.vertx);
  }

  @Override
  public Future<Void> ensureGroup() {
    List<Future<Void>> all = new ArrayList<>();
    parts.forEach(p -> all.add(p.ensureGroup()));
    return Future.all(all).mapEmpty();
  }

  @Override
  public Future<String> append(String payload) {
    int p = partitionOf.applyAsInt(payload);
    return parts.get(p).append(payload).map(id -> qualify(p, id));
  }

  @Override
  public Future<List<String>> appendAll(List<String> payloads) {
    Map<Integer, List<Integer>> byPartition = new java.util.TreeMap<>();
    for (int i = 0; i < payloads.size(); i++) {
      byPartition
          .computeIfAbsent(partitionOf.applyAsInt(payloads.get(i)), k -> new ArrayList<>())
          .add(i);
    }
    String[] ids = new String[payloads.size()];
    List<Future<Void>> writes = new ArrayList<>();
    byPartition.forEach(
        (p, positions) ->
            writes.add(
                parts
                    .get(p)
                    .appendAll(positions.stream().map(payloads::get).toList())
                    .map(
                        got -> {
                          for (int j = 0; j < got.size(); j++) {
                            ids[positions.get(j)] = qualify(p, got.get(j));
                          }
                          return null;
                        })));
    return Future.all(writes).map(v -> java.util.Arrays.asList(ids));
  }

  @Override
  public Future<List<QueueEntry>> readOwnPending(String consumer, int count) {
    return firstNonEmpty(allPartitions(), 0, p -> parts.get(p).readOwnPending(consumer, count));
  }

  @Override
  public Future<List<QueueEntry>> read(String consumer, int count, long blockMs) {
    Consumer c = consumers.get(consumer);
    if (c == null) {
      throw new IllegalStateException(consumer + " has not joined " + name);
    }
    List<Integer> held = rotated(c, c.leases.readable());
    if (held.isEmpty()) {
      Promise<List<QueueEntry>> none = Promise.promise();
      c.vertx.setTimer(Math.max(1, Math.min(blockMs, 250)), t -> none.complete(List.of()));
      return none.future();
    }
    return firstNonEmpty(held, 0, p -> parts.get(p).read(consumer, count, 0))
        .compose(
            got -> {
              if (!got.isEmpty() || blockMs <= 0) {
                advance(c, got);
                return Future.succeededFuture(got);
              }
              int p = held.get(0);
              long wait = Math.max(1, blockMs / held.size());
              c.cursor = p + 1;
              return reading(p, parts.get(p).read(consumer, count, wait)).map(e -> handedOut(p, e));
            });
  }

  @Override
  public Future<List<QueueEntry>> claimIdle(String consumer, long minIdleMs, int count) {
    Consumer c = consumers.get(consumer);
    List<Integer> held = c == null ? List.of() : rotated(c, c.leases.readable());
    return firstNonEmpty(held, 0, p -> parts.get(p).claimIdle(consumer, minIdleMs, count));
  }

  @Override
  public Future<Void> ack(List<String> ids) {
    if (ids.isEmpty()) {
      return Future.succeededFuture();
    }
    Map<Integer, List<String>> byPartition = new java.util.TreeMap<>();
    for (String id : ids) {
      byPartition.computeIfAbsent(partition(id), k -> new ArrayList<>()).add(streamId(id));
    }
    List<Future<Void>> acks = new ArrayList<>();
    byPartition.forEach(
        (p, raw) ->
            acks.add(
                parts
                    .get(p)
                    .ack(raw)
                    .onSuccess(
                        v ->
                            outstanding.accumulateAndGet(
                                p, raw.size(), (a, b) -> Math.max(0, a - b)))));
    return Future.all(acks).mapEmpty();
  }

  @Override
  public Future<Long> depth() {
    return sum(RedisStreamQueue::depth);
  }

  @Override
  public Future<Long> pendingCount() {
    return sum(RedisStreamQueue::pendingCount);
  }

  private Future<Long> sum(java.util.function.Function<RedisStreamQueue, Future<Long>> each) {
    List<Future<Long>> all = new ArrayList<>();
    parts.forEach(p -> all.add(each.apply(p)));
    return Future.all(all)
        .map(
            f -> {
              long total = 0;
              for (Long v : f.<Long>list()) {
                total += v == null ? 0 : v;
              }
              return total;
            });
  }

  private List<Integer> allPartitions() {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < parts.size(); i++) {
      out.add(i);
    }
    return out;
  }

  /** {@code held} starting at the consumer's cursor, wrapping around. */
  private static List<Integer> rotated(Consumer c, List<Integer> held) {
    if (held.size() < 2) {
      return held;
    }
    int start = 0;
    while (start < held.size() && held.get(start) < c.cursor) {
      start++;
    }
    List<Integer> out = new ArrayList<>(held.size());
    for (int i = 0; i < held.size(); i++) {
      out.add(held.get((start + i) % held.size()));
    }
    return out;
  }

  private void advance(Consumer c, List<QueueEntry> got) {
    if (!got.isEmpty()) {
      c.cursor = partition(got.get(0).id()) + 1;
    }
  }

  /**
   * The entries of the first partition in {@code order} (from index {@code i}) that answers any,
   * qualified with it; empty when none does.
   */
  private Future<List<QueueEntry>> firstNonEmpty(
      List<Integer> order,
      int i,
      java.util.function.IntFunction<Future<List<QueueEntry>>> readOne) {
    if (i >= order.size()) {
      return Future.succeededFuture(List.of());
    }
    int p = order.get(i);
    return reading(p, readOne.apply(p))
        .compose(
            got ->
                got.isEmpty()
                    ? firstNonEmpty(order, i + 1, readOne)
                    : Future.succeededFuture(handedOut(p, got)));
  }

  /** Counts {@code read} as in flight on partition {@code p} until it answers. */
  private Future<List<QueueEntry>> reading(int p, Future<List<QueueEntry>> read) {
    readsInFlight.incrementAndGet(p);
    return read.andThen(ar -> readsInFlight.decrementAndGet(p));
  }

  /** {@link #qualified} entries, counted as outstanding until acknowledged. */
  private List<QueueEntry> handedOut(int p, List<QueueEntry> entries) {
    outstanding.addAndGet(p, entries.size());
    return qualified(p, entries);
  }

  private static List<QueueEntry> qualified(int p, List<QueueEntry> entries) {
    List<QueueEntry> out = new ArrayList<>(entries.size());
    for (QueueEntry e : entries) {
      out.add(new QueueEntry(qualify(p, e.id()), e.payload(), e.deliveries()));
    }
    return out;
  }

  static String qualify(int p, String id) {
    return p + "/" + id;
  }
}
