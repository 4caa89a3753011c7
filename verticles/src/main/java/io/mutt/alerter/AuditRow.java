package io.mutt.alerter;

import java.time.OffsetDateTime;

/**
 * One {@code event_audit_log} row (SPEC.md §5.7, SCHEMA.md §4) plus the {@code event_id} that makes
 * the insert idempotent (ADR 0003), and whether its queue entry is on its first delivery (then a
 * row for it is not expected to exist, and the cheaper plain insert is tried first), and the event
 * whose alert its own was coalesced into (ADR 0016), if any.
 */
record AuditRow(
    OffsetDateTime eventTimestamp,
    String hostname,
    int ruleId,
    String handling,
    boolean forwarded,
    String rawMessage,
    String eventId,
    boolean firstDelivery,
    String coalescedInto) {

  /** This row naming the event whose alert it was coalesced into (null: not coalesced). */
  AuditRow coalescedInto(String firstEventId) {
    return new AuditRow(
        eventTimestamp,
        hostname,
        ruleId,
        handling,
        forwarded,
        rawMessage,
        eventId,
        firstDelivery,
        firstEventId);
  }
}
