package io.mutt.retention;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The audit tables' side of retention (docs/reference/sql-tables.md): moves old {@code
 * event_audit_log} rows to {@code event_audit_log_archive} batch by batch (copy and delete in one
 * statement, hence one transaction, with explicit column names and the source partition's name),
 * deletes expired archive rows and old {@code config_audit_log} rows oldest-first in batches, and
 * counts instead in a dry run. Each loop stops at the first batch smaller than the batch size.
 */
final class AuditStore {

  private static final String MOVE_BATCH =
      """
      WITH batch AS (
        SELECT tableoid::regclass::text AS part, id, event_timestamp
          FROM event_audit_log
         WHERE event_timestamp < $1
         ORDER BY event_timestamp, id
         LIMIT $2
           FOR UPDATE SKIP LOCKED),
      moved AS (
        DELETE FROM event_audit_log e USING batch b
         WHERE e.id = b.id AND e.event_timestamp = b.event_timestamp
        RETURNING e.id, e.event_timestamp, e.hostname, e.matched_rule_id, e.handling_decision,
                  e.forwarded_to_moog, e.raw_message, b.part)
      INSERT INTO event_audit_log_archive (event_timestamp, hostname, matched_rule_id, handling_decision,
                  forwarded_to_moog, raw_message, archived_at, archived_from_partition, original_id,
                  original_partition_timestamp)
      SELECT event_timestamp, hostname, matched_rule_id, handling_decision, forwarded_to_moog, raw_message, now(),
             part, id, event_timestamp
        FROM moved""";
  private static final String DELETE_ARCHIVE_BATCH =
      "DELETE FROM event_audit_log_archive WHERE id IN (SELECT id"
          + " FROM event_audit_log_archive WHERE event_timestamp < $1 ORDER BY event_timestamp LIMIT $2)";
  private static final String DELETE_CONFIG_AUDIT_BATCH =
      "DELETE FROM config_audit_log WHERE id IN (SELECT id"
          + " FROM config_audit_log WHERE changed_at < $1 ORDER BY changed_at LIMIT $2)";

  private final Pool pg;

  AuditStore(Pool pg) {
    this.pg = pg;
  }

  /**
   * Moves every event audit row older than the cutoff; answers the number moved (or that would
   * move).
   */
  Future<Long> archiveEvents(Instant cutoff, int batch, boolean dryRun) {
    if (dryRun) {
      return count("SELECT count(*) FROM event_audit_log WHERE event_timestamp < $1", cutoff);
    }
    return repeat(MOVE_BATCH, cutoff, batch, 0);
  }

  /** Deletes archive rows older than the cutoff. */
  Future<Long> expireArchive(Instant cutoff, int batch, boolean dryRun) {
    if (dryRun) {
      return count(
          "SELECT count(*) FROM event_audit_log_archive WHERE event_timestamp < $1", cutoff);
    }
    return repeat(DELETE_ARCHIVE_BATCH, cutoff, batch, 0);
  }

  /** The archive table's size on disk, indexes and TOAST included. */
  Future<Long> archiveBytes() {
    return pg.query("SELECT pg_total_relation_size('event_audit_log_archive')")
        .execute()
        .map(rows -> rows.iterator().next().getLong(0));
  }

  /** Deletes config audit rows changed before the cutoff. */
  Future<Long> trimConfigAudit(Instant cutoff, int batch, boolean dryRun) {
    if (dryRun) {
      return count("SELECT count(*) FROM config_audit_log WHERE changed_at < $1", cutoff);
    }
    return repeat(DELETE_CONFIG_AUDIT_BATCH, cutoff, batch, 0);
  }

  private Future<Long> repeat(String sql, Instant cutoff, int batch, long done) {
    return pg.preparedQuery(sql)
        .execute(Tuple.of(utc(cutoff), batch))
        .compose(
            rows -> {
              long n = done + rows.rowCount();
              return rows.rowCount() < batch
                  ? Future.succeededFuture(n)
                  : repeat(sql, cutoff, batch, n);
            });
  }

  private Future<Long> count(String sql, Instant cutoff) {
    return pg.preparedQuery(sql)
        .execute(Tuple.of(utc(cutoff)))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  private static OffsetDateTime utc(Instant t) {
    return t.atOffset(ZoneOffset.UTC);
  }
}
