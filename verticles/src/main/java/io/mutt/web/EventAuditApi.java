package io.mutt.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;

/**
 * Event audit search (docs/reference/http-api.md): {@code GET /audit-logs} with paging and the
 * filters hostname, rule_id, start_date/end_date, plus handling_decision and correlation_id; newest
 * first. One fixed, parameterised statement whose absent filters are null.
 */
public final class EventAuditApi {

  static final String FIELDS =
      "id, event_timestamp, hostname, matched_rule_id, handling_decision, forwarded_to_moog, "
          + "raw_message, event_id, coalesced_into, noise_decision";
  private static final String WHERE =
      " FROM event_audit_log WHERE ($1::varchar IS NULL OR hostname = $1)"
          + " AND ($2::int IS NULL OR matched_rule_id = $2)"
          + " AND ($3::timestamptz IS NULL OR event_timestamp >= $3)"
          + " AND ($4::timestamptz IS NULL OR event_timestamp <= $4)"
          + " AND ($5::varchar IS NULL OR handling_decision = $5)"
          + " AND ($6::text IS NULL OR CASE WHEN strpos(raw_message, $6) > 0"
          + " THEN raw_message::jsonb->>'_correlation_id' = $6 ELSE false END)";
  private static final String COUNT = "SELECT count(*)" + WHERE;
  private static final String PAGE =
      "SELECT "
          + FIELDS
          + WHERE
          + " ORDER BY event_timestamp DESC, id DESC"
          + " LIMIT $7 OFFSET $8";

  private final Pool pg;
  private final int defaultLimit;

  public EventAuditApi(Pool pg, int defaultLimit) {
    this.pg = pg;
    this.defaultLimit = defaultLimit;
  }

  public void mount(Router r, String base) {
    r.get(base + "/audit-logs").handler(this::handleSearch);
  }

  private void handleSearch(RoutingContext ctx) {
    Paging paging = Paging.of(ctx, defaultLimit);
    Integer ruleId = Http.intParam(ctx, "rule_id");
    OffsetDateTime start = Paging.time(ctx, "start_date", false);
    OffsetDateTime end = Paging.time(ctx, "end_date", true);
    String decision = Http.param(ctx, "handling_decision");
    if (decision == null) {
      decision = Http.param(ctx, "decision");
    }
    Tuple filters =
        Tuple.of(
            Http.param(ctx, "hostname"),
            ruleId,
            start,
            end,
            decision,
            Http.param(ctx, "correlation_id"));
    paging
        .fetch(pg, COUNT, PAGE, filters, EventAuditApi::toJson, "logs")
        .onSuccess(res -> Http.ok(ctx, 200, res))
        .onFailure(err -> Http.fail(ctx, err));
  }

  static JsonArray toJson(Iterable<Row> rows) {
    JsonArray out = new JsonArray();
    rows.forEach(row -> out.add(toJson(row)));
    return out;
  }

  static JsonObject toJson(Row row) {
    return new JsonObject()
        .put("id", row.getLong("id"))
        .put("event_timestamp", Http.iso(row.getOffsetDateTime("event_timestamp")))
        .put("hostname", row.getString("hostname"))
        .put("matched_rule_id", row.getInteger("matched_rule_id"))
        .put("handling_decision", row.getString("handling_decision"))
        .put("forwarded_to_moog", row.getBoolean("forwarded_to_moog"))
        .put("raw_message", row.getString("raw_message"))
        .put("event_id", row.getString("event_id"))
        .put("coalesced_into", row.getString("coalesced_into"))
        .put("noise_decision", row.getString("noise_decision"));
  }
}
