package io.mutt.web;

import io.mutt.db.DatabaseBreaker;
import io.mutt.runtime.MuttRuntime;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/**
 * The web role's HTTP server (port SERVER_PORT_WEBUI): the {@link WebRouter} routes plus the live
 * feed.
 */
public final class WebVerticle extends VerticleBase {

  private final MuttRuntime rt;
  private final WebMetrics metrics;
  private WebRouter routes;

  private final DatabaseBreaker database;

  public WebVerticle(MuttRuntime rt, WebMetrics metrics, DatabaseBreaker database) {
    this.rt = rt;
    this.metrics = metrics;
    this.database = database;
  }

  @Override
  public Future<?> start() {
    routes = new WebRouter(vertx, rt, metrics, database);
    routes.live().start();
    int port = rt.config().port("SERVER_PORT_WEBUI", 8090);
    return vertx
        .createHttpServer()
        .requestHandler(routes.build())
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
