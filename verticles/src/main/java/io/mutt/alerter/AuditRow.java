package io.mutt.alerter;

import java.time.OffsetDateTime;

/**
 * One {@code event_audit_log} row (SPEC.md §5.7, SCHEMA.md §4) plus the {@code event_id} that makes the insert
 * idempotent (ADR 0003).
 */
record AuditRow(OffsetDateTime eventTimestamp, String hostname, int ruleId, String handling, boolean forwarded,
                String rawMessage, String eventId) {
}
