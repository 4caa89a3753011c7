package io.mutt.ingest;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;

/**
 * Builds the queued payload of an accepted event (SPEC 3.2, 4.3 step 4): the event exactly as the client sent it
 * with {@code _correlation_id} and {@code _event_id} appended before its closing brace. Only an event that carries
 * either field itself is decoded and re-encoded, so that MUTT's values replace the client's.
 */
final class EventStamper {

  private EventStamper() {
  }

  static Buffer stamp(byte[] body, ScannedEvent e, String correlationId, String eventId) {
    if (e.carriesIds()) {
      JsonObject event = new JsonObject(Buffer.buffer().appendBytes(body, e.open(), e.close() + 1 - e.open()));
      return event.put("_correlation_id", correlationId).put("_event_id", eventId).toBuffer();
    }
    byte[] cid = quoted(correlationId);
    byte[] eid = eventId.getBytes(StandardCharsets.US_ASCII);
    int head = e.close() - e.open();
    Buffer out = Buffer.buffer(head + cid.length + eid.length + 40);
    out.appendBytes(body, e.open(), head);
    out.appendString(e.fields() == 0 ? "\"_correlation_id\":\"" : ",\"_correlation_id\":\"");
    out.appendBytes(cid).appendString("\",\"_event_id\":\"").appendBytes(eid).appendString("\"}");
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
