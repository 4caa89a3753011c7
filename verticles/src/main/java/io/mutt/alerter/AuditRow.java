package io.mutt.alerter;

import java.time.OffsetDateTime;

/**
 * One {@code event_audit_log} row (docs/reference/sql-tables.md) plus the {@code event_id} that
 * makes the insert idempotent (ADR 0003), and whether its queue entry is on its first delivery
 * (then a row for it is not expected to exist, and the cheaper plain insert is tried first), the
 * event whose alert its own was coalesced into (ADR 0016), if any, and the noise decision that
 * applied (ADR 0027: "suppressed by silence 7"), if any. {@code ruleId} is null for an unmatched
 * event audited because {@code AUDIT_UNHANDLED} is on.
 */
record AuditRow(
    OffsetDateTime eventTimestamp,
    String hostname,
    Integer ruleId,
    String handling,
    boolean forwarded,
    String rawMessage,
    String eventId,
    boolean firstDelivery,
    String coalescedInto,
    String noise) {

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
        firstEventId,
        noise);
  }
}
