package io.mutt.http;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/** API version negotiation and headers (docs/reference/http-api.md), shared by every HTTP role. */
public final class ApiVersions {

  public static final String CURRENT = "2.5";
  public static final List<String> SUPPORTED = List.of("2.5", "2.0", "1.0");
  public static final String SUPPORTED_HEADER = "2.5, 2.0, 1.0";
  public static final String V1_SUNSET = "2026-01-01";

  private ApiVersions() {}

  /**
   * First supported value among Accept-Version, X-API-Version, ?api_version; else the current
   * version.
   */
  public static String requested(HttpServerRequest req) {
    for (String candidate :
        new String[] {
          req.getHeader("Accept-Version"),
          req.getHeader("X-API-Version"),
          req.query() == null ? null : req.getParam("api_version")
        }) {
      if (candidate != null && SUPPORTED.contains(candidate.trim())) {
        return candidate.trim();
      }
    }
    return CURRENT;
  }

  /**
   * Adds X-API-Version, X-API-Supported-Versions, X-API-Deprecated (and X-API-Sunset on /api/v1
   * paths).
   */
  public static void apply(RoutingContext ctx) {
    apply(ctx.request(), ctx.response());
  }

  /** The same for a request handled without a router (the ingest hot path). */
  public static void apply(HttpServerRequest req, HttpServerResponse res) {
    res.putHeader("X-API-Version", requested(req));
    res.putHeader("X-API-Supported-Versions", SUPPORTED_HEADER);
    boolean v1 = req.path().startsWith("/api/v1/") || req.path().equals("/api/v1");
    res.putHeader("X-API-Deprecated", v1 ? "true" : "false");
    if (v1) {
      res.putHeader("X-API-Sunset", V1_SUNSET);
    }
  }

  /** A route handler that sets the headers and continues. */
  public static void handler(RoutingContext ctx) {
    apply(ctx);
    ctx.next();
  }
}
