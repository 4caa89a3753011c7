package io.mutt.web;

import io.mutt.pipeline.validation.InvalidInput;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.Locale;
import java.util.Set;

/**
 * Config audit (docs/reference/http-api.md): {@code /audit} (list key {@code logs}) and {@code
 * /config-audit} (key {@code changes}), filtered by changed_by (case-insensitive substring),
 * operation, table_name, record_id and changed_at range, newest first; and the dynamic-config
 * history ({@code id DESC}).
 */
public final class ConfigAuditApi {

  static final String FIELDS =
      "id, changed_at, changed_by, operation, table_name, record_id, old_values, new_values, "
          + "reason, correlation_id";
  private static final String WHERE =
      " FROM config_audit_log WHERE ($1::text IS NULL OR changed_by ILIKE "
          + "'%' || $1 || '%' ESCAPE '\\')"
          + " AND ($2::varchar IS NULL OR operation = $2)"
          + " AND ($3::varchar IS NULL OR table_name = $3)"
          + " AND ($4::int IS NULL OR record_id = $4)"
          + " AND ($5::timestamptz IS NULL OR changed_at >= $5)"
          + " AND ($6::timestamptz IS NULL OR changed_at <= $6)";
  private static final String COUNT = "SELECT count(*)" + WHERE;
  private static final String PAGE =
      "SELECT " + FIELDS + WHERE + " ORDER BY changed_at DESC, id DESC LIMIT $7 OFFSET $8";
  private static final String HISTORY_COUNT =
      "SELECT count(*) FROM config_audit_log WHERE table_name = 'dynamic_config'";
  private static final String HISTORY =
      "SELECT "
          + FIELDS
          + " FROM config_audit_log WHERE table_name = 'dynamic_config'"
          + " ORDER BY id DESC LIMIT $1 OFFSET $2";
  private static final Set<String> OPERATIONS = Set.of("CREATE", "UPDATE", "DELETE", "END");

  private final Pool pg;
  private final WebMetrics metrics;

  public ConfigAuditApi(Pool pg, WebMetrics metrics) {
    this.pg = pg;
    this.metrics = metrics;
  }

  public void mount(Router r, String base) {
    r.get(base + "/audit").handler(ctx -> handleSearch(ctx, "logs"));
    r.get(base + "/config-audit").handler(ctx -> handleSearch(ctx, "changes"));
    r.get(base + "/config/history").handler(this::handleHistory);
  }

  private void handleSearch(RoutingContext ctx, String listKey) {
    Tuple filters;
    Paging paging;
    try {
      paging = Paging.of(ctx, 50);
      String op = Http.param(ctx, "operation");
      if (op != null) {
        op = op.toUpperCase(Locale.ROOT);
        if (!OPERATIONS.contains(op)) {
          throw new InvalidInput("operation", "operation must be one of CREATE, UPDATE, DELETE");
        }
      }
      String by = Http.param(ctx, "changed_by");
      filters =
          Tuple.of(
              by == null ? null : likeEscape(by),
              op,
              Http.param(ctx, "table_name"),
              Http.intParam(ctx, "record_id"),
              Paging.time(ctx, "start_date", false),
              Paging.time(ctx, "end_date", true));
    } catch (InvalidInput bad) {
      metrics.request("audit", "error_invalid").increment();
      throw bad;
    }
    paging
        .fetch(pg, COUNT, PAGE, filters, ConfigAuditApi::toJson, listKey)
        .onSuccess(
            res -> {
              metrics.request("audit", "success").increment();
              Http.ok(ctx, 200, res);
            })
        .onFailure(
            err -> {
              metrics.request("audit", "error").increment();
              Http.fail(ctx, err);
            });
  }

  private void handleHistory(RoutingContext ctx) {
    Paging.of(ctx, 50)
        .fetch(pg, HISTORY_COUNT, HISTORY, Tuple.tuple(), ConfigAuditApi::toJson, "history")
        .onSuccess(res -> Http.ok(ctx, 200, res))
        .onFailure(err -> Http.fail(ctx, err));
  }

  static JsonArray toJson(Iterable<Row> rows) {
    JsonArray out = new JsonArray();
    for (Row row : rows) {
      out.add(
          new JsonObject()
              .put("id", row.getLong("id"))
              .put("changed_at", Http.iso(row.getOffsetDateTime("changed_at")))
              .put("changed_by", row.getString("changed_by"))
              .put("operation", row.getString("operation"))
              .put("table_name", row.getString("table_name"))
              .put("record_id", row.getInteger("record_id"))
              .put("old_values", row.getValue("old_values"))
              .put("new_values", row.getValue("new_values"))
              .put("reason", row.getString("reason"))
              .put("correlation_id", row.getString("correlation_id")));
    }
    return out;
  }

  private static String likeEscape(String s) {
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }
}
