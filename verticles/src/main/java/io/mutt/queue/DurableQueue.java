package io.mutt.queue;

import io.mutt.contract.RedisKeys;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import java.util.List;

/**
 * An at-least-once work queue shared by every instance of a stage (ADR 0001). An entry stays owned
 * by the consumer that read it until that consumer acknowledges it; entries of a consumer that
 * stopped are taken over by a live one after an idle time; the delivery count tells how often an
 * entry was handed out, for poison detection.
 */
public interface DurableQueue {

  /** A queue on a Redis stream with one consumer group. */
  static DurableQueue redisStream(Redis redis, String key, String group) {
    return new RedisStreamQueue(redis, key, group);
  }

  /**
   * The queue on the stream partitions {@code keys} (ADR 0031): one partition is a plain {@link
   * #redisStream}; several are read by consumers that {@link #join} the group and share them out
   * through leases of {@code leaseMs}.
   */
  static DurableQueue partitioned(
      Redis redis, RedisKeys redisKeys, List<String> keys, String group, long leaseMs) {
    if (keys.size() == 1) {
      return redisStream(redis, keys.get(0), group);
    }
    return new PartitionedQueue(
        redis,
        keys.get(0),
        keys,
        group,
        payload -> redisKeys.partitions.of(EventHost.of(payload)),
        redisKeys.partitionMembers(group),
        p -> redisKeys.partitionOwner(group, p),
        leaseMs);
  }

  String name();

  /** How many stream partitions the queue spans. */
  default int partitions() {
    return 1;
  }

  /** The partition holding the entry {@code id}. */
  default int partition(String id) {
    return 0;
  }

  /** The stream key holding the entry {@code id}. */
  default String keyOf(String id) {
    return name();
  }

  /** The stream key an {@link #append} of {@code payload} writes to. */
  default String keyFor(String payload) {
    return name();
  }

  /** The id of the entry {@code id} within the stream {@link #keyOf} names. */
  default String streamId(String id) {
    return id;
  }

  /**
   * Takes part in the group as {@code consumer} before its first read; with several partitions,
   * starts its heartbeat and partition leases on the caller's context.
   */
  default Future<Void> join(Vertx vertx, String consumer) {
    return Future.succeededFuture();
  }

  /** The partitions {@code consumer} holds and reads now (every partition with one). */
  default List<Integer> heldBy(String consumer) {
    return List.of(0);
  }

  /** Partitions held now by all consumers that joined through this object (this JVM). */
  default int partitionsHeld() {
    return partitions();
  }

  /**
   * With several partitions, registers {@code mutt_queue_partitions_held{group}}: the partitions
   * this JVM's consumers of the group hold now (0 while others hold them all).
   */
  default void registerHeldGauge(
      io.micrometer.core.instrument.MeterRegistry registry, String group) {
    if (partitions() > 1) {
      io.micrometer.core.instrument.Gauge.builder(
              "mutt.queue.partitions.held", this, DurableQueue::partitionsHeld)
          .description("stream partitions held by this JVM's consumers of the group")
          .tag("group", group)
          .register(registry);
    }
  }

  /** Leaves the group: the consumer's partitions go to the others at once. */
  default Future<Void> leave(String consumer) {
    return Future.succeededFuture();
  }

  /** Creates the stream and its consumer group when missing. */
  Future<Void> ensureGroup();

  /** Appends one entry durably; completes with its id. */
  Future<String> append(String payload);

  /** Appends several entries in one round trip; completes with their ids in order. */
  Future<List<String>> appendAll(List<String> payloads);

  /**
   * Entries this consumer read before and has not acknowledged (after a restart with the same
   * name).
   */
  Future<List<QueueEntry>> readOwnPending(String consumer, int count);

  /**
   * Up to {@code count} new entries, waiting at most {@code blockMs} when there are none (0 = do
   * not wait).
   */
  Future<List<QueueEntry>> read(String consumer, int count, long blockMs);

  /**
   * Takes over entries that another consumer has held unacknowledged for at least {@code
   * minIdleMs}.
   */
  Future<List<QueueEntry>> claimIdle(String consumer, long minIdleMs, int count);

  /** Acknowledges and removes entries. */
  Future<Void> ack(List<String> ids);

  /** Entries waiting or in flight (not yet acknowledged). */
  Future<Long> depth();

  /** Entries read by some consumer and not yet acknowledged. */
  Future<Long> pendingCount();
}
