package io.mutt.web;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

/**
 * Writes one {@code config_audit_log} row (docs/reference/sql-tables.md) on the connection of the
 * caller's transaction, so a change and its audit row commit or roll back together: CREATE never
 * stores old values, DELETE never new values, {@code changed_by} is cut to 100 characters and the
 * correlation id to the column's 36.
 */
public record ConfigAudit(
    String changedBy,
    String operation,
    String table,
    int recordId,
    JsonObject oldValues,
    JsonObject newValues,
    String reason,
    String correlationId) {

  private static final String INSERT =
      "INSERT INTO config_audit_log (changed_by, operation, table_name, record_id, "
          + "old_values, new_values, reason, correlation_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id";

  /**
   * A row for the request being served (actor and correlation id taken from the routing context).
   */
  public static ConfigAudit of(
      RoutingContext ctx,
      String operation,
      String table,
      int recordId,
      JsonObject oldValues,
      JsonObject newValues,
      String reason) {
    return new ConfigAudit(
        Http.actor(ctx),
        operation,
        table,
        recordId,
        oldValues,
        newValues,
        reason,
        Http.correlationId(ctx));
  }

  public Future<Long> insert(SqlClient conn) {
    JsonObject old = "CREATE".equals(operation) || empty(oldValues) ? null : oldValues;
    JsonObject now = "DELETE".equals(operation) || empty(newValues) ? null : newValues;
    String by = changedBy.length() > 100 ? changedBy.substring(0, 100) : changedBy;
    String cid =
        correlationId == null
            ? null
            : correlationId.length() > 36 ? correlationId.substring(0, 36) : correlationId;
    return conn.preparedQuery(INSERT)
        .execute(Tuple.of(by, operation, table, recordId, old, now, reason, cid))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  private static boolean empty(JsonObject o) {
    return o == null || o.isEmpty();
  }
}
