package io.mutt.web;

import io.mutt.pipeline.validation.ConfigValidator;
import io.mutt.pipeline.validation.RecordIds;
import io.mutt.runtime.MuttRuntime;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;

/**
 * Dynamic configuration (docs/reference/http-api.md, docs/reference/configuration.md): {@code GET
 * /config} lists every {@code mutt:config:*} key read from Redis; {@code PUT /config/{key}} stores
 * the value's string form, publishes it, and audits it as {@code dynamic_config} (CRC-32 record
 * id). The audit row is inserted first in a transaction that commits only after Redis accepted the
 * value, so there is never an audit row for a change that did not happen. 503 when dynamic config
 * is unavailable.
 */
public final class ConfigApi {

  private static final String UNAVAILABLE = "Dynamic configuration not available";

  private final MuttRuntime rt;

  public ConfigApi(MuttRuntime rt) {
    this.rt = rt;
  }

  public void mount(Router r, String base) {
    r.get(base + "/config").handler(this::handleList);
    r.put(base + "/config/:key").handler(this::handleSet);
  }

  private void handleList(RoutingContext ctx) {
    if (!rt.dynamic().enabled()) {
      Http.fail(ctx, ApiError.unavailable(UNAVAILABLE));
      return;
    }
    rt.dynamic()
        .readAll()
        .onSuccess(all -> Http.ok(ctx, 200, new JsonObject().put("config", all)))
        .onFailure(err -> Http.fail(ctx, ApiError.unavailable(UNAVAILABLE)));
  }

  private void handleSet(RoutingContext ctx) {
    String key = ctx.pathParam("key");
    ConfigValidator.key(key);
    JsonObject body = Http.body(ctx);
    String value = ConfigValidator.storedForm(key, body.getMap());
    String reason = Http.reason(body);
    if (!rt.dynamic().enabled()) {
      Http.fail(ctx, ApiError.unavailable(UNAVAILABLE));
      return;
    }
    rt.redis()
        .send(Request.cmd(Command.GET).arg(rt.keys().configPrefix + key))
        .recover(err -> io.vertx.core.Future.failedFuture(ApiError.unavailable(UNAVAILABLE)))
        .compose(
            oldResp -> {
              String old = oldResp == null ? null : oldResp.toString();
              ConfigAudit audit =
                  ConfigAudit.of(
                      ctx,
                      old == null ? "CREATE" : "UPDATE",
                      "dynamic_config",
                      RecordIds.of(key),
                      old == null ? null : new JsonObject().put("key", key).put("value", old),
                      new JsonObject().put("key", key).put("value", value),
                      reason);
              return rt.pg()
                  .withTransaction(
                      conn ->
                          audit
                              .insert(conn)
                              .compose(
                                  id ->
                                      rt.dynamic()
                                          .set(key, value)
                                          .recover(
                                              err ->
                                                  io.vertx.core.Future.failedFuture(
                                                      ApiError.unavailable(UNAVAILABLE)))))
                  .map(old);
            })
        .onSuccess(
            old ->
                Http.ok(
                    ctx,
                    200,
                    new JsonObject().put("key", key).put("old_value", old).put("new_value", value)))
        .onFailure(err -> Http.fail(ctx, err));
  }
}
