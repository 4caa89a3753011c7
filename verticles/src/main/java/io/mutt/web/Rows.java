package io.mutt.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import java.util.function.Function;

/** The one row a lookup or a {@code RETURNING} write expects; a whole table listed as JSON. */
final class Rows {

  private Rows() {}

  /** The first row, or {@code none} thrown when there is no row (a 404 or 409 for the caller). */
  static Row first(RowSet<Row> rows, ApiError none) {
    if (rows.size() == 0) {
      throw none;
    }
    return rows.iterator().next();
  }

  /**
   * Answers 200 with {@code {"<key>": [each row as JSON]}} for the parameterless query {@code sql};
   * a failure is answered by {@link Http#fail}.
   */
  static void answerList(
      RoutingContext ctx, Pool pg, String sql, String key, Function<Row, JsonObject> toJson) {
    pg.query(sql)
        .execute()
        .onSuccess(
            rows -> {
              JsonArray out = new JsonArray();
              rows.forEach(row -> out.add(toJson.apply(row)));
              Http.ok(ctx, 200, new JsonObject().put(key, out));
            })
        .onFailure(err -> Http.fail(ctx, err));
  }
}
