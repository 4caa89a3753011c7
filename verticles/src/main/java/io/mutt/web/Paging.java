package io.mutt.web;

import io.mutt.pipeline.validation.InvalidInput;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.function.Function;

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
    int l = Math.max(1, Math.min(200, limit == null ? defaultLimit : limit));
    if ((long) (p - 1) * l > MAX_OFFSET) {
      throw new InvalidInput(
          "page", "page is too large: at most " + MAX_OFFSET + " rows are skipped");
    }
    return new Paging(p, l);
  }

  /**
   * The most rows a page may skip; a deeper page is a 400 (and no overflow into a negative OFFSET).
   */
  static final long MAX_OFFSET = 10_000_000L;

  public int offset() {
    return (page - 1) * limit;
  }

  /**
   * This page of a listing: {@code countSql} counts the matching rows with {@code filters} as its
   * parameters and {@code pageSql} reads this page's rows with {@code filters} then LIMIT and
   * OFFSET; both run at once. Completes with {@code {<listKey>: [...], "pagination": {...}}}.
   */
  public Future<JsonObject> fetch(
      SqlClient pg,
      String countSql,
      String pageSql,
      Tuple filters,
      Function<RowSet<Row>, JsonArray> toJson,
      String listKey) {
    Tuple page = Tuple.tuple();
    for (int i = 0; i < filters.size(); i++) {
      page.addValue(filters.getValue(i));
    }
    page.addInteger(limit()).addInteger(offset());
    Future<Long> total =
        pg.preparedQuery(countSql).execute(filters).map(rows -> rows.iterator().next().getLong(0));
    Future<JsonArray> items = pg.preparedQuery(pageSql).execute(page).map(toJson);
    return Future.all(total, items)
        .map(
            x ->
                new JsonObject()
                    .put(listKey, items.result())
                    .put("pagination", json(total.result())));
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
    OffsetDateTime t = parse(v, name, endOfDay);
    if (t.getYear() < 1 || t.getYear() > 9999) {
      throw new InvalidInput(name, name + " must be a date between the years 1 and 9999");
    }
    return t;
  }

  private static OffsetDateTime parse(String v, String name, boolean endOfDay) {
    try {
      return OffsetDateTime.parse(v);
    } catch (DateTimeParseException e1) {
      try {
        return java.time.LocalDateTime.parse(v).atOffset(ZoneOffset.UTC);
      } catch (DateTimeParseException e2) {
        try {
          LocalDate d = LocalDate.parse(v);
          if (d.getYear() < 1 || d.getYear() > 9999) {
            throw new InvalidInput(name, name + " must be a date between the years 1 and 9999");
          }
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
