package io.mutt.pipeline.rules;

import java.util.Locale;

/**
 * The three event fields matching looks at, normalised once per event: the message ("" when
 * absent), whether the raw {@code trap_oid} is non-empty (that decides the OID branch), the OID
 * with one leading {@code .} removed, and the {@linkplain Severity#coerce coerced} severity. The
 * lower-cased message that {@code contains} rules search is built on first use.
 */
final class MatchEvent {

  private final String message;
  private final boolean hasOid;
  private final String oid;
  private final Integer severity;
  private String lowerMessage;

  private MatchEvent(String message, boolean hasOid, String oid, Integer severity) {
    this.message = message;
    this.hasOid = hasOid;
    this.oid = oid;
    this.severity = severity;
  }

  static MatchEvent of(String message, String trapOid, Object syslogSeverity) {
    String rawOid = trapOid == null ? "" : trapOid;
    return new MatchEvent(
        message == null ? "" : message,
        !rawOid.isEmpty(),
        Oids.normalise(rawOid),
        Severity.coerce(syslogSeverity));
  }

  String message() {
    return message;
  }

  /** {@code message.toLowerCase(Locale.ROOT)}. */
  String lowerMessage() {
    if (lowerMessage == null) {
      lowerMessage = message.toLowerCase(Locale.ROOT);
    }
    return lowerMessage;
  }

  /**
   * Whether every character is Latin-1, so per-character lower-casing equals {@link #lowerMessage}.
   */
  boolean isLatin1() {
    for (int i = 0; i < message.length(); i++) {
      if (message.charAt(i) > 0xFF) {
        return false;
      }
    }
    return true;
  }

  boolean hasMessage() {
    return !message.isEmpty();
  }

  boolean hasOid() {
    return hasOid;
  }

  String oid() {
    return oid;
  }

  Integer severity() {
    return severity;
  }
}
