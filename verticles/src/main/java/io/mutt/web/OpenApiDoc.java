package io.mutt.web;

import io.vertx.ext.web.RoutingContext;

/**
 * Serves {@code docs/openapi.json} (packed into the jar as classpath {@code docs/openapi.json}) at
 * /api/openapi.json.
 */
public final class OpenApiDoc {

  public static final String RESOURCE = "docs/openapi.json";

  private OpenApiDoc() {}

  public static void handle(RoutingContext ctx) {
    ctx.response()
        .putHeader("Content-Type", "application/json")
        .sendFile(RESOURCE)
        .onFailure(
            err -> {
              if (!ctx.response().headWritten()) {
                ctx.fail(404);
              }
            });
  }
}
