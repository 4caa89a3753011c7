package io.mutt.forwarder;

import io.mutt.queue.QueueEntry;
import io.vertx.core.json.JsonObject;

/** One alert read from the stream: the entry (id and exact text), its parsed payload and retry count so far. */
record Alert(QueueEntry entry, JsonObject json, int retryCount) {

  static final String RETRY_COUNT = "_moog_retry_count";

  /** The {@code _moog_retry_count} of a payload: 0 when absent or not an integer. */
  static int retryCountOf(JsonObject json) {
    Object v = json.getValue(RETRY_COUNT);
    if (v instanceof Number n) {
      return Math.max(0, n.intValue());
    }
    if (v instanceof String s) {
      try {
        return Math.max(0, Integer.parseInt(s.trim()));
      } catch (NumberFormatException e) {
        return 0;
      }
    }
    return 0;
  }

  String id() {
    return entry.id();
  }

  String correlationId() {
    Object v = json.getValue("_correlation_id");
    return v == null ? "unknown" : String.valueOf(v);
  }
}
