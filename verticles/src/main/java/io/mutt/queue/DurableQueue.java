package io.mutt.queue;

import io.vertx.core.Future;
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

  String name();

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
