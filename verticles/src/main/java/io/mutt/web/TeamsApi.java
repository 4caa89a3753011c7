package io.mutt.web;

import io.mutt.pipeline.validation.HostValidator;
import io.mutt.pipeline.validation.RecordIds;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.Map;

/**
 * Device teams (docs/reference/http-api.md): hostname → team, sorted by hostname; add (409 when
 * mapped), change and delete (404 when absent), each audited as {@code device_teams} with
 * before/after values in the same transaction.
 */
public final class TeamsApi {

  private static final String TABLE = "device_teams";
  private static final String LIST =
      "SELECT hostname, team_assignment FROM device_teams ORDER BY hostname";
  private static final String INSERT =
      "INSERT INTO device_teams (hostname, team_assignment) VALUES ($1, $2) "
          + "ON CONFLICT DO NOTHING RETURNING hostname";
  private static final String LOCK =
      "SELECT team_assignment FROM device_teams WHERE hostname = $1 FOR UPDATE";
  private static final String UPDATE =
      "UPDATE device_teams SET team_assignment = $1 WHERE hostname = $2";
  private static final String DELETE =
      "DELETE FROM device_teams WHERE hostname = $1 RETURNING team_assignment";

  private final Pool pg;
  private final ChangeNotice notice;

  public TeamsApi(Vertx vertx, Pool pg) {
    this.pg = pg;
    this.notice = ChangeNotice.rules(vertx, TABLE);
  }

  public void mount(Router r, String base) {
    r.get(base + "/teams").handler(this::handleList);
    r.post(base + "/teams").handler(this::handleAdd);
    r.put(base + "/teams/:hostname").handler(this::handleUpdate);
    r.delete(base + "/teams/:hostname").handler(this::handleDelete);
  }

  private void handleList(RoutingContext ctx) {
    pg.query(LIST)
        .execute()
        .onSuccess(
            rows -> {
              JsonArray teams = new JsonArray();
              rows.forEach(
                  row ->
                      teams.add(
                          new JsonObject()
                              .put("hostname", row.getString(0))
                              .put("team_assignment", row.getString(1))));
              Http.ok(ctx, 200, new JsonObject().put("teams", teams));
            })
        .onFailure(err -> Http.fail(ctx, err));
  }

  private void handleAdd(RoutingContext ctx) {
    JsonObject body = Http.body(ctx);
    Map<String, Object> row = HostValidator.team(body.getMap());
    String hostname = (String) row.get("hostname");
    String reason = Http.reason(body);
    notice.answer(
        ctx,
        pg.withTransaction(
            conn ->
                conn.preparedQuery(INSERT)
                    .execute(Tuple.of(hostname, row.get("team_assignment")))
                    .compose(
                        rows -> {
                          Rows.first(
                              rows, ApiError.conflict("Hostname already has a team assignment"));
                          return ConfigAudit.of(
                                  ctx,
                                  "CREATE",
                                  TABLE,
                                  RecordIds.of(hostname),
                                  null,
                                  new JsonObject(row),
                                  reason)
                              .insert(conn);
                        })),
        201,
        "Team mapping added successfully");
  }

  private void handleUpdate(RoutingContext ctx) {
    String hostname = ctx.pathParam("hostname");
    notice.answer(
        ctx,
        pg.withTransaction(
            conn ->
                conn.preparedQuery(LOCK)
                    .execute(Tuple.of(hostname))
                    .compose(
                        rows -> {
                          String before =
                              Rows.first(rows, ApiError.notFound("Hostname not found"))
                                  .getString(0);
                          JsonObject body = Http.body(ctx);
                          String team = HostValidator.teamUpdate(body.getMap());
                          return conn.preparedQuery(UPDATE)
                              .execute(Tuple.of(team, hostname))
                              .compose(
                                  x ->
                                      ConfigAudit.of(
                                              ctx,
                                              "UPDATE",
                                              TABLE,
                                              RecordIds.of(hostname),
                                              new JsonObject()
                                                  .put("hostname", hostname)
                                                  .put("team_assignment", before),
                                              new JsonObject()
                                                  .put("hostname", hostname)
                                                  .put("team_assignment", team),
                                              Http.reason(body))
                                          .insert(conn));
                        })),
        200,
        "Team mapping updated successfully");
  }

  private void handleDelete(RoutingContext ctx) {
    String hostname = ctx.pathParam("hostname");
    notice.answer(
        ctx,
        pg.withTransaction(
            conn ->
                conn.preparedQuery(DELETE)
                    .execute(Tuple.of(hostname))
                    .compose(
                        rows -> {
                          String team =
                              Rows.first(rows, ApiError.notFound("Hostname not found"))
                                  .getString(0);
                          return ConfigAudit.of(
                                  ctx,
                                  "DELETE",
                                  TABLE,
                                  RecordIds.of(hostname),
                                  new JsonObject()
                                      .put("hostname", hostname)
                                      .put("team_assignment", team),
                                  null,
                                  null)
                              .insert(conn);
                        })),
        200,
        "Team mapping deleted successfully");
  }
}
