package io.mutt.web;

import io.mutt.db.DatabaseBreaker;
import io.mutt.runtime.Module;
import io.mutt.runtime.MuttRuntime;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;

/**
 * Wires the web role (docs/reference/http-api.md): {@code WEBUI_INSTANCES} {@link WebVerticle}s
 * sharing port SERVER_PORT_WEBUI.
 */
public final class WebModule implements Module {

  @Override
  public String name() {
    return "web";
  }

  @Override
  public boolean needsDatabase() {
    return true;
  }

  @Override
  public List<String> requiredSecrets() {
    return List.of("WEBUI_API_KEY");
  }

  @Override
  public Future<?> deploy(MuttRuntime rt, List<String> summary) {
    int port = rt.config().port("SERVER_PORT_WEBUI", 8090);
    summary.add(
        "Web UI      http://127.0.0.1:"
            + port
            + "/  (API /api/v2, OpenAPI /api/openapi.json, health /health)");
    WebMetrics metrics = new WebMetrics(rt.registry());
    DatabaseBreaker database = breaker(rt.vertx(), rt);
    return rt.vertx()
        .deployVerticle(
            () -> new WebVerticle(rt, metrics, database),
            new DeploymentOptions().setInstances(rt.config().atLeast("WEBUI_INSTANCES", 1, 1)));
  }

  /** The PostgreSQL breaker of the web role (ADR 0025), one per JVM. */
  static DatabaseBreaker breaker(Vertx vertx, MuttRuntime rt) {
    return new DatabaseBreaker(
        vertx, rt.pg(), "web", rt.config().atLeast("WEBUI_DB_PROBE_MS", 2000, 50), rt.registry());
  }
}
