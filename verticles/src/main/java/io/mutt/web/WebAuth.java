package io.mutt.web;

import io.mutt.http.ApiKeys;
import io.mutt.http.Json;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Session;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * Authentication of the web role (API keys plus dashboard sessions): API clients present {@code
 * X-API-KEY} or {@code ?api_key} (constant-time compare against WEBUI_API_KEY and
 * WEBUI_API_KEY_NEXT); people log in once at {@code /login} and get a server-side session whose
 * cookie is HttpOnly, SameSite=Strict and expires. Every state-changing request made with the
 * session cookie must carry the session's CSRF token in {@code X-CSRF-Token}; API-key requests need
 * none. Anonymous requests get 401 JSON under {@code /api}, a redirect to {@code /login} elsewhere.
 */
public final class WebAuth {

  static final String SESSION_ACTOR = "actor";
  static final String SESSION_CSRF = "csrf";
  static final String VIA_SESSION = "mutt.viaSession";
  private static final Set<HttpMethod> SAFE =
      Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final ApiKeys keys;

  public WebAuth(ApiKeys keys) {
    this.keys = keys;
  }

  /** Route handler in front of every protected route. */
  public void authenticate(RoutingContext ctx) {
    String key = ctx.request().getHeader("X-API-KEY");
    if (key == null) {
      key = ctx.request().getParam("api_key");
    }
    if (key != null) {
      if (keys.matches(key)) {
        ctx.put(Http.ACTOR, "webui_api:" + prefix(key));
        ctx.next();
      } else {
        refuse(ctx);
      }
      return;
    }
    Session session = ctx.session();
    String actor = session == null ? null : session.get(SESSION_ACTOR);
    if (actor == null) {
      refuse(ctx);
      return;
    }
    ctx.put(Http.ACTOR, actor);
    ctx.put(VIA_SESSION, true);
    ctx.next();
  }

  /**
   * Route handler after {@link #authenticate}: session requests that change state must carry the
   * CSRF token.
   */
  public void csrf(RoutingContext ctx) {
    if (!Boolean.TRUE.equals(ctx.get(VIA_SESSION)) || SAFE.contains(ctx.request().method())) {
      ctx.next();
      return;
    }
    String expected = ctx.session().get(SESSION_CSRF);
    String given = ctx.request().getHeader("X-CSRF-Token");
    if (expected == null
        || given == null
        || !MessageDigest.isEqual(
            expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8))) {
      Json.error(ctx, 403, "Missing or invalid CSRF token");
      return;
    }
    ctx.next();
  }

  /** {@code POST /login}: form field or JSON {@code api_key}; success starts a fresh session. */
  public void login(RoutingContext ctx) {
    boolean json =
        String.valueOf(ctx.request().getHeader("Content-Type")).startsWith("application/json");
    String key = ctx.request().getFormAttribute("api_key");
    if (json) {
      try {
        key = Http.body(ctx).getString("api_key");
      } catch (RuntimeException e) {
        key = null;
      }
    }
    if (key == null || !keys.matches(key.trim())) {
      if (json) {
        Json.send(
            ctx,
            401,
            new JsonObject()
                .put("error", "Unauthorized")
                .put("correlation_id", Http.correlationId(ctx)));
      } else {
        ctx.response().setStatusCode(303).putHeader("Location", "/login?error=1").end();
      }
      return;
    }
    Session session = ctx.session().regenerateId();
    String csrf = token();
    session.put(SESSION_ACTOR, "webui_session:" + prefix(key.trim()));
    session.put(SESSION_CSRF, csrf);
    if (json) {
      Json.send(ctx, 200, new JsonObject().put("message", "Logged in").put("csrf_token", csrf));
    } else {
      ctx.response().setStatusCode(303).putHeader("Location", "/").end();
    }
  }

  /** {@code POST /logout}: ends the session. */
  public void logout(RoutingContext ctx) {
    if (ctx.session() != null) {
      ctx.session().destroy();
    }
    Json.send(ctx, 200, new JsonObject().put("message", "Logged out"));
  }

  /** {@code GET /api/v2/session}: who is logged in and the CSRF token the page sends back. */
  public void session(RoutingContext ctx) {
    boolean viaSession = Boolean.TRUE.equals(ctx.get(VIA_SESSION));
    Json.send(
        ctx,
        200,
        new JsonObject()
            .put("actor", Http.actor(ctx))
            .put("via_session", viaSession)
            .put("csrf_token", viaSession ? ctx.session().get(SESSION_CSRF) : null));
  }

  private static void refuse(RoutingContext ctx) {
    if (ctx.request().path().startsWith("/api/")) {
      Json.send(
          ctx,
          401,
          new JsonObject()
              .put("error", "Unauthorized")
              .put("correlation_id", Http.correlationId(ctx)));
    } else {
      ctx.response().setStatusCode(302).putHeader("Location", "/login").end();
    }
  }

  private static String prefix(String key) {
    return key.length() <= 8 ? key : key.substring(0, 8);
  }

  private static String token() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
