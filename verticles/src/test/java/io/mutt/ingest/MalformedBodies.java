package io.mutt.ingest;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.zip.GZIPOutputStream;

/**
 * A seeded generator of ingest requests that must all be refused: broken syntax, wrong shapes,
 * missing or mistyped fields, bad UTF-8, deep nesting, oversized bodies and batches, bad gzip,
 * wrong media types and keys. Every kind is built so that no random choice can turn it into an
 * acceptable request.
 */
final class MalformedBodies {

  /** One request: a label for failure messages, headers and body. */
  record Case(String kind, MultiMap headers, Buffer body) {}

  private static final String[] REQUIRED = {"hostname", "message", "timestamp"};
  private static final String[] TEXT = {
    "r1",
    "",
    "ERROR boom",
    "Störung ✓",
    "🚨 \\\"quoted\\\" \\n",
    "\\u00e9\\ud83d\\udea8",
    "a".repeat(300),
    "2025-11-10T12:00:00Z"
  };
  private final Random r;
  private final int maxBytes;
  private final int maxEvents;
  private final List<Function<MalformedBodies, Case>> kinds =
      List.of(
          MalformedBodies::randomBytes,
          MalformedBodies::truncated,
          MalformedBodies::missingField,
          MalformedBodies::wrongType,
          MalformedBodies::deepNesting,
          MalformedBodies::badUtf8,
          MalformedBodies::batchWithOneBadItem,
          MalformedBodies::ndjsonWithOneBadLine,
          MalformedBodies::tooManyEvents,
          MalformedBodies::tooManyBytes,
          MalformedBodies::badGzip,
          MalformedBodies::wrongMediaType,
          MalformedBodies::wrongKey,
          MalformedBodies::notAnEvent,
          MalformedBodies::utf16);

  MalformedBodies(long seed, int maxBytes, int maxEvents) {
    this.r = new Random(seed);
    this.maxBytes = maxBytes;
    this.maxEvents = maxEvents;
  }

  Case next() {
    return kinds.get(r.nextInt(kinds.size())).apply(this);
  }

  private MultiMap headers() {
    MultiMap h = MultiMap.caseInsensitiveMultiMap().add("X-API-KEY", IngestHttp.KEY);
    switch (r.nextInt(4)) {
      case 0 -> h.add("Content-Type", "application/json");
      case 1 -> h.add("Content-Type", "text/plain; charset=utf-8");
      default -> {}
    }
    if (r.nextInt(5) == 0) {
      h.add("X-Correlation-ID", r.nextBoolean() ? "fuzz-" + r.nextInt() : "\"quoted\\id\"");
    }
    return h;
  }

  private Case json(String kind, String body) {
    return new Case(kind, headers(), Buffer.buffer(body));
  }

  private String text() {
    return TEXT[r.nextInt(TEXT.length)];
  }

  private String extraFields() {
    StringBuilder sb = new StringBuilder();
    for (int i = r.nextInt(4); i > 0; i--) {
      sb.append(",\"f").append(r.nextInt(100)).append("\":");
      sb.append(
          switch (r.nextInt(5)) {
            case 0 -> r.nextInt();
            case 1 -> "\"" + text() + "\"";
            case 2 -> "[1,{\"x\":null},true]";
            case 3 -> "{\"nested\":{\"deeper\":\"" + text() + "\"}}";
            default -> "null";
          });
    }
    return sb.toString();
  }

  /** A valid event, with the required fields in random order and some extra fields. */
  String validEvent() {
    List<String> fields = new ArrayList<>();
    for (String f : REQUIRED) {
      fields.add("\"" + f + "\":\"" + text() + "\"");
    }
    java.util.Collections.shuffle(fields, r);
    return "{" + String.join(",", fields) + extraFields() + "}";
  }

  private String eventMissing() {
    String skip = REQUIRED[r.nextInt(REQUIRED.length)];
    List<String> fields = new ArrayList<>();
    for (String f : REQUIRED) {
      if (!f.equals(skip)) {
        fields.add("\"" + f + "\":\"" + text() + "\"");
      }
    }
    return "{" + String.join(",", fields) + extraFields() + "}";
  }

  private String eventMistyped() {
    String wrong = REQUIRED[r.nextInt(REQUIRED.length)];
    List<String> fields = new ArrayList<>();
    for (String f : REQUIRED) {
      String value =
          f.equals(wrong)
              ? new String[] {"42", "-1.5e300", "true", "null", "{}", "[\"x\"]"}[r.nextInt(6)]
              : "\"" + text() + "\"";
      fields.add("\"" + f + "\":" + value);
    }
    return "{" + String.join(",", fields) + extraFields() + "}";
  }

  private String invalidEvent() {
    return switch (r.nextInt(3)) {
      case 0 -> eventMissing();
      case 1 -> eventMistyped();
      default -> new String[] {"42", "\"x\"", "null", "[]", "true"}[r.nextInt(5)];
    };
  }

