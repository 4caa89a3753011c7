package io.mutt.web;

import io.mutt.db.DatabaseBreaker;
import io.mutt.http.AuthFailureLimiter;
import io.mutt.http.ServerTls;
import io.mutt.http.SlowClientGuard;
import io.mutt.runtime.MuttRuntime;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;

/**
 * The web role's HTTP server (port SERVER_PORT_WEBUI): the {@link WebRouter} routes plus the live
 * feed.
 */
public final class WebVerticle extends VerticleBase {

  private final MuttRuntime rt;
  private final WebMetrics metrics;
  private WebRouter routes;

  private final DatabaseBreaker database;
  private final AuthFailureLimiter failures;

  public WebVerticle(
      MuttRuntime rt, WebMetrics metrics, DatabaseBreaker database, AuthFailureLimiter failures) {
    this.rt = rt;
    this.metrics = metrics;
    this.database = database;
    this.failures = failures;
  }

  @Override
  public Future<?> start() {
    routes = new WebRouter(vertx, rt, metrics, database, failures);
    routes.live().start();
    int port = rt.config().port("SERVER_PORT_WEBUI", 8090);
    SlowClientGuard.Limits limits = SlowClientGuard.Limits.from(rt.config());
    ServerTls tls = ServerTls.from(rt.config(), "WEBUI");
    HttpServer server =
        vertx.createHttpServer(
            tls.apply(limits.apply(new HttpServerOptions().setHttp2ClearTextEnabled(false))));
    tls.watch(vertx, server);
    return server
        .requestHandler(SlowClientGuard.install(vertx, server, limits, routes.build()))
        .listen(port)
        .recover(
            err ->
                Future.failedFuture(
                    "web UI could not listen on port " + port + ": " + err.getMessage()));
  }

  @Override
  public Future<?> stop() {
    if (routes != null) {
      routes.live().stop();
    }
    return Future.succeededFuture();
  }
}
