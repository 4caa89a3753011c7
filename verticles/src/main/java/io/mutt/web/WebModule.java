package io.mutt.web;

import io.mutt.http.AuthFailureLimiter;
import io.mutt.runtime.Module;
import io.mutt.runtime.MuttRuntime;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import java.util.List;

/**
 * Wires the web role (SPEC 9): {@code WEBUI_INSTANCES} {@link WebVerticle}s sharing port
 * SERVER_PORT_WEBUI.
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
    AuthFailureLimiter failures = AuthFailureLimiter.from(rt.config(), rt.registry(), "web");
    return rt.vertx()
        .deployVerticle(
            () -> new WebVerticle(rt, failures),
            new DeploymentOptions().setInstances(rt.config().atLeast("WEBUI_INSTANCES", 1, 1)));
  }
}
