package io.mutt.web;

import io.mutt.noise.NoiseRows;
import io.mutt.pipeline.noise.MaintenanceWindow;
import io.mutt.pipeline.noise.NoiseSpecs;
import io.mutt.pipeline.validation.InvalidInput;
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
import java.time.Instant;

/**
 * Maintenance windows (docs/reference/noise.md): list (each with whether it is open now, until
 * when, and its next start), get, create, replace and delete. Each write commits with its {@code
 * config_audit_log} row in one transaction and is then announced on the noise-changed address.
 */
public final class MaintenanceWindowsApi {

  static final String TABLE = "maintenance_windows";
  private static final String LIST =
      "SELECT " + NoiseRows.WINDOW_COLUMNS + " FROM maintenance_windows ORDER BY id";
  private static final String GET =
      "SELECT " + NoiseRows.WINDOW_COLUMNS + " FROM maintenance_windows WHERE id = $1";
  private static final String INSERT =
      "INSERT INTO maintenance_windows (name, matchers, schedule, effect, severity, comment,"
          + " created_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id";
  private static final String UPDATE =
      "UPDATE maintenance_windows SET name = $1, matchers = $2, schedule = $3, effect = $4,"
          + " severity = $5, comment = $6, updated_at = NOW() WHERE id = $7";
  private static final String DELETE = "DELETE FROM maintenance_windows WHERE id = $1";

  private static final String NOT_FOUND = "Maintenance window not found";

  private final Pool pg;
  private final ChangeNotice notice;

  public MaintenanceWindowsApi(Vertx vertx, Pool pg) {
    this.pg = pg;
    this.notice = ChangeNotice.noise(vertx, TABLE);
  }

  public void mount(Router r, String base) {
    r.get(base + "/maintenance-windows").handler(this::handleList);
    r.post(base + "/maintenance-windows").handler(this::handleCreate);
    r.get(base + "/maintenance-windows/:id").handler(this::handleGet);
    r.put(base + "/maintenance-windows/:id").handler(this::handleUpdate);
    r.delete(base + "/maintenance-windows/:id").handler(this::handleDelete);
  }

  private void handleList(RoutingContext ctx) {
    String state = Http.param(ctx, "state");
    if (state != null && !state.matches("active|upcoming|all")) {
      Http.fail(ctx, new InvalidInput("state", "state must be active, upcoming or all"));
      return;
    }
    Instant now = Instant.now();
    pg.query(LIST)
        .execute()
        .onSuccess(
            rows -> {
              JsonArray out = new JsonArray();
              for (Row row : rows) {
                JsonObject w = NoiseRows.windowJson(row, now);
                boolean active = w.getBoolean("active", false);
                if ("active".equals(state) && !active
                    || "upcoming".equals(state) && (active || w.getString("next_start") == null)) {
                  continue;
                }
                out.add(w);
              }
              Http.ok(ctx, 200, new JsonObject().put("windows", out));
            })
        .onFailure(err -> Http.fail(ctx, err));
  }

  private void handleGet(RoutingContext ctx) {
    Integer id = id(ctx);
    if (id == null) {
      return;
    }
    pg.preparedQuery(GET)
        .execute(Tuple.of(id))
        .map(
            rows ->
                NoiseRows.windowJson(Rows.first(rows, ApiError.notFound(NOT_FOUND)), Instant.now()))
        .onSuccess(w -> Http.ok(ctx, 200, w))
        .onFailure(err -> Http.fail(ctx, err));
  }

  /** The validated stored form of a request body (the engine reads it back the same way). */
  static JsonObject stored(JsonObject body) {
    MaintenanceWindow w = NoiseSpecs.window(0, NoiseRows.plainMap(body));
    Object comment = body.getValue("comment");
    if (comment != null && !(comment instanceof String)) {
      throw new InvalidInput("comment", "comment must be a string");
    }
    return new JsonObject()
        .put("name", w.name())
        .put("matchers", NoiseRows.matchersJson(w))
        .put("schedule", new JsonObject(NoiseSpecs.scheduleJson(w.schedule())))
        .put("effect", w.effect().wire())
        .put("severity", w.severity())
        .put("comment", comment);
  }

  private static Tuple tuple(JsonObject w) {
    return Tuple.of(
        w.getString("name"),
        w.getJsonArray("matchers"),
        w.getJsonObject("schedule"),
        w.getString("effect"),
        w.getString("severity"),
        w.getString("comment"));
  }

  private void handleCreate(RoutingContext ctx) {
    JsonObject body = Http.body(ctx);
    JsonObject w = stored(body);
    String reason = Http.reason(body);
    notice.answer(
        ctx,
        pg.withTransaction(
            conn ->
                conn.preparedQuery(INSERT)
                    .execute(tuple(w).addString(Http.actor(ctx)))
                    .compose(
                        rows -> {
                          int id = rows.iterator().next().getInteger("id");
                          return ConfigAudit.of(ctx, "CREATE", TABLE, id, null, w, reason)
                              .insert(conn)
                              .map(id);
                        })),
        201,
        id -> new JsonObject().put("id", id).put("message", "Maintenance window created"));
  }

  private void handleUpdate(RoutingContext ctx) {
    Integer id = id(ctx);
    if (id == null) {
      return;
    }
    JsonObject body = Http.body(ctx);
    JsonObject w = stored(body);
    String reason = Http.reason(body);
    notice.answer(
        ctx,
        pg.withTransaction(
            conn ->
                locked(conn, id)
                    .compose(
                        old ->
                            conn.preparedQuery(UPDATE)
                                .execute(tuple(w).addInteger(id))
                                .compose(
                                    x ->
                                        ConfigAudit.of(ctx, "UPDATE", TABLE, id, old, w, reason)
                                            .insert(conn)))),
        200,
        "Maintenance window updated");
  }

  private void handleDelete(RoutingContext ctx) {
    Integer id = id(ctx);
    if (id == null) {
      return;
    }
    String reason = Http.param(ctx, "reason");
    notice.answer(
        ctx,
        pg.withTransaction(
            conn ->
                locked(conn, id)
                    .compose(
                        old ->
                            conn.preparedQuery(DELETE)
                                .execute(Tuple.of(id))
                                .compose(
                                    x ->
                                        ConfigAudit.of(ctx, "DELETE", TABLE, id, old, null, reason)
                                            .insert(conn)))),
        200,
        "Maintenance window deleted");
  }

  private static Future<JsonObject> locked(SqlConnection conn, int id) {
    return conn.preparedQuery(GET + " FOR UPDATE")
        .execute(Tuple.of(id))
        .map(
            rows -> {
              Row row = Rows.first(rows, ApiError.notFound(NOT_FOUND));
              return new JsonObject()
                  .put("name", row.getString("name"))
                  .put("matchers", row.getValue("matchers"))
                  .put("schedule", row.getValue("schedule"))
                  .put("effect", row.getString("effect"))
                  .put("severity", row.getString("severity"))
                  .put("comment", row.getString("comment"));
            });
  }

  private static Integer id(RoutingContext ctx) {
    return Http.pathId(ctx, NOT_FOUND);
  }
}