  private Case randomBytes() {
    byte[] b = new byte[r.nextInt(600)];
    r.nextBytes(b);
    if (b.length > 0 && r.nextBoolean()) {
      b[0] = '{';
    }
    return new Case("random bytes", headers(), Buffer.buffer(b));
  }

  private Case truncated() {
    byte[] e = validEvent().getBytes(StandardCharsets.UTF_8);
    byte[] cut = java.util.Arrays.copyOf(e, r.nextInt(e.length));
    return new Case("truncated event", headers(), Buffer.buffer(cut));
  }

  private Case missingField() {
    return json("missing field", eventMissing());
  }

  private Case wrongType() {
    return json("wrong type", eventMistyped());
  }

  private Case deepNesting() {
    int depth = 65 + r.nextInt(3000);
    String open = r.nextBoolean() ? "[" : "{\"a\":";
    String close = open.equals("[") ? "]" : "}";
    String e = validEvent();
    return json(
        "deep nesting " + depth,
        e.substring(0, e.length() - 1)
            + ",\"deep\":"
            + open.repeat(depth)
            + "1"
            + close.repeat(depth)
            + "}");
  }

  private Case badUtf8() {
    byte[][] bad = {
      {(byte) 0x80},
      {(byte) 0xC3},
      {(byte) 0xC0, (byte) 0x80},
      {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
      {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
      {(byte) 0xFF},
      {(byte) 0xE2, (byte) 0x82}
    };
    String e = validEvent();
    int at = e.indexOf(":\"") + 2;
    Buffer b =
        Buffer.buffer()
            .appendString(e.substring(0, at))
            .appendBytes(bad[r.nextInt(bad.length)])
            .appendString(e.substring(at));
    return new Case("bad UTF-8", headers(), b);
  }

  private Case batchWithOneBadItem() {
    List<String> items = new ArrayList<>();
    int n = 1 + r.nextInt(Math.min(10, maxEvents - 1));
    for (int i = 0; i < n; i++) {
      items.add(validEvent());
    }
    items.add(r.nextInt(items.size() + 1), invalidEvent());
    return json("batch with a bad item", "[" + String.join(",", items) + "]");
  }

  private Case ndjsonWithOneBadLine() {
    List<String> lines = new ArrayList<>();
    for (int i = r.nextInt(5); i >= 0; i--) {
      lines.add(validEvent());
    }
    lines.add(r.nextInt(lines.size() + 1), r.nextBoolean() ? invalidEvent() : "{\"hostname\":");
    Case c = json("ndjson with a bad line", String.join("\n", lines));
    c.headers().set("Content-Type", "application/x-ndjson");
    return c;
  }

  private Case tooManyEvents() {
    List<String> items = new ArrayList<>();
    for (int i = maxEvents + 1 + r.nextInt(5); i > 0; i--) {
      items.add(validEvent());
    }
    return json("too many events", "[" + String.join(",", items) + "]");
  }

  private Case tooManyBytes() {
    String e = validEvent();
    return json(
        "too many bytes",
        e.substring(0, e.length() - 1) + ",\"big\":\"" + "x".repeat(maxBytes) + "\"}");
  }

  private Case badGzip() {
    Case c =
        r.nextBoolean()
            ? randomBytes()
            : new Case("gzip of invalid", headers(), gzip(invalidEvent()));
    c.headers().set("Content-Encoding", "gzip");
    return new Case("bad gzip: " + c.kind(), c.headers(), c.body());
  }

  private Case wrongMediaType() {
    Case c = json("wrong media type", validEvent());
    c.headers()
        .set(
            "Content-Type",
            new String[] {
                  "multipart/form-data; boundary=x",
                  "image/png",
                  "application/x-www-form-urlencoded"
                }
                [r.nextInt(3)]);
    return c;
  }

  private Case wrongKey() {
    Case c = json("wrong key", validEvent());
    if (r.nextBoolean()) {
      c.headers().remove("X-API-KEY");
    } else {
      c.headers().set("X-API-KEY", IngestHttp.KEY + "x");
    }
    return c;
  }

  private Case notAnEvent() {
    return json(
        "not an event",
        new String[] {
              "",
              " ",
              "\n\n",
              "null",
              "[]",
              "[[]]",
              "{}",
              "0",
              "\"\"",
              "[{}]",
              "{\"hostname\":\"a\"}{",
              "{\"a\":1}}",
              "[" + validEvent() + "]]",
              validEvent() + " x"
            }
            [r.nextInt(14)]);
  }

  private Case utf16() {
    return new Case(
        "UTF-16",
        headers(),
        Buffer.buffer(
            validEvent()
                .getBytes(r.nextBoolean() ? StandardCharsets.UTF_16 : StandardCharsets.UTF_16LE)));
  }

  private static Buffer gzip(String s) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
        gz.write(s.getBytes(StandardCharsets.UTF_8));
      }
      return Buffer.buffer(out.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
