package io.mutt.web;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/**
 * Reading and preparing dead-letter entries (docs/reference/redis-keys.md): entries are JSON text
 * kept exactly as written. For a replay, JSON objects lose their dead-letter bookkeeping ({@code
 * failed_at}, {@code dlq_reason}, {@code shedding_reason}, {@code last_status}) and the retry
 * counter of the stage they go back to, so the stage gives them a full set of attempts; anything
 * else is replayed unchanged.
 */
public final class DlqEntries {

  private DlqEntries() {}

  /** The entry as a JSON object, or null when it is not one. */
  public static JsonObject parse(String raw) {
    try {
      Object v = io.vertx.core.json.Json.decodeValue(raw);
      return v instanceof JsonObject o ? o : null;
    } catch (DecodeException e) {
      return null;
    }
  }

  /** The correlation id of an event or alert payload entry, or null. */
  public static String correlationId(JsonObject entry) {
    if (entry == null) {
      return null;
    }
    String id = entry.getString("_correlation_id");
    if (id == null && entry.getValue("raw_json") instanceof JsonObject raw) {
      id = raw.getString("_correlation_id");
    }
    return id;
  }

  /**
   * The payload to append to the target stream: {@code ingest} (events) or {@code alerts} (alert
   * payloads).
   */
  public static String forReplay(String raw, String target) {
    JsonObject o = parse(raw);
    if (o == null) {
      return raw;
    }
    o.remove("failed_at");
    o.remove("dlq_reason");
    o.remove("shedding_reason");
    o.remove("last_status");
    o.remove("ingest".equals(target) ? "_retry_count" : "_moog_retry_count");
    return o.encode();
  }
}
