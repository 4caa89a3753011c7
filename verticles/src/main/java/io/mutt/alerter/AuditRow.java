package io.mutt.alerter;

import java.time.OffsetDateTime;

/**
 * One {@code event_audit_log} row (docs/reference/sql-tables.md) plus the {@code event_id} that
 * makes the insert idempotent (ADR 0003), and whether its queue entry is on its first delivery
 * (then a row for it is not expected to exist, and the cheaper plain insert is tried first).
 */
record AuditRow(
    OffsetDateTime eventTimestamp,
    String hostname,
    int ruleId,
    String handling,
    boolean forwarded,
    String rawMessage,
    String eventId,
    boolean firstDelivery) {}
