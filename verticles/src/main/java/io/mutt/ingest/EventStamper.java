package io.mutt.ingest;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;

/**
 * Builds the queued payload of an accepted event (docs/reference/http-api.md): the event exactly as
 * the client sent it with {@code _correlation_id} and {@code _event_id} appended before its closing
 * brace (event ids are ASCII). Only an event that carries either field itself is decoded and
 * re-encoded, so that MUTT's values replace the client's.
 */
final class EventStamper {

  private static final byte[] CID_FIRST = ascii("\"_correlation_id\":\"");
  private static final byte[] CID_NEXT = ascii(",\"_correlation_id\":\"");
  private static final byte[] EID = ascii("\",\"_event_id\":\"");
  private static final byte[] END = ascii("\"}");

  private EventStamper() {}

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  static byte[] stamp(byte[] body, ScannedEvent e, String correlationId, String eventId) {
    if (e.carriesIds()) {
      JsonObject event =
          new JsonObject(Buffer.buffer().appendBytes(body, e.open(), e.close() + 1 - e.open()));
      return event
          .put("_correlation_id", correlationId)
          .put("_event_id", eventId)
          .toBuffer()
          .getBytes();
    }
    byte[] cid = quoted(correlationId);
    byte[] first = e.fields() == 0 ? CID_FIRST : CID_NEXT;
    int head = e.close() - e.open();
    byte[] out =
        new byte[head + first.length + cid.length + EID.length + eventId.length() + END.length];
    int at = 0;
    System.arraycopy(body, e.open(), out, at, head);
    at += head;
    System.arraycopy(first, 0, out, at, first.length);
    at += first.length;
    System.arraycopy(cid, 0, out, at, cid.length);
    at += cid.length;
    System.arraycopy(EID, 0, out, at, EID.length);
    at += EID.length;
    for (int i = 0; i < eventId.length(); i++) {
      out[at++] = (byte) eventId.charAt(i);
    }
    System.arraycopy(END, 0, out, at, END.length);
    return out;
  }

  /** The UTF-8 bytes of a JSON string body (without quotes), escaped when needed. */
  static byte[] quoted(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == '"' || c == '\\' || c > 0x7e) {
        return JsonStringEncoder.getInstance().quoteAsUTF8(s);
      }
    }
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
