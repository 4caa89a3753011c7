package io.mutt.pipeline.retention;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one retention run did, or in a dry run would have done.
 *
 * @param dryRun nothing was changed; the counts say what a live run would remove
 * @param partitionsEnsured partitions that exist after the run for the months ensured
 * @param eventsArchived rows moved from {@code event_audit_log} to {@code event_audit_log_archive}
 * @param partitionsDropped emptied partitions wholly before the window that were dropped
 * @param archiveRowsDeleted archive rows deleted past the archive retention
 * @param configAuditsDeleted {@code config_audit_log} rows deleted
 * @param dlqRemoved entries removed per DLQ key
 * @param failedTasks tasks that failed (the others still ran)
 * @param durationSeconds wall time of the run
 */
public record RetentionOutcome(
    boolean dryRun,
    int partitionsEnsured,
    long eventsArchived,
    int partitionsDropped,
    long archiveRowsDeleted,
    long configAuditsDeleted,
    Map<String, Long> dlqRemoved,
    List<String> failedTasks,
    double durationSeconds) {

  public RetentionOutcome {
    dlqRemoved = Map.copyOf(new LinkedHashMap<>(dlqRemoved));
    failedTasks = List.copyOf(failedTasks);
  }

  public long dlqRemovedTotal() {
    return dlqRemoved.values().stream().mapToLong(Long::longValue).sum();
  }

  /**
   * Rows or entries removed per {@code type} label of {@code
   * mutt_retention_cleanup_records_deleted_total}.
   */
  public Map<String, Long> deletedByType() {
    Map<String, Long> m = new LinkedHashMap<>();
    m.put("config_audit", configAuditsDeleted);
    m.put("event_audit", eventsArchived);
    m.put("dlq", dlqRemovedTotal());
    return m;
  }

  public boolean succeeded() {
    return failedTasks.isEmpty();
  }
}
