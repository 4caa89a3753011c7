package io.mutt.pipeline.alerting;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The alerter DLQ entries (docs/reference/http-api.md, docs/reference/redis-keys.md): the original
 * event fields plus {@code failed_at} (ISO-8601 UTC, used by retention), {@code dlq_reason}, and
 * {@code _retry_count} for failed events or {@code shedding_reason} for load-shed ones.
 */
public final class DeadLetters {

  /** {@code 2025-11-10T12:00:00.123456+00:00}, the ISO-8601 shape of the original's entries. */
  public static final DateTimeFormatter ISO =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx").withZone(ZoneOffset.UTC);

  private DeadLetters() {}

  public static Map<String, Object> failed(
      Map<String, Object> event, String reason, int retries, Instant now) {
    Map<String, Object> out = new LinkedHashMap<>(event);
    out.put("_retry_count", retries);
    out.put("failed_at", ISO.format(now));
    out.put("dlq_reason", reason);
    return out;
  }

  public static Map<String, Object> shed(
      Map<String, Object> event, String sheddingReason, Instant now) {
    Map<String, Object> out = new LinkedHashMap<>(event);
    out.put("shedding_reason", sheddingReason);
    out.put("failed_at", ISO.format(now));
    out.put("dlq_reason", "load shed: " + sheddingReason);
    return out;
  }
}
