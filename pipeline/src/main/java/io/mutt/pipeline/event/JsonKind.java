package io.mutt.pipeline.event;

/**
 * The JSON type of a value, as seen by the ingest validation (docs/reference/http-api.md) without
 * decoding the value itself.
 */
public enum JsonKind {
  STRING,
  NUMBER,
  BOOLEAN,
  NULL,
  OBJECT,
  ARRAY;

  /** The lower-case name used in client-facing messages ("must be a string, got number"). */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
