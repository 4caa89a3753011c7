package io.mutt.web;

import io.mutt.pipeline.validation.HostValidator;
import io.vertx.core.Vertx;
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
  private static final String INSERT =
      "INSERT INTO device_teams (hostname, team_assignment) VALUES ($1, $2) "
          + "ON CONFLICT DO NOTHING RETURNING hostname";
  private static final String DELETE =
      "DELETE FROM device_teams WHERE hostname = $1 RETURNING team_assignment";
  private static final String LIST =
      "SELECT hostname, team_assignment FROM device_teams ORDER BY hostname";
  private static final String LOCK =
      "SELECT team_assignment FROM device_teams WHERE hostname = $1 FOR UPDATE";
  private static final String UPDATE =
      "UPDATE device_teams SET team_assignment = $1 WHERE hostname = $2";

  private final HostKeyedTable teams;

  public TeamsApi(Vertx vertx, Pool pg) {
    this.teams = HostKeyedTable.of(vertx, pg, TABLE, INSERT, DELETE);
  }

  public void mount(Router r, String base) {
    r.get(base + "/teams")
        .handler(
            ctx ->
                Rows.answerList(
                    ctx,
                    teams.pg(),
                    LIST,
                    "teams",
                    row -> json(row.getString(0), row.getString(1))));
    r.post(base + "/teams").handler(this::handleAdd);
    r.put(base + "/teams/:hostname").handler(this::handleUpdate);
    r.delete(base + "/teams/:hostname")
        .handler(
            ctx ->
                teams.delete(
                    ctx,
                    (hostname, row) -> json(hostname, row.getString(0)),
                    "Team mapping deleted successfully"));
  }

  private void handleAdd(RoutingContext ctx) {
    JsonObject body = Http.body(ctx);
    Map<String, Object> row = HostValidator.team(body.getMap());
    String hostname = (String) row.get("hostname");
    teams.add(
        ctx,
        hostname,
        Tuple.of(hostname, row.get("team_assignment")),
        new JsonObject(row),
        Http.reason(body),
        "Hostname already has a team assignment",
        "Team mapping added successfully");
  }

  private void handleUpdate(RoutingContext ctx) {
    String hostname = ctx.pathParam("hostname");
    teams
        .notice()
        .answer(
            ctx,
            teams
                .pg()
                .withTransaction(
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
                                              teams
                                                  .audit(
                                                      ctx,
                                                      "UPDATE",
                                                      hostname,
                                                      json(hostname, before),
                                                      json(hostname, team),
                                                      Http.reason(body))
                                                  .insert(conn));
                                })),
            200,
            "Team mapping updated successfully");
  }

  private static JsonObject json(String hostname, String team) {
    return new JsonObject().put("hostname", hostname).put("team_assignment", team);
  }
}
