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

  private final Vertx vertx;
  private final Pool pg;

  public HostsApi(Vertx vertx, Pool pg) {
    this.vertx = vertx;
    this.pg = pg;
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
    pg.withTransaction(
            conn ->
                conn.preparedQuery(INSERT)
                    .execute(Tuple.of(hostname))
                    .compose(
                        rows -> {
                          if (rows.size() == 0) {
                            throw ApiError.conflict("Hostname already exists");
                          }
                          return ConfigAudit.of(
                                  ctx,
                                  "CREATE",
                                  TABLE,
                                  RecordIds.of(hostname),
                                  null,
                                  new JsonObject().put("hostname", hostname),
                                  reason)
                              .insert(conn);
                        }))
        .onSuccess(
            x -> {
              RulesChanged.publish(vertx, TABLE, Http.correlationId(ctx));
              Http.ok(ctx, 201, new JsonObject().put("message", "Dev host added successfully"));
            })
        .onFailure(err -> Http.fail(ctx, err));
  }

  private void handleDelete(RoutingContext ctx) {
    String hostname = ctx.pathParam("hostname");
    pg.withTransaction(
            conn ->
                conn.preparedQuery(DELETE)
                    .execute(Tuple.of(hostname))
                    .compose(
                        rows -> {
                          if (rows.size() == 0) {
                            throw ApiError.notFound("Hostname not found");
                          }
                          return ConfigAudit.of(
                                  ctx,
                                  "DELETE",
                                  TABLE,
                                  RecordIds.of(hostname),
                                  new JsonObject().put("hostname", hostname),
                                  null,
                                  null)
                              .insert(conn);
                        }))
        .onSuccess(
            x -> {
              RulesChanged.publish(vertx, TABLE, Http.correlationId(ctx));
              Http.ok(ctx, 200, new JsonObject().put("message", "Dev host deleted successfully"));
            })
        .onFailure(err -> Http.fail(ctx, err));
  }
}
