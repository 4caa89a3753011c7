package io.mutt.pipeline.moog;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * One alert-stream message kept as its text: the forwarder's fast path to the Moogsoft body
 * (docs/reference/moogsoft-payload.md). {@link #scan} makes one streaming pass that validates the
 * whole text and records where the top-level values the forwarder needs begin and end; {@link
 * #moogBody} then splices those value texts into the body. No maps are built and nothing is decoded
 * or re-encoded, yet the body is JSON-equal, key order included, to {@code new
 * JsonObject(MoogPayload.fromAlert(new JsonObject(text).getMap(), t)).encode()}: same keys, same
 * defaults, same severity, and values that decode to the same trees ({@link MoogPayload} is the
 * reference and owns the constants). A repeated top-level key counts by its last occurrence, as in
 * a decoded map. The accessors follow {@code io.vertx.core.json.JsonObject} semantics ({@code
 * String.valueOf(getValue(key))}).
 *
 * <p>Only strict JSON is accepted (RFC 8259; no comments, unlike Vert.x's own decoder), and nested
 * values are validated too, since their text is sent verbatim. Immutable and thread-safe.
 */
public final class AlertText {

  /**
   * Jackson's factory with its defaults: strict JSON, the same read limits as Vert.x's.
   * Thread-safe.
   */
  private static final JsonFactory JSON = new JsonFactory();

  /**
   * The alert field counting the forwarder's retryable delivery failures so far
   * (docs/reference/moogsoft-payload.md).
   */
  public static final String RETRY_COUNT = "_moog_retry_count";

  static final String EVENT_ID = "_event_id";

  // Slots of the recorded top-level values.
  private static final int HOSTNAME = 0;
  private static final int CORRELATION_ID = 1;
  private static final int TEAM = 2;
  private static final int SEVERITY = 3;
  private static final int MESSAGE_BODY = 4;
  private static final int RAW_JSON = 5;
  private static final int RETRIES = 6;
  private static final int EVENT = 7;
  private static final int COALESCED = 8;
  private static final int SLOTS = 9;

  // The body, MoogPayload's keys in MoogPayload's order, with holes for the spliced values.
  private static final String SIGNATURE_ = "{\"signature\":";
  private static final String SOURCE_ID_ = ",\"source_id\":";
  private static final String EXTERNAL_ID_ = ",\"external_id\":";
  private static final String MANAGER_TO_CLASS_ =
      ",\"manager\":"
          + quote(MoogPayload.MANAGER)
          + ",\"source\":"
          + quote(MoogPayload.SOURCE)
          + ",\"class\":";
  private static final String AGENT_TO_SEVERITY_ =
      ",\"agent\":"
          + quote(MoogPayload.AGENT)
          + ",\"agent_location\":"
          + quote(MoogPayload.AGENT_LOCATION)
          + ",\"type\":"
          + quote(MoogPayload.TYPE)
          + ",\"severity\":";
  private static final String DESCRIPTION_ = ",\"description\":";
  private static final String AGENT_TIME_ = ",\"agent_time\":";
  private static final String CUSTOM_INFO_ = ",\"custom_info\":";
  private static final String NO_HOSTNAME = quote(MoogPayload.NO_HOSTNAME);
  private static final String NO_CORRELATION_ID = quote(MoogPayload.NO_CORRELATION_ID);
  private static final String NO_TEAM = quote(MoogPayload.NO_TEAM);
  private static final String NO_DESCRIPTION = quote(MoogPayload.NO_DESCRIPTION);

  /** Every fixed part of a body, and room for severity and agent_time. */
  private static final int FIXED_LENGTH =
      SIGNATURE_.length()
          + SOURCE_ID_.length()
          + EXTERNAL_ID_.length()
          + MANAGER_TO_CLASS_.length()
          + AGENT_TO_SEVERITY_.length()
          + DESCRIPTION_.length()
          + AGENT_TIME_.length()
          + CUSTOM_INFO_.length()
          + 1
          + 20
          + 1;

  private final String json;

  /**
   * Per slot, start and end (exclusive) char offsets of the value text; start -1 when absent or
   * JSON null.
   */
  private final int[] spans;

  private AlertText(String json, int[] spans) {
    this.json = json;
    this.spans = spans;
  }

  /**
   * @param json an alert's text, as read from the stream
   * @return the scanned alert, or null when the text is not exactly one valid JSON object
   *     (optionally surrounded by whitespace); the caller decides what an unreadable alert means
   */
  public static AlertText scan(String json) {
    if (json == null) {
      return null;
    }
    int[] spans = new int[2 * SLOTS];
    Arrays.fill(spans, -1);
    try (JsonParser p = JSON.createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      // Inside an object the parser yields FIELD_NAME or END_OBJECT, or throws.
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        int slot = slotOf(p.currentName());
        JsonToken value = p.nextToken();
        if (slot < 0) {
          p.skipChildren(); // still tokenizes, so validates, everything inside
          continue;
        }
        if (value == JsonToken.VALUE_NULL) {
          spans[2 * slot] =
              -1; // null reads as absent everywhere; a later null also hides an earlier value
          continue;
        }
        int start = (int) p.currentTokenLocation().getCharOffset();
        if (value == JsonToken.VALUE_STRING) {
          p.finishToken(); // strings are read lazily: until now the parser stands just past the
          // opening quote
        } else {
          p.skipChildren(); // to the closing bracket of a container; numbers and literals are
          // already read
        }
        spans[2 * slot] = start;
        spans[2 * slot + 1] = (int) p.currentLocation().getCharOffset();
      }
      if (p.nextToken() != null) {
        return null;
      }
    } catch (IOException e) { // JsonProcessingException, including StreamConstraintsException
      return null;
    }
    return new AlertText(json, spans);
  }

  private static int slotOf(String name) {
    return switch (name) {
      case MoogPayload.HOSTNAME -> HOSTNAME;
      case MoogPayload.CORRELATION_ID -> CORRELATION_ID;
      case MoogPayload.TEAM -> TEAM;
      case MoogPayload.SEVERITY -> SEVERITY;
      case MoogPayload.MESSAGE_BODY -> MESSAGE_BODY;
      case MoogPayload.RAW_JSON -> RAW_JSON;
      case RETRY_COUNT -> RETRIES;
      case EVENT_ID -> EVENT;
      case MoogPayload.COALESCED -> COALESCED;
      default -> -1;
    };
  }

  /**
   * {@code _correlation_id} as {@code String.valueOf(json.getValue(..))} would print it, "unknown"
   * when absent.
   */
  public String correlationId() {
    String id = text(CORRELATION_ID);
    return id == null ? MoogPayload.NO_CORRELATION_ID : id;
  }

  /**
   * {@code hostname} as {@code String.valueOf(json.getValue(..))} would print it, null when absent
   * or null.
   */
  public String hostnameOrNull() {
    return text(HOSTNAME);
  }

  /**
   * {@code _event_id} as {@code String.valueOf(json.getValue(..))} would print it, null when absent
   * or null.
   */
  public String eventIdOrNull() {
    return text(EVENT);
  }

  /**
   * The {@code _moog_retry_count} so far, as the forwarder's {@code Alert.retryCountOf} reads a
   * decoded payload: a number's {@code intValue()} (of the Integer, Long, BigInteger or Double it
   * decodes to), a string's trimmed integer, otherwise 0; never negative.
   */
  public int retryCount() {
    int start = spans[2 * RETRIES];
    if (start < 0) {
      return 0;
    }
    int end = spans[2 * RETRIES + 1];
    char first = json.charAt(start);
    if (first == '"') {
      try {
        return Math.max(0, Integer.parseInt(string(start, end).trim()));
      } catch (NumberFormatException e) {
        return 0;
      }
    }
    return first == '-' || (first >= '0' && first <= '9') ? Math.max(0, intValue(start, end)) : 0;
  }

  /**
   * @param epochSeconds send time, becomes {@code agent_time}
   * @return the webhook body as JSON text, equal to {@link MoogPayload#fromAlert}'s once encoded
   *     (see the class comment); the alert's own value texts are copied as they are, whitespace
   *     included
   */
  public String moogBody(long epochSeconds) {
    StringBuilder b =
        new StringBuilder(
            FIXED_LENGTH
                + 2 * length(HOSTNAME)
                + length(CORRELATION_ID)
                + length(TEAM)
                + length(MESSAGE_BODY)
                + length(RAW_JSON)
                + length(COALESCED));
    b.append(SIGNATURE_);
    appendOr(b, HOSTNAME, NO_HOSTNAME);
    b.append(SOURCE_ID_);
    appendOr(b, HOSTNAME, NO_HOSTNAME);
    b.append(EXTERNAL_ID_);
    appendOr(b, CORRELATION_ID, NO_CORRELATION_ID);
    b.append(MANAGER_TO_CLASS_);
    appendOr(b, TEAM, NO_TEAM);
    b.append(AGENT_TO_SEVERITY_).append(severity());
    b.append(DESCRIPTION_);
    appendOr(b, MESSAGE_BODY, NO_DESCRIPTION);
    b.append(AGENT_TIME_).append(epochSeconds);
    if (spans[2 * COALESCED] >= 0) {
      appendCoalescedInfo(b.append(CUSTOM_INFO_));
    } else if (spans[2 * RAW_JSON] >= 0) {
      b.append(CUSTOM_INFO_).append(json, spans[2 * RAW_JSON], spans[2 * RAW_JSON + 1]);
    }
    return b.append('}').toString();
  }

  /** Whether this alert is a coalesced update (it carries {@code _coalesced}). */
  public boolean coalesced() {
    return spans[2 * COALESCED] >= 0;
  }

  /**
   * A coalesced update's custom_info: the event's members (an event that is not an object goes
   * under {@code raw_json}), then {@code mutt_coalesced}, which wins over a member of that name as
   * the last occurrence does in a decoded object.
   */
  private void appendCoalescedInfo(StringBuilder b) {
    int rawStart = spans[2 * RAW_JSON];
    int rawEnd = spans[2 * RAW_JSON + 1];
    if (rawStart >= 0 && json.charAt(rawStart) == '{') {
      int close = rawEnd - 1; // the object's closing brace
      int firstMember = rawStart + 1;
      while (firstMember < close && Character.isWhitespace(json.charAt(firstMember))) {
        firstMember++;
      }
      b.append(json, rawStart, close);
      if (firstMember < close) {
        b.append(',');
      }
    } else {
      b.append('{');
      if (rawStart >= 0) {
        b.append(quote(MoogPayload.RAW_JSON))
            .append(':')
            .append(json, rawStart, rawEnd)
            .append(',');
      }
    }
    b.append(quote(MoogPayload.CUSTOM_INFO_COALESCED))
        .append(':')
        .append(json, spans[2 * COALESCED], spans[2 * COALESCED + 1])
        .append('}');
  }

  /** MoogPayload's severity of the decoded value: only a string can name one. */
  private int severity() {
    int start = spans[2 * SEVERITY];
    if (start < 0 || json.charAt(start) != '"') {
      return MoogPayload.severity(null);
    }
    return MoogPayload.severity(string(start, spans[2 * SEVERITY + 1]));
  }

  private void appendOr(StringBuilder b, int slot, String fallback) {
    int start = spans[2 * slot];
    if (start < 0) {
      b.append(fallback);
    } else {
      b.append(json, start, spans[2 * slot + 1]);
    }
  }

  /** Length of a slot's value text, or room for its fallback (the longest is "unknown"). */
  private int length(int slot) {
    return spans[2 * slot] < 0 ? NO_HOSTNAME.length() : spans[2 * slot + 1] - spans[2 * slot];
  }

  /**
   * What {@code String.valueOf} prints for the value Vert.x decodes from a slot: a string's
   * content, a boolean, a number as the Integer/Long/BigInteger/Double it becomes, a container as
   * compact JSON; null when absent or null.
   */
  private String text(int slot) {
    int start = spans[2 * slot];
    if (start < 0) {
      return null;
    }
    int end = spans[2 * slot + 1];
    return switch (json.charAt(start)) {
      case '"' -> string(start, end);
      case 't' -> "true";
      case 'f' -> "false";
      case '{', '[' -> compact(start, end);
      default -> number(start, end);
    };
  }

  /**
   * The content of the string literal at [start, end): cut out when it has no escapes, else decoded
   * by Jackson.
   */
  private String string(int start, int end) {
    for (int i = start + 1; i < end - 1; i++) {
      if (json.charAt(i) == '\\') {
        return reparse(start, end, false);
      }
    }
    return json.substring(start + 1, end - 1);
  }

  /**
   * An integer's text is already what Long/BigInteger print, except "-0"; a fraction or exponent is
   * a Double.
   */
  private String number(int start, int end) {
    if (isIntegral(start, end)) {
      return end - start == 2 && json.charAt(start) == '-' && json.charAt(start + 1) == '0'
          ? "0"
          : json.substring(start, end);
    }
    return Double.toString(Double.parseDouble(json.substring(start, end)));
  }

  /**
   * {@code intValue()} of the number at [start, end) as decoded: the low 32 bits of an integer, a
   * Double cast.
   */
  private int intValue(int start, int end) {
    if (!isIntegral(start, end)) {
      return (int) Double.parseDouble(json.substring(start, end));
    }
    try {
      return (int) Long.parseLong(json, start, end, 10);
    } catch (NumberFormatException e) {
      return new BigInteger(json.substring(start, end)).intValue();
    }
  }

  private boolean isIntegral(int start, int end) {
    for (int i = start; i < end; i++) {
      char c = json.charAt(i);
      if (c == '.' || c == 'e' || c == 'E') {
        return false;
      }
    }
    return true;
  }

  private String compact(int start, int end) {
    return reparse(start, end, true);
  }

  /**
   * Decodes a string literal or re-encodes a container compactly (numbers as decoded), for the rare
   * cases.
   */
  private String reparse(int start, int end, boolean container) {
    try (JsonParser p = JSON.createParser(json.substring(start, end))) {
      p.nextToken();
      if (!container) {
        return p.getText();
      }
      StringWriter out = new StringWriter(end - start);
      try (JsonGenerator g = JSON.createGenerator(out)) {
        g.copyCurrentStructure(p);
      }
      return out.toString();
    } catch (IOException e) {
      throw new IllegalStateException("text validated by scan() no longer parses", e);
    }
  }

  /** A constant as a JSON string literal. */
  private static String quote(String text) {
    StringBuilder b = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }
}
