package io.mutt.noise;

import io.mutt.pipeline.noise.MaintenanceWindow;
import io.mutt.pipeline.noise.NoiseSpecs;
import io.mutt.pipeline.noise.Silence;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stored forms of maintenance windows and silences: table rows to engine objects and to API
 * JSON, and JSON values to the plain maps and lists the pipeline's readers take.
 */
public final class NoiseRows {

  public static final String WINDOW_COLUMNS =
      "id, name, matchers, schedule, effect, severity, comment, created_by, created_at, updated_at";
  public static final String SILENCE_COLUMNS =
      "id, matchers, starts_at, expires_at, author, comment, created_by, created_at";

  /** Stored silences are re-read without the maximum-duration check. */
  private static final Duration ANY = Duration.ofDays(365 * 100);

  private NoiseRows() {}

  /** The engine's window of a {@code maintenance_windows} row. */
  public static MaintenanceWindow window(Row row) {
    return NoiseSpecs.window(row.getInteger("id"), windowBody(row));
  }

  /** The engine's silence of a {@code silences} row. */
  public static Silence silence(Row row) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("matchers", plain(row.getValue("matchers")));
    body.put("author", row.getString("author"));
    body.put("comment", row.getString("comment"));
    body.put("starts_at", row.getOffsetDateTime("starts_at").toString());
    body.put("expires_at", row.getOffsetDateTime("expires_at").toString());
    return NoiseSpecs.silence(row.getInteger("id"), body, Instant.EPOCH, ANY, false);
  }

  private static Map<String, Object> windowBody(Row row) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", row.getString("name"));
    body.put("matchers", plain(row.getValue("matchers")));
    body.put("schedule", plain(row.getValue("schedule")));
    body.put("effect", row.getString("effect"));
    body.put("severity", row.getString("severity"));
    return body;
  }

  /** The API form of a window row, with whether it is open now, until when, and its next start. */
  public static JsonObject windowJson(Row row, Instant now) {
    JsonObject o = new JsonObject();
    o.put("id", row.getInteger("id"));
    o.put("name", row.getString("name"));
    o.put("matchers", row.getValue("matchers"));
    o.put("schedule", row.getValue("schedule"));
    o.put("effect", row.getString("effect"));
    o.put("severity", row.getString("severity"));
    o.put("comment", row.getString("comment"));
    o.put("created_by", row.getString("created_by"));
    o.put("created_at", iso(row.getOffsetDateTime("created_at")));
    o.put("updated_at", iso(row.getOffsetDateTime("updated_at")));
    try {
      MaintenanceWindow w = window(row);
      Instant end = w.schedule().currentEnd(now);
      Instant next = w.schedule().nextStart(now);
      o.put("active", end != null);
      o.put("active_until", end == null ? null : end.toString());
      o.put("next_start", next == null ? null : next.toString());
    } catch (RuntimeException e) {
      o.put("active", false);
    }
    return o;
  }

  /** The API form of a silence row, with its state at {@code now}. */
  public static JsonObject silenceJson(Row row, Instant now) {
    OffsetDateTime start = row.getOffsetDateTime("starts_at");
    OffsetDateTime expiry = row.getOffsetDateTime("expires_at");
    String state =
        !expiry.toInstant().isAfter(now)
            ? "expired"
            : start.toInstant().isAfter(now) ? "pending" : "active";
    return new JsonObject()
        .put("id", row.getInteger("id"))
        .put("matchers", row.getValue("matchers"))
        .put("starts_at", iso(start))
        .put("expires_at", iso(expiry))
        .put("author", row.getString("author"))
        .put("comment", row.getString("comment"))
        .put("created_by", row.getString("created_by"))
        .put("created_at", iso(row.getOffsetDateTime("created_at")))
        .put("state", state);
  }

  /** The stored JSON of matchers read by {@link NoiseSpecs#matchers}. */
  public static JsonArray matchersJson(MaintenanceWindow w) {
    return new JsonArray(new ArrayList<>(NoiseSpecs.matchersJson(w.matchers())));
  }

  /**
   * A JSON value with every {@link JsonObject} and {@link JsonArray} turned into maps and lists.
   */
  public static Object plain(Object v) {
    if (v instanceof JsonObject o) {
      return plain(o.getMap());
    }
    if (v instanceof JsonArray a) {
      return plain(a.getList());
    }
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, x) -> out.put(String.valueOf(k), plain(x)));
      return out;
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      l.forEach(x -> out.add(plain(x)));
      return out;
    }
    return v;
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> plainMap(JsonObject o) {
    return (Map<String, Object>) plain(o);
  }

  static String iso(OffsetDateTime t) {
    return t == null ? null : t.withOffsetSameInstant(ZoneOffset.UTC).toInstant().toString();
  }
}
