package io.mutt.web;

import io.mutt.http.ApiKeys;
import io.mutt.http.AuthFailureLimiter;
import io.mutt.http.Json;
import io.mutt.http.KeyId;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Session;
import io.vertx.ext.web.sstore.SessionStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * Authentication of the web role (API keys plus dashboard sessions): API clients present {@code
 * X-API-KEY} (constant-time compare against WEBUI_API_KEY and WEBUI_API_KEY_NEXT; a key in the
 * query string is refused with 400, as it would end up in access logs and browser history); people
 * log in once at {@code /login} and get a server-side session whose cookie is HttpOnly,
 * SameSite=Strict, Secure when served over HTTPS, and expires. No session exists before a
 * successful login, and at most {@code WEBUI_MAX_SESSIONS} exist at once. Wrong keys and failed
 * logins are limited per client address ({@link AuthFailureLimiter}: 429 with Retry-After). The
 * actor recorded for a key is its {@link KeyId}, never a part of the key. Every state-changing
 * request made with the session cookie must carry the session's CSRF token in {@code X-CSRF-Token};
 * API-key requests need none. Anonymous requests get 401 JSON under {@code /api}, a redirect to
 * {@code /login} elsewhere.
 */
public final class WebAuth {

  static final String SESSION_ACTOR = "actor";
  static final String SESSION_CSRF = "csrf";
  static final String VIA_SESSION = "mutt.viaSession";
  private static final Set<HttpMethod> SAFE =
      Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
  private static final SecureRandom RANDOM = new SecureRandom();

  static final String SESSION_COOKIE = "mutt_session";

  private final ApiKeys keys;
  private final AuthFailureLimiter failures;
  private final SessionStore store;
  private final int maxSessions;

  public WebAuth(ApiKeys keys, AuthFailureLimiter failures, SessionStore store, int maxSessions) {
    this.keys = keys;
    this.failures = failures;
    this.store = store;
    this.maxSessions = maxSessions;
  }

  /** Route handler in front of every protected route. */
  public void authenticate(RoutingContext ctx) {
    if (ctx.request().getParam("api_key") != null) {
      Json.send(
          ctx,
          400,
          new JsonObject()
              .put(
                  "error", "api_key in the query string is not accepted; send the X-API-KEY header")
              .put("field", "api_key")
              .put("correlation_id", Http.correlationId(ctx)));
      return;
    }
    String key = ctx.request().getHeader("X-API-KEY");
    if (key != null) {
      if (locked(ctx)) {
        return;
      }
      if (keys.matches(key)) {
        ctx.put(Http.ACTOR, "webui_api:" + KeyId.of(key));
        ctx.next();
      } else {
        failures.failed(client(ctx));
        refuse(ctx);
      }
      return;
    }
    // no cookie, no session: an anonymous request must not create one (ctx.session() would)
    Session session = ctx.request().getCookie(SESSION_COOKIE) == null ? null : ctx.session();
    String actor = session == null ? null : session.get(SESSION_ACTOR);
    if (actor == null) {
      if (session != null) {
        session.destroy(); // an unknown or expired cookie: keep nothing for it
      }
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
    if (locked(ctx)) {
      return;
    }
    if (key == null || !keys.matches(key.trim())) {
      if (key != null) {
        failures.failed(client(ctx));
      }
      if (json) {
        unauthorized(ctx);
      } else {
        ctx.response().setStatusCode(303).putHeader("Location", "/login?error=1").end();
      }
      return;
    }
    String actor = "webui_session:" + KeyId.of(key.trim());
    store
        .size()
        .onComplete(
            ar -> {
              if (ar.succeeded() && ar.result() >= maxSessions) {
                Json.send(
                    ctx,
                    503,
                    new JsonObject()
                        .put("error", "Too many open sessions - try again later or use an API key")
                        .put("correlation_id", Http.correlationId(ctx)));
                return;
              }
              Session session = ctx.session().regenerateId();
              String csrf = token();
              session.put(SESSION_ACTOR, actor);
              session.put(SESSION_CSRF, csrf);
              if (json) {
                Json.send(
                    ctx, 200, new JsonObject().put("message", "Logged in").put("csrf_token", csrf));
              } else {
                ctx.response().setStatusCode(303).putHeader("Location", "/").end();
              }
            });
  }

  /** Answers 429 with Retry-After when the client failed too often; true when it did. */
  private boolean locked(RoutingContext ctx) {
    long wait = failures.retryAfterSeconds(client(ctx));
    if (wait <= 0) {
      return false;
    }
    ctx.response().putHeader("Retry-After", String.valueOf(wait));
    Json.send(
        ctx,
        429,
        new JsonObject()
            .put("error", "Too many failed authentication attempts - retry later")
            .put("correlation_id", Http.correlationId(ctx)));
    return true;
  }

  private static String client(RoutingContext ctx) {
    return ctx.request().remoteAddress() == null
        ? "?"
        : ctx.request().remoteAddress().hostAddress();
  }

  /** {@code POST /logout}: ends the session. */
  public void logout(RoutingContext ctx) {
    if (Boolean.TRUE.equals(ctx.get(VIA_SESSION)) && ctx.session() != null) {
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
      unauthorized(ctx);
    } else {
      ctx.response().setStatusCode(302).putHeader("Location", "/login").end();
    }
  }

  /** 401 {@code {"error": "Unauthorized", "correlation_id": …}}. */
  private static void unauthorized(RoutingContext ctx) {
    Json.send(
        ctx,
        401,
        new JsonObject()
            .put("error", "Unauthorized")
            .put("correlation_id", Http.correlationId(ctx)));
  }

  private static String token() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
