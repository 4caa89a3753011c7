package io.mutt.pipeline.retention;

import java.time.Duration;
import java.time.Instant;

/**
 * The instants before which data is out of its retention window, computed once per run so that
 * every task of the run uses the same clock reading.
 *
 * @param eventAudit {@code event_audit_log.event_timestamp} before this moves to the archive
 * @param archive {@code event_audit_log_archive.event_timestamp} before this is deleted (years ×
 *     365 days)
 * @param configAudit {@code config_audit_log.changed_at} before this is deleted
 * @param dlq DLQ entries whose {@code failed_at} (else {@code timestamp}) is before this are
 *     removed
 */
public record RetentionCutoffs(
    Instant eventAudit, Instant archive, Instant configAudit, Instant dlq) {

  public static RetentionCutoffs of(RetentionPolicy policy, Instant now) {
    return new RetentionCutoffs(
        now.minus(Duration.ofDays(policy.eventAuditDays())),
        now.minus(Duration.ofDays(365L * policy.archiveYears())),
        now.minus(Duration.ofDays(policy.configAuditDays())),
        now.minus(Duration.ofDays(policy.dlqDays())));
  }
}
