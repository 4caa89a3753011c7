package io.mutt.web;

import io.mutt.http.ApiVersions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /api/v{1,2}/version} (docs/reference/http-api.md), public. */
public final class VersionApi {

  private static final JsonObject BODY =
      new JsonObject()
          .put("current_version", ApiVersions.CURRENT)
          .put("default_version", ApiVersions.CURRENT)
          .put("supported_versions", new JsonArray(ApiVersions.SUPPORTED))
          .put(
              "version_history",
              new JsonObject()
                  .put(
                      "2.5",
                      new JsonObject()
                          .put("released", "2025-11-10")
                          .put("status", "current")
                          .put(
                              "changes",
                              new JsonArray()
                                  .add("Config audit API (/api/v2/config-audit)")
                                  .add("SLO endpoint")
                                  .add("Dynamic configuration API")
                                  .add("API versioning headers")
                                  .add("Rule tester, DLQ and event-trace APIs (v2)")))
                  .put(
                      "2.0",
                      new JsonObject()
                          .put("released", "2025-11-10")
                          .put("status", "supported")
                          .put(
                              "changes",
                              new JsonArray()
                                  .add("/api/v2 aliases")
                                  .add("Config audit viewer (/audit)")))
                  .put(
                      "1.0",
                      new JsonObject()
                          .put("released", "2024-01-01")
                          .put("status", "supported")
                          .put("deprecated_in", "3.0")
                          .put("removal_date", "2026-01-01")
                          .put(
                              "changes",
                              new JsonArray()
                                  .add(
                                      "Initial API: rules, dev hosts, teams, audit logs, metrics"))));

  private VersionApi() {}

  public static void handle(RoutingContext ctx) {
    Http.ok(ctx, 200, BODY);
  }
}
