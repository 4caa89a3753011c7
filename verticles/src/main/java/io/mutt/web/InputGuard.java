package io.mutt.web;

import io.mutt.http.Json;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/**
 * Route handler in front of every API handler: a NUL character ({@code %00} or {@code \u0000}) in
 * the path, a query parameter or any string or key of a JSON body is answered 400 naming the field.
 * PostgreSQL cannot store NUL in text, so without this guard such input became a 500.
 */
final class InputGuard {

  private InputGuard() {}

  static void handle(RoutingContext ctx) {
    String path = ctx.request().path();
    if (path.contains("%00") || path.indexOf('\0') >= 0) {
      refuse(ctx, "path");
      return;
    }
    for (Map.Entry<String, String> e : ctx.queryParams()) {
      if (e.getKey().indexOf('\0') >= 0 || e.getValue().indexOf('\0') >= 0) {
        refuse(ctx, e.getKey().replace("\0", ""));
        return;
      }
    }
    Buffer b = ctx.body() == null ? null : ctx.body().buffer();
    if (b != null && b.length() > 0) {
      String field = null;
      try {
        field = nulIn(io.vertx.core.json.Json.decodeValue(b), "");
      } catch (DecodeException e) {
        // not JSON: the handler reports it
      }
      if (field != null) {
        refuse(ctx, field.isEmpty() ? "body" : field);
        return;
      }
    }
    ctx.next();
  }

  /** The dotted name of the first value holding a NUL, or null. */
  private static String nulIn(Object v, String at) {
    if (v instanceof String s) {
      return s.indexOf('\0') >= 0 ? at : null;
    }
    if (v instanceof JsonObject o) {
      for (Map.Entry<String, Object> e : o) {
        String name = at.isEmpty() ? e.getKey() : at + "." + e.getKey();
        if (e.getKey().indexOf('\0') >= 0) {
          return name.replace("\0", "");
        }
        String found = nulIn(e.getValue(), name);
        if (found != null) {
          return found;
        }
      }
    }
    if (v instanceof JsonArray a) {
      for (int i = 0; i < a.size(); i++) {
        String found = nulIn(a.getValue(i), at + "[" + i + "]");
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  private static void refuse(RoutingContext ctx, String field) {
    Json.send(
        ctx,
        400,
        new JsonObject()
            .put("error", field + " must not contain a NUL character")
            .put("field", field)
            .put("correlation_id", Http.correlationId(ctx)));
  }
}
