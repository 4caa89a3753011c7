package io.mutt.web;

import io.mutt.pipeline.validation.RecordIds;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A configuration table keyed by hostname (development hosts, device teams): its listing, and the
 * add and delete that each run in one transaction with their audit row (record id: the CRC-32 of
 * the hostname), then announce the change to every alerter's rule cache.
 *
 * @param insert the INSERT … ON CONFLICT DO NOTHING RETURNING …, with the hostname as {@code $1}
 * @param delete the DELETE … WHERE hostname = $1 RETURNING …
 */
record HostKeyedTable(Pool pg, ChangeNotice notice, String table, String insert, String delete) {

  static HostKeyedTable of(Vertx vertx, Pool pg, String table, String insert, String delete) {
    return new HostKeyedTable(pg, ChangeNotice.rules(vertx, table), table, insert, delete);
  }

  /**
   * INSERT with {@code args}, 409 {@code conflict} when the hostname is present; 201 {@code
   * message}.
   */
  void add(
      RoutingContext ctx,
      String hostname,
      Tuple args,
      JsonObject values,
      String reason,
      String conflict,
      String message) {
    writeAudited(
        ctx,
        insert,
        args,
        ApiError.conflict(conflict),
        row -> audit(ctx, "CREATE", hostname, null, values, reason),
        201,
        message);
  }

  /**
   * DELETE of the path parameter {@code hostname}, 404 when absent; the audit's old values are made
   * from the hostname and the row DELETE returned; 200 {@code message}.
   */
  void delete(RoutingContext ctx, BiFunction<String, Row, JsonObject> oldValues, String message) {
    String hostname = ctx.pathParam("hostname");
    writeAudited(
        ctx,
        delete,
        Tuple.of(hostname),
        ApiError.notFound("Hostname not found"),
        row -> audit(ctx, "DELETE", hostname, oldValues.apply(hostname, row), null, null),
        200,
        message);
  }

  /**
   * In one transaction: the write {@code sql} (with a {@code RETURNING} clause; {@code none} thrown
   * when it returns no row), then the audit row made from the row it returned; then the change is
   * announced and {@code status} answered with {@code message}.
   */
  private void writeAudited(
      RoutingContext ctx,
      String sql,
      Tuple args,
      ApiError none,
      Function<Row, ConfigAudit> audit,
      int status,
      String message) {
    notice.answer(
        ctx,
        pg.withTransaction(
            conn ->
                conn.preparedQuery(sql)
                    .execute(args)
                    .compose(rows -> audit.apply(Rows.first(rows, none)).insert(conn))),
        status,
        message);
  }

  /** The audit row of a change to {@code hostname}'s record. */
  ConfigAudit audit(
      RoutingContext ctx,
      String operation,
      String hostname,
      JsonObject oldValues,
      JsonObject newValues,
      String reason) {
    return ConfigAudit.of(
        ctx, operation, table, RecordIds.of(hostname), oldValues, newValues, reason);
  }
}
