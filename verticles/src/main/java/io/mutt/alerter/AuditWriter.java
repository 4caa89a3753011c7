package io.mutt.alerter;

import io.mutt.pipeline.alerting.EventTimestamps;
import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the audit rows of a batch in one statement (ADR 0003): a multi-row {@code INSERT … SELECT
 * FROM unnest(arrays)} with {@code ON CONFLICT (event_id, event_timestamp) DO NOTHING}, so a
 * redelivered event never gets a second row. A batch whose entries are all on their first delivery
 * is written without the {@code ON CONFLICT} clause first (PostgreSQL's speculative insertion costs
 * ~17 % more per row, measured); the unique index still refuses a row that exists (an event
 * replayed from a DLQ), and then the statement — which inserted nothing — is run again with the
 * clause. The statement commits on its own (auto-commit), so the rows are durable when the future
 * succeeds. Monthly partitions for the months of the batch are created on demand (once per month
 * and JVM), and when a partition was dropped behind our back the insert is retried once after
 * re-creating them.
 */
final class AuditWriter {

  static final String INSERT =
      "INSERT INTO event_audit_log (event_timestamp, hostname, matched_rule_id,"
          + " handling_decision, forwarded_to_moog, raw_message, event_id, coalesced_into,"
          + " noise_decision)"
          + " SELECT * FROM unnest($1::timestamptz[], $2::varchar[], $3::int[], $4::varchar[], $5::bool[], $6::text[],"
          + " $7::varchar[], $8::varchar[], $9::varchar[]) ON CONFLICT (event_id, event_timestamp) DO NOTHING";

  /**
   * The same insert for rows not expected to exist; a duplicate fails the whole statement with
   * 23505.
   */
  static final String INSERT_FRESH = INSERT.substring(0, INSERT.indexOf(" ON CONFLICT"));

  static final String UPDATE_COALESCED_INTO =
      "UPDATE event_audit_log a SET coalesced_into = u.first_id"
          + " FROM unnest($1::varchar[], $2::timestamptz[], $3::varchar[]) AS u(id, ts, first_id)"
          + " WHERE a.event_id = u.id AND a.event_timestamp = u.ts";

  /** Marks the audit row of a flapping key's last event as forwarded with its final state. */
  static final String UPDATE_SETTLED =
      "UPDATE event_audit_log SET forwarded_to_moog = true, noise_decision = $3"
          + " WHERE event_id = $1 AND event_timestamp = $2";

  static final String NO_PARTITION = "23514";
  static final String UNIQUE_VIOLATION = "23505";
  private static final Logger LOG = LoggerFactory.getLogger(AuditWriter.class);

  private final Pool pg;
  private final AlerterMetrics metrics;
  private final Set<LocalDate> knownMonths = ConcurrentHashMap.newKeySet();

  AuditWriter(Pool pg, AlerterMetrics metrics) {
    this.pg = pg;
    this.metrics = metrics;
  }

  /**
   * Stores the rows (or finds them stored by an earlier delivery of the same event). Completes with
   * the event ids of rows the database refused for their content (data or constraint error,
   * isolated by retrying row by row, so one bad row does not hold back the others); fails when the
   * database cannot be used at all.
   */
  Future<Set<String>> write(List<AuditRow> rows) {
    if (rows.isEmpty()) {
      return Future.succeededFuture(Set.of());
    }
    List<OffsetDateTime> times = rows.stream().map(AuditRow::eventTimestamp).toList();
    Set<LocalDate> months = EventTimestamps.months(times, false);
    months.removeAll(knownMonths);
    return ensure(months)
        .compose(v -> insert(rows))
        .map(v -> Set.<String>of())
        .recover(
            err -> {
              if (missingPartition(err)) {
                LOG.warn(
                    "audit partition missing ({}); creating the partitions of the batch and retrying once",
                    err.getMessage());
                knownMonths.clear();
                return ensure(EventTimestamps.months(times, true))
                    .compose(v -> insert(rows))
                    .map(v -> Set.<String>of())
                    .recover(
                        again -> rowError(again) ? oneByOne(rows) : Future.failedFuture(again));
              }
              return rowError(err) ? oneByOne(rows) : Future.failedFuture(err);
            });
  }

  /** Sets {@code coalesced_into} of already written rows to the value each row now carries. */
  Future<Void> updateCoalescedInto(List<AuditRow> rows) {
    String[] ids = rows.stream().map(AuditRow::eventId).toArray(String[]::new);
    OffsetDateTime[] times =
        rows.stream().map(AuditRow::eventTimestamp).toArray(OffsetDateTime[]::new);
    String[] into = rows.stream().map(AuditRow::coalescedInto).toArray(String[]::new);
    return pg.preparedQuery(UPDATE_COALESCED_INTO)
        .execute(
            Tuple.tuple()
                .addArrayOfString(ids)
                .addArrayOfOffsetDateTime(times)
                .addArrayOfString(into))
        .mapEmpty();
  }

