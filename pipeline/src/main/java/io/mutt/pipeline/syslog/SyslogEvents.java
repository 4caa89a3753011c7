package io.mutt.pipeline.syslog;

import io.mutt.pipeline.event.EventJson;
import io.mutt.pipeline.syslog.SyslogMessage.SdElement;
import io.mutt.pipeline.syslog.SyslogMessage.SdParam;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps a parsed syslog message to the ingest event model, so the same rules match a line whether it
 * came over HTTP or syslog: {@code hostname} (the peer address when the message names none), {@code
 * timestamp} (the arrival time when the message carries none), {@code message}, {@code
 * syslog_severity} (0–7), {@code severity} and {@code facility} as rsyslog names them, {@code
 * program}, {@code procid}, {@code msgid}, {@code source_ip}, {@code source} = {@code syslog},
 * {@code syslog_format}, {@code structured_data} ({@code {"SD-ID":{"name":"value"}}}; a repeated
 * name becomes an array), {@code cisco_sequence}, {@code cisco_mnemonic}, and for a frame not read
 * fully {@code parse_error} plus {@code raw} (the whole frame).
 */
public final class SyslogEvents {

  static final String[] SEVERITIES = {
    "emerg", "alert", "crit", "err", "warning", "notice", "info", "debug"
  };

  static final String[] FACILITIES = {
    "kern",
    "user",
    "mail",
    "daemon",
    "auth",
    "syslog",
    "lpr",
    "news",
    "uucp",
    "cron",
    "authpriv",
    "ftp",
    "ntp",
    "security",
    "console",
    "solaris-cron",
    "local0",
    "local1",
    "local2",
    "local3",
    "local4",
    "local5",
    "local6",
    "local7"
  };

  /** The buffer each event is built in before its exact-size copy (see {@link #payload}). */
  private final byte[] scratch = new byte[8192];

  /** An encoder for one thread (one listener event loop): it reuses one build buffer. */
  public SyslogEvents() {}

  /**
   * The queued payload of one message.
   *
   * @param raw the frame as received (written only when the message has a parse error)
   * @param peer the sender's address
   * @param received the arrival time, RFC 3339 ({@code Instant.toString()})
   */
  public static byte[] encode(
      SyslogMessage m,
      String raw,
      String peer,
      String received,
      String correlationId,
      String eventId) {
    return encode(
        new EventJson(384 + 2 * m.message().length()),
        m,
        raw,
        peer,
        received,
        correlationId,
        eventId,
        false);
  }

  /**
   * {@link #encode(SyslogMessage, String, String, String, String, String)} built in this encoder's
   * buffer (the result is the one allocation), for a frame known to be plain ({@link
   * EventJson#isPlain}) when {@code plainFrame}: every text taken from it is then copied without
   * escaping.
   */
  public byte[] payload(
      SyslogMessage m,
      String raw,
      String peer,
      String received,
      String correlationId,
      String eventId,
      boolean plainFrame) {
    return encode(
        new EventJson(scratch), m, raw, peer, received, correlationId, eventId, plainFrame);
  }

  private static byte[] encode(
      EventJson j,
      SyslogMessage m,
      String raw,
      String peer,
      String received,
      String correlationId,
      String eventId,
      boolean plainFrame) {
    text(j, "hostname", m.hostname() != null ? m.hostname() : peer, plainFrame);
    text(j, "timestamp", m.timestamp() != null ? m.timestamp() : received, plainFrame);
    text(j, "message", m.message(), plainFrame);
    j.field("syslog_severity", m.severity())
        .plainField("severity", SEVERITIES[m.severity()])
        .plainField("facility", FACILITIES[m.facility()]);
    text(j, "program", m.appName(), plainFrame);
    text(j, "procid", m.procId(), plainFrame);
    text(j, "msgid", m.msgId(), plainFrame);
    j.field("source_ip", peer)
        .plainField("source", "syslog")
        .plainField("syslog_format", m.format().label());
    text(j, "cisco_sequence", m.sequence(), plainFrame);
    text(j, "cisco_mnemonic", m.mnemonic(), plainFrame);
    if (!m.structuredData().isEmpty()) {
      j.object("structured_data");
      for (SdElement e : m.structuredData()) {
        j.object(e.id());
        for (Map.Entry<String, List<String>> p : grouped(e.params()).entrySet()) {
          if (p.getValue().size() == 1) {
            j.field(p.getKey(), p.getValue().get(0));
          } else {
            j.array(p.getKey());
            p.getValue().forEach(j::item);
            j.endArray();
          }
        }
        j.end();
      }
      j.end();
    }
    if (m.parseError() != null) {
      j.field("parse_error", m.parseError());
      text(j, "raw", raw, plainFrame);
    }
    return j.plainField("received_at", received)
        .plainField("_correlation_id", correlationId)
        .plainField("_event_id", eventId)
        .toBytes();
  }

  /** A text taken from the frame (or the peer, or the arrival time: plain too). */
  private static void text(EventJson j, String name, String value, boolean plain) {
    if (plain) {
      j.plainField(name, value);
    } else {
      j.field(name, value);
    }
  }

  private static Map<String, List<String>> grouped(List<SdParam> params) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (SdParam p : params) {
      out.computeIfAbsent(p.name(), k -> new ArrayList<>(1)).add(p.value());
    }
    return out;
  }
}
