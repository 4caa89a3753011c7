package io.mutt.retention;

import io.mutt.pipeline.retention.AuditPartitions;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The monthly partitions of {@code event_audit_log} in PostgreSQL (docs/reference/sql-tables.md):
 * creates missing ones with {@code create_monthly_partition}, lists the real partitions through
 * {@code pg_inherits}, and drops a partition only if it is still empty while both tables are
 * locked, so no row written meanwhile can be lost.
 */
final class PartitionStore {

  private static final String LIST =
      "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
          + " JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = 'event_audit_log' ORDER BY c.relname";

  private final Pool pg;

  PartitionStore(Pool pg) {
    this.pg = pg;
  }

  /**
   * Ensures a partition for each month (1st of the month given); answers how many exist afterwards.
   */
  Future<Integer> ensure(List<LocalDate> months) {
    Future<Void> chain = Future.succeededFuture();
    for (LocalDate month : months) {
      chain =
          chain.compose(
              v ->
                  pg.preparedQuery("SELECT create_monthly_partition($1::date)")
                      .execute(Tuple.of(month))
                      .mapEmpty());
    }
    return chain
        .compose(v -> list())
        .map(
            names ->
                (int)
                    months.stream()
                        .map(m -> AuditPartitions.name(java.time.YearMonth.from(m)))
                        .filter(names::contains)
                        .count());
  }

  /** Names of the partitions that exist, oldest first. */
  Future<List<String>> list() {
    return pg.query(LIST)
        .execute()
        .map(
            rows -> {
              List<String> out = new ArrayList<>();
              for (Row r : rows) {
                out.add(r.getString(0));
              }
              return out;
            });
  }

  /** Drops the partition if it holds no row; answers whether it was dropped. */
  Future<Boolean> dropIfEmpty(String partition) {
    if (AuditPartitions.monthOf(partition).isEmpty()) {
      return Future.failedFuture("not an audit partition: " + partition);
    }
    // drop_audit_partition_if_empty (migration V50) locks, checks and drops with its owner's
    // rights: MUTT's runtime role owns no table
    return pg.preparedQuery("SELECT drop_audit_partition_if_empty($1)")
        .execute(Tuple.of(partition))
        .map(rows -> rows.iterator().next().getBoolean(0));
  }
}
