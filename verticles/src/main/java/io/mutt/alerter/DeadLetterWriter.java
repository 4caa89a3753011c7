package io.mutt.alerter;

import io.mutt.redis.ReplicaAcks;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.util.List;

/**
 * Pushes entries to the alerter DLQ list ({@code mutt:dlq:alerter}) in one {@code LPUSH} (head, so
 * the tail stays the oldest) and records the new length in {@code mutt_alerter_dlq_depth}.
 */
final class DeadLetterWriter {

  private final Redis redis;
  private final String key;
  private final AlerterMetrics metrics;

  private final ReplicaAcks acks;

  /** {@code acks}: push completes once the entries reached the required replicas (ADR 0031). */
  DeadLetterWriter(Redis redis, String key, AlerterMetrics metrics, ReplicaAcks acks) {
    this.acks = acks;
    this.redis = redis;
    this.key = key;
    this.metrics = metrics;
  }

  Future<Void> push(List<String> entries) {
    if (entries.isEmpty()) {
      return Future.succeededFuture();
    }
    Request lpush = Request.cmd(Command.LPUSH).arg(key);
    entries.forEach(lpush::arg);
    return redis
        .send(lpush)
        .onSuccess(len -> metrics.dlqDepth.set(len.toLong()))
        .compose(len -> acks.replicated(List.of(key)));
  }
}
