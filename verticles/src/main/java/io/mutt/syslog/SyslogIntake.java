package io.mutt.syslog;

import io.mutt.listener.ListenerMetrics;
import io.mutt.pipeline.event.EventIds;
import io.mutt.pipeline.event.EventJson;
import io.mutt.pipeline.syslog.ParseErrors;
import io.mutt.pipeline.syslog.SyslogEvents;
import io.mutt.pipeline.syslog.SyslogMessage;
import io.mutt.pipeline.syslog.SyslogParser;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Turns one frame or datagram into the queued payload of its event (parse, map, stamp ids),
 * counting parse errors by reason. An empty frame is counted and gives no event; every other frame
 * gives one. A read (a TCP chunk, a datagram) starts with {@link #startRead}, which takes the
 * arrival time of its frames, and ends with {@link #reportReceived}, which counts them: once per
 * read rather than once per frame. One per listener verticle (event loop); not thread-safe.
 */
final class SyslogIntake {

  private final SyslogParser parser;
  private final ListenerMetrics metrics;
  private final SyslogEvents events = new SyslogEvents();
  private long receivedMillis = -1;
  private String receivedText;
  private long unreported;

  SyslogIntake(SyslogParser parser, ListenerMetrics metrics) {
    this.parser = parser;
    this.metrics = metrics;
    startRead();
  }

  /**
   * The payload, or null for an empty frame.
   *
   * @param frameError a framing reason ({@link ParseErrors}) or null
   */
  byte[] payload(byte[] buf, int off, int len, String frameError, String peer) {
    unreported++;
    if (ParseErrors.EMPTY.equals(frameError)) {
      metrics.parseError(ParseErrors.EMPTY).increment();
      return null;
    }
    String line = new String(buf, off, len, StandardCharsets.UTF_8);
    SyslogMessage m = parser.parse(line);
    String error = frameError != null ? frameError : m.parseError();
    if (error != null) {
      metrics.parseError(error).increment();
      if (m.parseError() == null) {
        m = withError(m, error);
      }
    }
    return events.payload(
        m,
        line,
        peer,
        receivedText,
        EventIds.newCorrelationId(),
        EventIds.nextEventId(),
        EventJson.isPlain(buf, off, len));
  }

  /** Adds the frames taken since the last call to {@code mutt_listener_received_total}. */
  void reportReceived() {
    if (unreported > 0) {
      metrics.received.increment(unreported);
      unreported = 0;
    }
  }

  private static SyslogMessage withError(SyslogMessage m, String error) {
    return new SyslogMessage(
        m.format(),
        m.facility(),
        m.severity(),
        m.timestamp(),
        m.hostname(),
        m.appName(),
        m.procId(),
        m.msgId(),
        m.structuredData(),
        m.message(),
        m.sequence(),
        m.mnemonic(),
        error);
  }

  /** A read begins: its frames arrived now (RFC 3339, formatted once per millisecond). */
  void startRead() {
    long now = System.currentTimeMillis();
    if (now != receivedMillis) {
      receivedMillis = now;
      receivedText = Instant.ofEpochMilli(now).toString();
    }
  }
}
