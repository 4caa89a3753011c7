package io.mutt.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.mutt.pipeline.event.BodyFormat;
import io.mutt.pipeline.event.EventProblem;
import io.mutt.pipeline.event.EventValidator;
import io.mutt.pipeline.event.IngestLimits;
import io.mutt.pipeline.event.JsonKind;
import io.mutt.pipeline.event.Utf8;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One streaming pass over an ingest body (ADR 0007): checks that it is UTF-8 JSON within the
 * nesting limit, finds each event object (a single object, a JSON array of objects, or NDJSON
 * records), and records only the kinds of the fields the validator watches. Field values are
 * skipped, not decoded, so the accepted event's bytes can be queued as sent. No Vert.x;
 * thread-safe.
 */
final class EventScanner {

  /**
   * Jackson's "[Source: REDACTED (...); line: 2, column: 1]" inside messages, shortened for
   * clients.
   */
  private static final String CORRELATION_ID = "_correlation_id";

  private static final String EVENT_ID = "_event_id";
  private static final Pattern SOURCE_REF =
      Pattern.compile("\\[Source: [^;]*; line: (\\d+), column: (\\d+)\\]");

  private final JsonFactory factory;
  private final EventValidator validator;

  /**
   * Watched names, interned: Jackson interns field names, so identity usually decides without
   * hashing.
   */
  private final String[] watched;

  private final IngestLimits limits;

  EventScanner(EventValidator validator, IngestLimits limits) {
    this.validator = validator;
    this.watched = validator.watched().stream().map(String::intern).toArray(String[]::new);
    this.limits = limits;
    this.factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder().maxNestingDepth(limits.maxNestingDepth()).build())
            .build();
  }

  EventScan scan(byte[] body, int length, BodyFormat format) {
    String encodingProblem = notUtf8(body, length);
    if (encodingProblem != null) {
      return new EventScan.Malformed(encodingProblem);
    }
    try (JsonParser p = factory.createParser(body, 0, length)) {
      return format == BodyFormat.NDJSON ? scanRecords(p) : scanDocument(p);
    } catch (StreamConstraintsException e) {
      return new EventScan.Malformed(
          "nesting deeper than " + limits.maxNestingDepth() + " levels or a token too long");
    } catch (JsonProcessingException e) {
      return new EventScan.Malformed(
          SOURCE_REF.matcher(e.getOriginalMessage()).replaceAll("line $1, column $2")
              + where(e.getLocation()));
    } catch (IOException e) {
      return new EventScan.Malformed(String.valueOf(e.getMessage()));
    }
  }

  /**
   * JSON text must be strict UTF-8 (RFC 8259 8.1); UTF-16/32 is named as such (a BOM or NUL bytes
   * up front).
   */
  private static String notUtf8(byte[] b, int length) {
    if (length == 0) {
      return "empty body";
    }
    if (length >= 2
        && ((b[0] == (byte) 0xFE && b[1] == (byte) 0xFF)
            || (b[0] == (byte) 0xFF && b[1] == (byte) 0xFE))) {
      return "the body must be UTF-8 (found a UTF-16 byte order mark)";
    }
    for (int i = 0; i < Math.min(4, length); i++) {
      if (b[i] == 0) {
        return "the body must be UTF-8 (found a NUL byte at offset " + i + ")";
      }
    }
    int bad = Utf8.invalidAt(b, length);
    return bad < 0 ? null : "Invalid UTF-8 at byte offset " + bad;
  }

  private EventScan scanDocument(JsonParser p) throws IOException {
    JsonToken t = p.nextToken();
    if (t == null) {
      return new EventScan.Malformed("empty body");
    }
    Batch batch = new Batch();
    boolean single = t == JsonToken.START_OBJECT;
    if (single) {
      scanEvent(p, batch);
    } else if (t == JsonToken.START_ARRAY) {
      while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
        if (batch.count == limits.maxBatchEvents()) {
          return new EventScan.TooManyEvents(limits.maxBatchEvents());
        }
        item(p, t, batch);
      }
      if (batch.count == 0) {
        return new EventScan.Malformed("empty array, no events");
      }
    } else {
      return new EventScan.Malformed(
          "expected a JSON object or an array of objects, got " + kind(t).label());
    }
    if (p.nextToken() != null) {
      return new EventScan.Malformed(
          "unexpected content after the JSON value"
              + where(p.currentTokenLocation())
              + "; send several events as a JSON array or as application/x-ndjson");
    }
    return batch.result(single);
  }

  private EventScan scanRecords(JsonParser p) throws IOException {
    Batch batch = new Batch();
    JsonToken t;
    while ((t = p.nextToken()) != null) {
      if (batch.count == limits.maxBatchEvents()) {
        return new EventScan.TooManyEvents(limits.maxBatchEvents());
      }
      item(p, t, batch);
    }
    return batch.count == 0 ? new EventScan.Malformed("empty body") : batch.result(false);
  }

  private void item(JsonParser p, JsonToken t, Batch batch) throws IOException {
    if (t == JsonToken.START_OBJECT) {
      scanEvent(p, batch);
      return;
    }
    batch.problems.add(EventProblem.notAnObject(batch.count++, kind(t)));
    p.skipChildren();
  }

  private void scanEvent(JsonParser p, Batch batch) throws IOException {
    int index = batch.count++;
    int open = (int) p.currentTokenLocation().getByteOffset();
    JsonKind[] kinds = new JsonKind[watched.length];
    int fields = 0;
    boolean carriesIds = false;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      fields++;
      JsonToken v = p.nextToken();
      int w = watchedIndex(name);
      if (w >= 0) {
        kinds[w] = kind(v);
      } else if (same(name, CORRELATION_ID) || same(name, EVENT_ID)) {
        carriesIds = true;
      }
      if (v == JsonToken.START_OBJECT || v == JsonToken.START_ARRAY) {
        p.skipChildren();
      }
    }
    int close = (int) p.currentTokenLocation().getByteOffset();
    List<EventProblem> problems = validator.check(index, kinds);
    if (problems.isEmpty()) {
      batch.events.add(new ScannedEvent(open, close, fields, carriesIds));
    } else {
      batch.problems.addAll(problems);
    }
  }

  private int watchedIndex(String name) {
    for (int i = 0; i < watched.length; i++) {
      if (same(name, watched[i])) {
        return i;
      }
    }
    return -1;
  }

  private static boolean same(String name, String interned) {
    return name == interned || (name.length() == interned.length() && name.equals(interned));
  }

  static JsonKind kind(JsonToken t) {
    return switch (t) {
      case START_OBJECT -> JsonKind.OBJECT;
      case START_ARRAY -> JsonKind.ARRAY;
      case VALUE_STRING -> JsonKind.STRING;
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> JsonKind.NUMBER;
      case VALUE_TRUE, VALUE_FALSE -> JsonKind.BOOLEAN;
      default -> JsonKind.NULL;
    };
  }

  private static String where(JsonLocation loc) {
    return loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
  }

  private static final class Batch {
    final List<ScannedEvent> events = new ArrayList<>(1);
    final List<EventProblem> problems = new ArrayList<>(0);
    int count;

    EventScan result(boolean single) {
      return new EventScan.Parsed(single, events, problems, count);
    }
  }
}
