package io.mutt.pipeline.rules;

import java.util.Locale;

/**
 * The three event fields matching looks at, normalised once per event (SPEC.md §5.5).
 *
 * @param message      the message, "" when absent
 * @param lowerMessage {@code message.toLowerCase(Locale.ROOT)}, the text {@code contains} rules search
 * @param hasOid       whether the raw {@code trap_oid} is non-empty (decides the OID branch)
 * @param oid          the OID with one leading {@code .} removed
 * @param severity     the coerced severity, null when uncoercible
 */
record MatchEvent(String message, String lowerMessage, boolean hasOid, String oid, Integer severity) {

  static MatchEvent of(String message, String trapOid, Object syslogSeverity) {
    String text = message == null ? "" : message;
    String rawOid = trapOid == null ? "" : trapOid;
    return new MatchEvent(text, text.toLowerCase(Locale.ROOT), !rawOid.isEmpty(),
        Oids.normalise(rawOid), Severity.coerce(syslogSeverity));
  }

  boolean hasMessage() {
    return !message.isEmpty();
  }
}
