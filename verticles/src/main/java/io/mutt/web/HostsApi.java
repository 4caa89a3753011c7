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

/**
 * Development hosts (docs/reference/http-api.md): list sorted by hostname, add (409 when present),
 * delete (404 when absent), each change audited as {@code development_hosts} with the CRC-32 record
 * id of the hostname, in one transaction.
 */
public final class HostsApi {

  private static final String TABLE = "development_hosts";
  private static final String LIST = "SELECT hostname FROM development_hosts ORDER BY hostname";
  private static final String INSERT =
      "INSERT INTO development_hosts (hostname) VALUES ($1) ON CONFLICT DO NOTHING "
          + "RETURNING hostname";
  private static final String DELETE =
      "DELETE FROM development_hosts WHERE hostname = $1 RETURNING hostname";

  private final Pool pg;
  private final ChangeNotice notice;

  public HostsApi(Vertx vertx, Pool pg) {
    this.pg = pg;
    this.notice = ChangeNotice.rules(vertx, TABLE);
  }

  public void mount(Router r, String base) {
    r.get(base + "/dev-hosts").handler(this::handleList);
    r.post(base + "/dev-hosts").handler(this::handleAdd);
    r.delete(base + "/dev-hosts/:hostname").handler(this::handleDelete);
  }

  private void handleList(RoutingContext ctx) {
    pg.query(LIST)
        .execute()
        .onSuccess(
            rows -> {
              JsonArray hosts = new JsonArray();
              rows.forEach(row -> hosts.add(new JsonObject().put("hostname", row.getString(0))));
              Http.ok(ctx, 200, new JsonObject().put("hosts", hosts));
            })
        .onFailure(err -> Http.fail(ctx, err));
  }

  private void handleAdd(RoutingContext ctx) {
    JsonObject body = Http.body(ctx);
    String hostname = HostValidator.devHost(body.getMap());
    String reason = Http.reason(body);
    notice.answer(
        ctx,
        pg.withTransaction(
            conn ->
                conn.preparedQuery(INSERT)
                    .execute(Tuple.of(hostname))
                    .compose(
                        rows -> {
                          Rows.first(rows, ApiError.conflict("Hostname already exists"));
                          return ConfigAudit.of(
                                  ctx,
                                  "CREATE",
                                  TABLE,
                                  RecordIds.of(hostname),
                                  null,
                                  new JsonObject().put("hostname", hostname),
                                  reason)
                              .insert(conn);
                        })),
        201,
        "Dev host added successfully");
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
                          Rows.first(rows, ApiError.notFound("Hostname not found"));
                          return ConfigAudit.of(
                                  ctx,
                                  "DELETE",
                                  TABLE,
                                  RecordIds.of(hostname),
                                  new JsonObject().put("hostname", hostname),
                                  null,
                                  null)
                              .insert(conn);
                        })),
        200,
        "Dev host deleted successfully");
  }
}
