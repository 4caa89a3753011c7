package io.mutt.web;

import io.mutt.pipeline.validation.RuleValidator;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.Map;

/**
 * Rules CRUD (docs/reference/http-api.md): list by priority then id; create, update and delete each
 * commit together with their {@code config_audit_log} row in one transaction and then announce the
 * change on {@link io.mutt.contract.BusAddresses#RULES_CHANGED}.
 */
public final class RulesApi {

  static final String COLUMNS =
      "id, match_string, trap_oid, syslog_severity, match_type, priority, prod_handling, "
          + "dev_handling, team_assignment, is_active, clear_pattern, clear_key, flap_threshold, "
          + "flap_window_minutes, flap_stable_minutes";
  private static final String LIST =
      "SELECT " + COLUMNS + " FROM alert_rules ORDER BY priority ASC, id ASC";
  private static final String GET = "SELECT " + COLUMNS + " FROM alert_rules WHERE id = $1";
  private static final String LOCK = GET + " FOR UPDATE";
  private static final String INSERT =
      "INSERT INTO alert_rules (match_string, trap_oid, syslog_severity, match_type, "
          + "priority, prod_handling, dev_handling, team_assignment, is_active, clear_pattern, clear_key, "
          + "flap_threshold, flap_window_minutes, flap_stable_minutes) "
          + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) "
          + "RETURNING id";
  private static final String UPDATE =
      "UPDATE alert_rules SET match_string = $1, trap_oid = $2, syslog_severity = $3, "
          + "match_type = $4, priority = $5, prod_handling = $6, dev_handling = $7, team_assignment = $8, is_active = $9, "
          + "clear_pattern = $10, clear_key = $11, flap_threshold = $12, flap_window_minutes = $13, "
          + "flap_stable_minutes = $14 WHERE id = $15";
  private static final String DELETE = "DELETE FROM alert_rules WHERE id = $1";

  private static final String TABLE = "alert_rules";
  private static final String NOT_FOUND = "Rule not found";

  private final Pool pg;
  private final ChangeNotice notice;
  private final WebMetrics metrics;

  public RulesApi(Vertx vertx, Pool pg, WebMetrics metrics) {
    this.pg = pg;
    this.notice = ChangeNotice.rules(vertx, TABLE);
    this.metrics = metrics;
  }

  public void mount(Router r, String base) {
    r.get(base + "/rules").handler(this::handleList);
    r.post(base + "/rules").handler(this::handleCreate);
    r.get(base + "/rules/:id").handler(this::handleGet);
    r.put(base + "/rules/:id").handler(this::handleUpdate);
    r.delete(base + "/rules/:id").handler(this::handleDelete);
  }

  private void handleList(RoutingContext ctx) {
    long t0 = System.nanoTime();
    pg.query(LIST)
        .execute()
        .onSuccess(
            rows -> {
              metrics.dbQuery("get_rules").record((System.nanoTime() - t0) / 1e6);
              JsonArray out = new JsonArray();
              rows.forEach(row -> out.add(toJson(row)));
              metrics.request("rules", "success").increment();
              Http.ok(ctx, 200, new JsonObject().put("rules", out));
            })
        .onFailure(
            err -> {
              metrics.request("rules", "error").increment();
              Http.fail(ctx, err);
            });
  }

  private void handleGet(RoutingContext ctx) {
    Integer id = ruleId(ctx);
    if (id == null) {
      return;
    }
    pg.preparedQuery(GET)
        .execute(Tuple.of(id))
        .map(rows -> toJson(Rows.first(rows, ApiError.notFound(NOT_FOUND))))
        .onSuccess(rule -> Http.ok(ctx, 200, rule))
        .onFailure(err -> Http.fail(ctx, err));
  }

  private void handleCreate(RoutingContext ctx) {
    JsonObject body = Http.body(ctx);
    Map<String, Object> rule = RuleValidator.forCreate(body.getMap());
    String reason = Http.reason(body);
    Future<Integer> created =
        pg.withTransaction(
            conn ->
                conn.preparedQuery(INSERT)
                    .execute(tuple(rule))
                    .compose(
                        rows -> {
                          int id = rows.iterator().next().getInteger("id");
                          return ConfigAudit.of(
                                  ctx, "CREATE", TABLE, id, null, new JsonObject(rule), reason)
                              .insert(conn)
                              .map(id);
                        }));
    notice.answer(
        ctx,
        counted(created),
        201,
        id -> new JsonObject().put("id", id).put("message", "Rule created successfully"));
  }

  private void handleUpdate(RoutingContext ctx) {
    Integer id = ruleId(ctx);
    if (id == null) {
      return;
    }
    Future<Long> updated =
        pg.withTransaction(
            conn ->
                locked(conn, id)
                    .compose(
                        current -> {
                          JsonObject body = Http.body(ctx);
                          Map<String, Object> changes =
                              RuleValidator.forUpdate(body.getMap(), current.getMap());
                          JsonObject merged = current.copy().mergeIn(new JsonObject(changes));
                          JsonObject old = new JsonObject();
                          changes.keySet().forEach(k -> old.put(k, current.getValue(k)));
                          return conn.preparedQuery(UPDATE)
                              .execute(tuple(merged.getMap()).addInteger(id))
                              .compose(
                                  x ->
                                      ConfigAudit.of(
                                              ctx,
                                              "UPDATE",
                                              TABLE,
                                              id,
                                              old,
                                              new JsonObject(changes),
                                              Http.reason(body))
                                          .insert(conn));
                        }));
    notice.answer(ctx, counted(updated), 200, "Rule updated successfully");
  }

  private void handleDelete(RoutingContext ctx) {
    Integer id = ruleId(ctx);
    if (id == null) {
      return;
    }
    String reason = optionalReason(ctx);
    Future<Long> deleted =
        pg.withTransaction(
            conn ->
                locked(conn, id)
                    .compose(
                        current ->
                            conn.preparedQuery(DELETE)
                                .execute(Tuple.of(id))
                                .compose(
                                    x ->
                                        ConfigAudit.of(
                                                ctx, "DELETE", TABLE, id, current, null, reason)
                                            .insert(conn))));
    notice.answer(
        ctx,
        counted(
            deleted.recover(
                err ->
                    Future.failedFuture(
                        "23503".equals(Http.sqlState(err))
                            ? ApiError.conflict(
                                "Rule is referenced by audit records; deactivate it instead")
                            : err))),
        200,
        "Rule deleted successfully");
  }

  /** The writable fields of the locked row, or a 404. */
  private static Future<JsonObject> locked(SqlConnection conn, int id) {
    return conn.preparedQuery(LOCK)
        .execute(Tuple.of(id))
        .map(
            rows -> {
              JsonObject row = toJson(Rows.first(rows, ApiError.notFound(NOT_FOUND)));
              row.remove("id");
              return row;
            });
  }

  /** Counts a write's outcome in {@code mutt_webui_api_requests_total{endpoint="rules"}}. */
  private <T> Future<T> counted(Future<T> write) {
    return write.andThen(
        ar ->
            metrics
                .request(
                    "rules",
                    ar.succeeded()
                        ? "success"
                        : ar.cause() instanceof ApiError
                                || ar.cause() instanceof io.mutt.pipeline.validation.InvalidInput
                            ? "error_invalid"
                            : "error")
                .increment());
  }

  private static String optionalReason(RoutingContext ctx) {
    try {
      return Http.reason(Http.body(ctx));
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static Integer ruleId(RoutingContext ctx) {
    return Http.pathId(ctx, NOT_FOUND);
  }

  static JsonObject toJson(Row row) {
    JsonObject o = new JsonObject();
    for (String c : COLUMNS.split(", ")) {
      o.put(c, row.getValue(c));
    }
    return o;
  }

  private static Tuple tuple(Map<String, Object> r) {
    Tuple t = Tuple.tuple();
    for (String k : RuleValidator.WRITABLE) {
      t.addValue(r.get(k));
    }
    return t;
  }
}
