package io.mutt.pipeline.event;

import java.nio.charset.StandardCharsets;

/**
 * Writes one flat-or-nested JSON object of an event as UTF-8, field by field, without a tree: the
 * listeners build their queued payloads with it. Strings are escaped per RFC 8259 (control
 * characters as {@code \\uXXXX}, lone surrogates replaced by U+FFFD when encoded).
 */
public final class EventJson {

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final StringBuilder sb;
  private final boolean[] first = new boolean[8];
  private int depth;

  public EventJson(int capacity) {
    this.sb = new StringBuilder(capacity);
    sb.append('{');
    first[0] = true;
  }

  /** A string field; a null value writes nothing. */
  public EventJson field(String name, String value) {
    if (value != null) {
      name(name);
      string(value);
    }
    return this;
  }

  public EventJson field(String name, long value) {
    name(name);
    sb.append(value);
    return this;
  }

  public EventJson field(String name, boolean value) {
    name(name);
    sb.append(value);
    return this;
  }

  /** Opens a nested object field; close it with {@link #end()}. */
  public EventJson object(String name) {
    name(name);
    sb.append('{');
    first[++depth] = true;
    return this;
  }

  /**
   * Opens a nested array field of strings; add with {@link #item}, close with {@link #endArray}.
   */
  public EventJson array(String name) {
    name(name);
    sb.append('[');
    first[++depth] = true;
    return this;
  }

  public EventJson item(String value) {
    if (!first[depth]) {
      sb.append(',');
    }
    first[depth] = false;
    string(value);
    return this;
  }

  public EventJson endArray() {
    sb.append(']');
    depth--;
    return this;
  }

  public EventJson end() {
    sb.append('}');
    depth--;
    return this;
  }

  /** Closes the top object and returns its UTF-8 bytes. */
  public byte[] toBytes() {
    sb.append('}');
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  private void name(String name) {
    if (!first[depth]) {
      sb.append(',');
    }
    first[depth] = false;
    string(name);
    sb.append(':');
  }

  private void string(String s) {
    sb.append('"');
    int n = s.length();
    int from = 0;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c != '"' && c != '\\') {
        continue;
      }
      sb.append(s, from, i);
      from = i + 1;
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> sb.append("\\u00").append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
      }
    }
    sb.append(s, from, n).append('"');
  }
}
