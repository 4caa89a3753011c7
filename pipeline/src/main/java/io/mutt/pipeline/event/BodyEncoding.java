package io.mutt.pipeline.event;

import java.util.Locale;

/**
 * The {@code Content-Encoding} of an ingest request body: none, gzip (decompressed with a size
 * limit), or anything else, refused with 415 (RFC 9110 15.5.16).
 */
public enum BodyEncoding {
  IDENTITY,
  GZIP,
  UNSUPPORTED;

  public static BodyEncoding of(String contentEncoding) {
    if (contentEncoding == null) {
      return IDENTITY;
    }
    String e = contentEncoding.trim().toLowerCase(Locale.ROOT);
    return switch (e) {
      case "", "identity" -> IDENTITY;
      case "gzip", "x-gzip" -> GZIP;
      default -> UNSUPPORTED;
    };
  }
}
