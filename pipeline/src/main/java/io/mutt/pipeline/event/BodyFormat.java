package io.mutt.pipeline.event;

import java.util.Locale;

/**
 * How an ingest request body is framed, from its {@code Content-Type} (JSON is parsed whatever the
 * content type says, as the clients that send it often label it loosely). {@code
 * application/x-ndjson} (and the JSON Lines aliases) is one event per line; clearly non-JSON types
 * (multipart, forms, media) are refused with 415; everything else, including no type, is JSON: one
 * object, or an array of objects.
 */
public enum BodyFormat {
  JSON,
  NDJSON,
  UNSUPPORTED;

  public static BodyFormat of(String contentType) {
    if (contentType == null) {
      return JSON;
    }
    String t = mediaType(contentType);
    if (t.equals("application/x-ndjson")
        || t.equals("application/ndjson")
        || t.equals("application/jsonl")
        || t.equals("application/x-jsonlines")
        || t.equals("application/jsonlines")) {
      return NDJSON;
    }
    if (t.startsWith("multipart/")
        || t.equals("application/x-www-form-urlencoded")
        || t.startsWith("image/")
        || t.startsWith("audio/")
        || t.startsWith("video/")
        || t.startsWith("font/")) {
      return UNSUPPORTED;
    }
    return JSON;
  }

  /**
   * The lower-case media type without parameters ({@code text/plain; charset=utf-8} gives {@code
   * text/plain}).
   */
  public static String mediaType(String contentType) {
    int semi = contentType.indexOf(';');
    return (semi < 0 ? contentType : contentType.substring(0, semi))
        .trim()
        .toLowerCase(Locale.ROOT);
  }
}
