package io.mutt.alerter;

import io.mutt.pipeline.alerting.BackpressurePolicy;
import io.mutt.pipeline.alerting.DeadLetters;
import io.mutt.queue.DurableQueue;
import io.mutt.queue.QueueEntry;
import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Load shedding in {@code dlq} mode: while the alert queue is above the shed threshold, each step
 * moves the next batch of ingest entries to the alerter DLQ — JSON objects gain {@code
 * shedding_reason} ({@code queue_depth_exceeded:<depth>><threshold>}), {@code failed_at} and {@code
 * dlq_reason}; anything else is kept raw — and acknowledges them only after the DLQ write.
 * Remediation can replay them later.
 */
final class Shedder {

  private static final Logger LOG = LoggerFactory.getLogger(Shedder.class);

  private final DurableQueue queue;
  private final DeadLetterWriter dlq;
  private final AlerterMetrics metrics;

  Shedder(DurableQueue queue, DeadLetterWriter dlq, AlerterMetrics metrics) {
    this.queue = queue;
    this.dlq = dlq;
    this.metrics = metrics;
  }

  /** Completes with the number of entries shed (0 when the ingest queue was empty). */
  Future<Integer> shed(String consumer, int count, long depth, long threshold) {
    String reason = BackpressurePolicy.sheddingReason(depth, threshold);
    return queue
        .read(consumer, count, 0)
        .compose(
            entries -> {
              if (entries.isEmpty()) {
                return Future.succeededFuture(0);
              }
              Instant now = Instant.now();
              List<String> out = new ArrayList<>(entries.size());
              List<String> ids = new ArrayList<>(entries.size());
              for (QueueEntry e : entries) {
                out.add(shedEntry(e.payload(), reason, now));
                ids.add(e.id());
              }
              return dlq.push(out)
                  .compose(v -> queue.ack(ids))
                  .map(
                      v -> {
                        metrics.shed("dlq").increment(entries.size());
                        LOG.warn(
                            "shed {} ingest entries to the alerter DLQ: {}",
                            entries.size(),
                            reason);
                        return entries.size();
                      });
            });
  }

  private static String shedEntry(String payload, String reason, Instant now) {
    try {
      Object v = Json.decodeValue(payload);
      if (v instanceof JsonObject o) {
        return Json.encode(DeadLetters.shed(o.getMap(), reason, now));
      }
    } catch (DecodeException e) {
      // not JSON: kept raw, as the spec asks
    }
    return payload;
  }
}
