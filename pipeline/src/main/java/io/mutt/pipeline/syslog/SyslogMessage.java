package io.mutt.pipeline.syslog;

import java.util.List;

/**
 * One syslog message as parsed from a frame or datagram (RFC 5424, RFC 3164 and its vendor
 * variants). Absent parts are null; {@code parseError} names what could not be read, in which case
 * {@code message} holds the unread rest (or the whole line) so nothing is lost.
 *
 * @param format how the header was read
 * @param facility 0–23
 * @param severity 0–7
 * @param timestamp RFC 3339 text, or null when the message carries none usable
 * @param hostname the sender's name, or null (the listener uses the peer address)
 * @param appName RFC 5424 APP-NAME or the RFC 3164 TAG
 * @param procId RFC 5424 PROCID or the RFC 3164 {@code tag[pid]} number
 * @param msgId RFC 5424 MSGID
 * @param structuredData RFC 5424 SD-ELEMENTs in order (empty when none)
 * @param message the MSG part
 * @param sequence a Cisco IOS sequence number ({@code 000123:}), or null
 * @param mnemonic a Cisco {@code FAC-SEV-MNEMONIC} at the start of the message, or null
 * @param parseError a short reason ({@link ParseErrors}), or null when the message was read fully
 */
public record SyslogMessage(
    Format format,
    int facility,
    int severity,
    String timestamp,
    String hostname,
    String appName,
    String procId,
    String msgId,
    List<SdElement> structuredData,
    String message,
    String sequence,
    String mnemonic,
    String parseError) {

  /**
   * A message whose header could not be read past its PRI: no header fields, {@code rest} as the
   * message (nothing is lost) and {@code parseError} saying why.
   */
  public static SyslogMessage unread(
      Format format, int facility, int severity, String rest, String parseError) {
    return new SyslogMessage(
        format,
        facility,
        severity,
        null,
        null,
        null,
        null,
        null,
        List.of(),
        rest,
        null,
        null,
        parseError);
  }

  /** The header format of a message. */
  public enum Format {
    RFC5424("rfc5424"),
    RFC3164("rfc3164"),
    UNKNOWN("unknown");

    private final String label;

    Format(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** One RFC 5424 SD-ELEMENT: its SD-ID and its parameters in order (names may repeat). */
  public record SdElement(String id, List<SdParam> params) {}

  /** One RFC 5424 SD-PARAM, its value unescaped. */
  public record SdParam(String name, String value) {}
}