  /**
   * Records on the audit row of a flapping key's last event that its final state was forwarded (ADR
   * 0038); completes with whether the row was found.
   */
  Future<Boolean> settled(String eventId, OffsetDateTime eventTimestamp, String noise) {
    return pg.preparedQuery(UPDATE_SETTLED)
        .execute(Tuple.of(eventId, eventTimestamp, noise))
        .map(r -> r.rowCount() > 0);
  }

  private Future<Set<String>> oneByOne(List<AuditRow> rows) {
    List<Future<Void>> each = rows.stream().map(r -> insert(List.of(r))).toList();
    return Future.join(each)
        .transform(
            ignored -> {
              Set<String> refused = new HashSet<>();
              for (int i = 0; i < rows.size(); i++) {
                Future<Void> f = each.get(i);
                if (f.failed()) {
                  if (!rowError(f.cause())) {
                    return Future.failedFuture(f.cause());
                  }
                  refused.add(rows.get(i).eventId());
                  LOG.error(
                      "audit row of event {} refused: {}",
                      rows.get(i).eventId(),
                      f.cause().getMessage());
                }
              }
              return Future.succeededFuture(refused);
            });
  }

  /** Another consumer created the same partition at the same moment (duplicate table or type). */
  static boolean createdConcurrently(Throwable err) {
    return err instanceof PgException pe
        && ("42P07".equals(pe.getSqlState()) || "23505".equals(pe.getSqlState()));
  }

  static boolean missingPartition(Throwable err) {
    return err instanceof PgException pe
        && NO_PARTITION.equals(pe.getSqlState())
        && String.valueOf(pe.getErrorMessage()).contains("no partition");
  }

  /**
   * A data exception (22xxx) or integrity violation (23xxx): the row's content, not the database,
   * is at fault.
   */
  static boolean rowError(Throwable err) {
    return err instanceof PgException pe
        && pe.getSqlState() != null
        && (pe.getSqlState().startsWith("22") || pe.getSqlState().startsWith("23"))
        && !missingPartition(err);
  }

  private Future<Void> insert(List<AuditRow> rows) {
    Tuple args = arguments(rows);
    if (!rows.stream().allMatch(AuditRow::firstDelivery)) {
      return execute(INSERT, args);
    }
    return execute(INSERT_FRESH, args)
        .recover(err -> duplicate(err) ? execute(INSERT, args) : Future.failedFuture(err));
  }

  static boolean duplicate(Throwable err) {
    return err instanceof PgException pe && UNIQUE_VIOLATION.equals(pe.getSqlState());
  }

  private static Tuple arguments(List<AuditRow> rows) {
    int n = rows.size();
    OffsetDateTime[] ts = new OffsetDateTime[n];
    String[] host = new String[n];
    Integer[] rule = new Integer[n];
    String[] handling = new String[n];
    Boolean[] forwarded = new Boolean[n];
    String[] raw = new String[n];
    String[] id = new String[n];
    String[] into = new String[n];
    String[] noise = new String[n];
    for (int i = 0; i < n; i++) {
      AuditRow r = rows.get(i);
      ts[i] = r.eventTimestamp();
      host[i] = r.hostname();
      rule[i] = r.ruleId();
      handling[i] = r.handling();
      forwarded[i] = r.forwarded();
      raw[i] = r.rawMessage();
      id[i] = r.eventId();
      into[i] = r.coalescedInto();
      noise[i] = r.noise();
    }
    return Tuple.tuple()
        .addArrayOfOffsetDateTime(ts)
        .addArrayOfString(host)
        .addArrayOfInteger(rule)
        .addArrayOfString(handling)
        .addArrayOfBoolean(forwarded)
        .addArrayOfString(raw)
        .addArrayOfString(id)
        .addArrayOfString(into)
        .addArrayOfString(noise);
  }

  private Future<Void> execute(String statement, Tuple args) {
    long start = System.nanoTime();
    return pg.preparedQuery(statement)
        .execute(args)
        .onSuccess(r -> metrics.dbWriteLatencyMs.record((System.nanoTime() - start) / 1e6))
        .mapEmpty();
  }

  /**
   * Creates the partitions of the given months one after the other; failures are left to the insert
   * to report.
   */
  private Future<Void> ensure(Set<LocalDate> months) {
    Future<Void> chain = Future.succeededFuture();
    for (Iterator<LocalDate> it = new ArrayList<>(months).iterator(); it.hasNext(); ) {
      LocalDate month = it.next();
      chain =
          chain.compose(
              v ->
                  pg.preparedQuery("SELECT create_monthly_partition($1::date)")
                      .execute(Tuple.of(month))
                      .onSuccess(r -> knownMonths.add(month))
                      .<Void>mapEmpty()
                      .recover(
                          err -> {
                            if (createdConcurrently(err)) {
                              knownMonths.add(month);
                            } else {
                              LOG.warn(
                                  "could not create the audit partition of {}: {}",
                                  month,
                                  err.getMessage());
                            }
                            return Future.succeededFuture();
                          }));
    }
    return chain;
  }
}
