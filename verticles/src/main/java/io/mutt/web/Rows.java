package io.mutt.web;

import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;

/** The one row a lookup or a {@code RETURNING} write expects. */
final class Rows {

  private Rows() {}

  /** The first row, or {@code none} thrown when there is no row (a 404 or 409 for the caller). */
  static Row first(RowSet<Row> rows, ApiError none) {
    if (rows.size() == 0) {
      throw none;
    }
    return rows.iterator().next();
  }
}
