package io.mutt.web;

import io.mutt.pipeline.validation.InvalidInput;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Paging and time-range parameters of the audit endpoints (docs/reference/http-api.md): {@code
 * page} ≥ 1 (default 1), {@code limit} clamped to 1..200; non-integers are a 400 naming the
 * parameter. {@code pages = ceil(total/limit)}.
 */
public record Paging(int page, int limit) {

  public static Paging of(RoutingContext ctx, int defaultLimit) {
    Integer page = Http.intParam(ctx, "page");
    Integer limit = Http.intParam(ctx, "limit");
    int p = page == null ? 1 : Math.max(1, page);
    int l = limit == null ? defaultLimit : limit;
    return new Paging(p, Math.max(1, Math.min(200, l)));
  }

  public int offset() {
    return (page - 1) * limit;
  }

  public JsonObject json(long total) {
    return new JsonObject()
        .put("page", page)
        .put("limit", limit)
        .put("total", total)
        .put("pages", total == 0 ? 0 : (total + limit - 1) / limit);
  }

  /**
   * An ISO-8601 timestamp parameter ({@code Z} or offset; no offset means UTC) or a plain date,
   * whose start (or, for an end bound, its last microsecond) is used. Anything else is a 400 naming
   * the parameter.
   */
  public static OffsetDateTime time(RoutingContext ctx, String name, boolean endOfDay) {
    String v = Http.param(ctx, name);
    if (v == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(v);
    } catch (DateTimeParseException e1) {
      try {
        return java.time.LocalDateTime.parse(v).atOffset(ZoneOffset.UTC);
      } catch (DateTimeParseException e2) {
        try {
          LocalDate d = LocalDate.parse(v);
          return endOfDay
              ? d.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC).minusNanos(1000)
              : d.atStartOfDay().atOffset(ZoneOffset.UTC);
        } catch (DateTimeParseException e3) {
          throw new InvalidInput(name, name + " must be an ISO-8601 date or timestamp");
        }
      }
    }
  }
}
