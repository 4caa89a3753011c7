package io.mutt.pipeline.backtest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * The fields a backtest replays from an audit row's {@code raw_message}: {@code message}, {@code
 * trap_oid}, {@code syslog_severity} and {@code _correlation_id}, read with one streaming pass over
 * the text (no tree of the whole event is built). Values are as a JSON object decoded in full would
 * give them: text for strings, {@code Integer}/{@code Long}/{@code BigInteger}/{@code Double} for
 * numbers, {@code Boolean}, and null for JSON null or an absent field; a field given twice keeps
 * its last value. Text that is not a JSON object is an event with no fields.
 *
 * @param message the message as text ("" when absent)
 * @param trapOid the trap OID as text, or null
 * @param syslogSeverity the raw severity value, or null
 * @param correlationId the correlation id as text, or null
 */
public record ReplayEvent(
    String message, String trapOid, Object syslogSeverity, String correlationId) {

  /** An event whose raw text had no usable fields. */
  public static final ReplayEvent EMPTY = new ReplayEvent("", null, null, null);

  private static final JsonFactory JSON = new JsonFactory();

  /**
   * Reads the four fields, or returns null when one of them holds an object or an array (the caller
   * then decodes the event in full, which gives such values their JSON text).
   */
  public static ReplayEvent parse(String raw) {
    if (raw == null) {
      return EMPTY;
    }
    Object message = null;
    Object trapOid = null;
    Object severity = null;
    Object correlationId = null;
    try (JsonParser p = JSON.createParser(raw)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return EMPTY;
      }
      String name;
      while ((name = p.nextFieldName()) != null) {
        JsonToken value = p.nextToken();
        int field = field(name);
        if (field < 0) {
          if (value.isStructStart()) {
            p.skipChildren();
          }
          continue;
        }
        if (value.isStructStart()) {
          return null;
        }
        Object v = scalar(p, value);
        switch (field) {
          case 0 -> message = v;
          case 1 -> trapOid = v;
          case 2 -> severity = v;
          default -> correlationId = v;
        }
      }
      if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
        return EMPTY;
      }
    } catch (IOException e) {
      return EMPTY;
    }
    return new ReplayEvent(
        message == null ? "" : message.toString(),
        trapOid == null ? null : trapOid.toString(),
        severity,
        correlationId == null ? null : correlationId.toString());
  }

  private static int field(String name) {
    return switch (name) {
      case "message" -> 0;
      case "trap_oid" -> 1;
      case "syslog_severity" -> 2;
      case "_correlation_id" -> 3;
      default -> -1;
    };
  }

  private static Object scalar(JsonParser p, JsonToken token) throws IOException {
    return switch (token) {
      case VALUE_STRING -> p.getText();
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getNumberValue();
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      default -> null;
    };
  }
}
