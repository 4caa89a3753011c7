package io.mutt.forwarder;

import io.mutt.pipeline.moog.AlertText;
import io.mutt.queue.QueueEntry;
import io.vertx.core.json.JsonObject;

/**
 * One alert read from the stream: the entry (id and exact text) and its scan ({@link AlertText}:
 * where the values the webhook body needs sit in the text, checked to be one valid JSON object).
 * The text is decoded into a {@link JsonObject} only on the rare paths that rewrite it (retry, dead
 * letter).
 */
record Alert(QueueEntry entry, AlertText text) {

  static final String RETRY_COUNT = AlertText.RETRY_COUNT;

  String id() {
    return entry.id();
  }

  int retryCount() {
    return text.retryCount();
  }

  String correlationId() {
    return text.correlationId();
  }

  String hostname() {
    return text.hostnameOrNull();
  }

  /**
   * The alert decoded afresh (the caller may change it), for the paths that add fields before
   * storing it again.
   */
  JsonObject json() {
    return new JsonObject(entry.payload());
  }
}
