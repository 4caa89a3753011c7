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

  private SyslogEvents() {}

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
    EventJson j = new EventJson(384 + 2 * m.message().length());
    j.field("hostname", m.hostname() != null ? m.hostname() : peer)
        .field("timestamp", m.timestamp() != null ? m.timestamp() : received)
        .field("message", m.message())
        .field("syslog_severity", m.severity())
        .plainField("severity", SEVERITIES[m.severity()])
        .plainField("facility", FACILITIES[m.facility()])
        .field("program", m.appName())
        .field("procid", m.procId())
        .field("msgid", m.msgId())
        .field("source_ip", peer)
        .plainField("source", "syslog")
        .plainField("syslog_format", m.format().label())
        .field("cisco_sequence", m.sequence())
        .field("cisco_mnemonic", m.mnemonic());
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
      j.field("parse_error", m.parseError()).field("raw", raw);
    }
    return j.plainField("received_at", received)
        .plainField("_correlation_id", correlationId)
        .plainField("_event_id", eventId)
        .toBytes();
  }

  private static Map<String, List<String>> grouped(List<SdParam> params) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (SdParam p : params) {
      out.computeIfAbsent(p.name(), k -> new ArrayList<>(1)).add(p.value());
    }
    return out;
  }
}
