package io.mutt.web;

import io.mutt.http.Json;
import io.mutt.pipeline.event.EventIds;
import io.mutt.pipeline.validation.InvalidInput;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.pgclient.PgException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Request and response helpers shared by the API handlers: correlation id, the acting principal,
 * JSON bodies, integer parameters, ISO-8601 timestamps and the mapping of failures to status codes
 * (400 for bad input naming the field, 404/409/503 from {@link ApiError}, a generic 500 otherwise).
 */
public final class Http {

  static final String CORRELATION_ID = "mutt.correlationId";
  static final String ACTOR = "mutt.actor";
  private static final Logger LOG = LoggerFactory.getLogger(Http.class);
  private static final DateTimeFormatter ISO =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx");

  private Http() {}

  /**
   * Route handler: adopts {@code X-Correlation-ID} or makes a new one, and echoes it on the
   * response.
   */
  public static void correlation(RoutingContext ctx) {
    String given = ctx.request().getHeader("X-Correlation-ID");
    String id =
        given != null && !given.isBlank() && given.length() <= 36
            ? given.trim()
            : EventIds.newCorrelationId();
    ctx.put(CORRELATION_ID, id);
    ctx.response().putHeader("X-Correlation-ID", id);
    ctx.next();
  }

  public static String correlationId(RoutingContext ctx) {
    String id = ctx.get(CORRELATION_ID);
    return id == null ? "system" : id;
  }

  /**
   * Who is acting: {@code webui_api:<first 8 chars of the key>} or {@code webui_session:<...>}
   * (docs/reference/http-api.md).
   */
  public static String actor(RoutingContext ctx) {
    String a = ctx.get(ACTOR);
    return a == null ? "unknown" : a;
  }

  /**
   * The request body as a JSON object; anything else is a 400. An empty body is an empty object.
   */
  public static JsonObject body(RoutingContext ctx) {
    if (decodedBody(ctx) instanceof JsonObject o) {
      return o;
    }
    throw new InvalidInput("body", "Request body must be a JSON object");
  }

  /**
   * The request body as a JSON object or array; anything else is a 400. An empty body is an empty
   * object.
   */
  public static Object objectOrArrayBody(RoutingContext ctx) {
    Object v = decodedBody(ctx);
    if (v instanceof JsonObject || v instanceof JsonArray) {
      return v;
    }
    throw new InvalidInput("body", "Request body must be a JSON object or array");
  }

  /** The decoded body, an empty object for an empty body, or null when it is not JSON. */
  private static Object decodedBody(RoutingContext ctx) {
    Buffer b = ctx.body() == null ? null : ctx.body().buffer();
    if (b == null || b.length() == 0) {
      return new JsonObject();
    }
    try {
      return io.vertx.core.json.Json.decodeValue(b);
    } catch (DecodeException e) {
      return null;
    }
  }

  /** The optional {@code reason} of a change. */
  public static String reason(JsonObject body) {
    Object r = body.getValue("reason");
    if (r != null && !(r instanceof String)) {
      throw new InvalidInput("reason", "reason must be a string");
    }
    return (String) r;
  }

  /** An optional integer query parameter; a non-integer value is a 400 naming it. */
  public static Integer intParam(RoutingContext ctx, String name) {
    String v = ctx.request().getParam(name);
    if (v == null || v.isBlank()) {
      return null;
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new InvalidInput(name, name + " must be an integer");
    }
  }

  /**
   * The integer path parameter {@code id}; anything else answers 404 with {@code notFound} and
   * yields null (the handler then returns).
   */
  static Integer pathId(RoutingContext ctx, String notFound) {
    try {
      return Integer.parseInt(ctx.pathParam("id"));
    } catch (NumberFormatException e) {
      fail(ctx, ApiError.notFound(notFound));
      return null;
    }
  }

  public static String param(RoutingContext ctx, String name) {
    String v = ctx.request().getParam(name);
    return v == null || v.isBlank() ? null : v.trim();
  }

  public static String iso(OffsetDateTime t) {
    return t == null ? null : ISO.format(t.withOffsetSameInstant(ZoneOffset.UTC));
  }

  public static void ok(RoutingContext ctx, int status, JsonObject body) {
    Json.send(ctx, status, body);
  }

  /**
   * Answers a failure: 400/404/409/503 with their message, anything unexpected 500 with a generic
   * text.
   */
  public static void fail(RoutingContext ctx, Throwable err) {
    if (ctx.response().ended()) {
      return;
    }
    if (err instanceof InvalidInput bad) {
      Json.error(ctx, 400, bad.getMessage());
    } else if (err instanceof ApiError api) {
      Json.error(ctx, api.status(), api.getMessage());
    } else if (DatabaseGate.answer(ctx, err)) {
      return;
    } else {
      LOG.error(
          "[{}] {} {} failed: {}",
          correlationId(ctx),
          ctx.request().method(),
          ctx.request().path(),
          err instanceof PgException pg
              ? pg.getSqlState() + " " + pg.getErrorMessage()
              : String.valueOf(err),
          err);
      Json.error(ctx, 500, "Internal server error");
    }
  }

  /** The SQLSTATE of a PostgreSQL error, or null. */
  public static String sqlState(Throwable err) {
    return err instanceof PgException pg ? pg.getSqlState() : null;
  }
}
