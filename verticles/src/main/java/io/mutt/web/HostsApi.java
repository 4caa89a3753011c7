package io.mutt.web;

import io.mutt.pipeline.validation.HostValidator;
import io.vertx.core.Vertx;
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
  private static final String INSERT =
      "INSERT INTO development_hosts (hostname) VALUES ($1) ON CONFLICT DO NOTHING "
          + "RETURNING hostname";
  private static final String DELETE =
      "DELETE FROM development_hosts WHERE hostname = $1 RETURNING hostname";
  private static final String LIST = "SELECT hostname FROM development_hosts ORDER BY hostname";

  private final HostKeyedTable hosts;

  public HostsApi(Vertx vertx, Pool pg) {
    this.hosts = HostKeyedTable.of(vertx, pg, TABLE, INSERT, DELETE);
  }

  public void mount(Router r, String base) {
    r.get(base + "/dev-hosts")
        .handler(
            ctx -> Rows.answerList(ctx, hosts.pg(), LIST, "hosts", row -> json(row.getString(0))));
    r.post(base + "/dev-hosts").handler(this::handleAdd);
    r.delete(base + "/dev-hosts/:hostname")
        .handler(
            ctx ->
                hosts.delete(
                    ctx, (hostname, row) -> json(hostname), "Dev host deleted successfully"));
  }

  private void handleAdd(RoutingContext ctx) {
    JsonObject body = Http.body(ctx);
    String hostname = HostValidator.devHost(body.getMap());
    hosts.add(
        ctx,
        hostname,
        Tuple.of(hostname),
        json(hostname),
        Http.reason(body),
        "Hostname already exists",
        "Dev host added successfully");
  }

  private static JsonObject json(String hostname) {
    return new JsonObject().put("hostname", hostname);
  }
}
