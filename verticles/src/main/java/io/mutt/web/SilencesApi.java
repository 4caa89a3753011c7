package io.mutt.web;

import io.mutt.noise.NoiseRows;
import io.mutt.pipeline.noise.NoiseSpecs;
import io.mutt.pipeline.noise.Silence;
import io.mutt.pipeline.validation.InvalidInput;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * Silences (docs/reference/noise.md): list (current ones by default: active or pending), create
 * (expiry required, at most {@code SILENCE_MAX_HOURS} after the start; the author defaults to the
 * caller) and expire ({@code DELETE /silences/{id}} sets the expiry to now; the row is kept). Each
 * write commits with its {@code config_audit_log} row and is announced on the noise-changed
 * address.
 */
public final class SilencesApi {

  static final String TABLE = "silences";
  private static final String LIST =
      "SELECT "
          + NoiseRows.SILENCE_COLUMNS
          + " FROM silences WHERE ($1::timestamptz IS NULL OR expires_at > $1)"
          + " ORDER BY expires_at DESC, id DESC LIMIT $2";
  private static final String INSERT =
      "INSERT INTO silences (matchers, starts_at, expires_at, author, comment, created_by)"
          + " VALUES ($1, $2, $3, $4, $5, $6) RETURNING id";
  private static final String LOCK =
      "SELECT " + NoiseRows.SILENCE_COLUMNS + " FROM silences WHERE id = $1 FOR UPDATE";
  private static final String EXPIRE =
      "UPDATE silences SET expires_at = $2::timestamptz, starts_at = LEAST(starts_at, $2::timestamptz - interval '1 millisecond')"
          + " WHERE id = $1";

  private final Pool pg;
  private final ChangeNotice notice;
  private final Duration maxDuration;

  public SilencesApi(Vertx vertx, Pool pg, Duration maxDuration) {
    this.pg = pg;
    this.notice = ChangeNotice.noise(vertx, TABLE);
    this.maxDuration = maxDuration;
  }

  public void mount(Router r, String base) {
    r.get(base + "/silences").handler(this::handleList);
    r.post(base + "/silences").handler(this::handleCreate);
    r.delete(base + "/silences/:id").handler(this::handleExpire);
  }

  private void handleList(RoutingContext ctx) {
    String state = Http.param(ctx, "state");
    if (state != null && !state.matches("current|active|pending|expired|all")) {
      Http.fail(
          ctx, new InvalidInput("state", "state must be current, active, pending, expired or all"));
      return;
    }
    Integer limit = Http.intParam(ctx, "limit");
    if (limit != null && (limit < 1 || limit > 1000)) {
      Http.fail(ctx, new InvalidInput("limit", "limit must be from 1 to 1000"));
      return;
    }
    Instant now = Instant.now();
    boolean onlyCurrent = state == null || !state.matches("expired|all");
    pg.preparedQuery(LIST)
        .execute(
            Tuple.of(
                onlyCurrent ? OffsetDateTime.ofInstant(now, ZoneOffset.UTC) : null,
                limit == null ? 200 : limit))
        .onSuccess(
            rows -> {
              JsonArray out = new JsonArray();
              for (Row row : rows) {
                JsonObject s = NoiseRows.silenceJson(row, now);
                String st = s.getString("state");
                if (state == null
                    || state.equals("current")
                    || state.equals("all")
                    || state.equals(st)) {
                  out.add(s);
                }
              }
              Http.ok(ctx, 200, new JsonObject().put("silences", out));
            })
        .onFailure(err -> Http.fail(ctx, err));
  }

  private void handleCreate(RoutingContext ctx) {
    JsonObject body = Http.body(ctx);
    Map<String, Object> map = NoiseRows.plainMap(body);
    if (map.get("author") == null) {
      map.put("author", Http.actor(ctx));
    }
    Instant now = Instant.now();
    Silence s = NoiseSpecs.silence(0, map, now, maxDuration, true);
    String reason = Http.reason(body);
    JsonObject stored =
        new JsonObject()
            .put(
                "matchers",
                new JsonArray(new java.util.ArrayList<>(NoiseSpecs.matchersJson(s.matchers()))))
            .put("starts_at", s.start().toString())
            .put("expires_at", s.expiry().toString())
            .put("author", s.author())
            .put("comment", s.comment());
    notice.answer(
        ctx,
        pg.withTransaction(
            conn ->
                conn.preparedQuery(INSERT)
                    .execute(
                        Tuple.of(
                            stored.getJsonArray("matchers"),
                            OffsetDateTime.ofInstant(s.start(), ZoneOffset.UTC),
                            OffsetDateTime.ofInstant(s.expiry(), ZoneOffset.UTC),
                            s.author(),
                            s.comment(),
                            Http.actor(ctx)))
                    .compose(
                        rows -> {
                          int id = rows.iterator().next().getInteger("id");
                          return ConfigAudit.of(ctx, "CREATE", TABLE, id, null, stored, reason)
                              .insert(conn)
                              .map(id);
                        })),
        201,
        id ->
            new JsonObject()
                .put("id", id)
                .put("starts_at", s.start().toString())
                .put("expires_at", s.expiry().toString())
                .put("message", "Silence created"));
  }

  private void handleExpire(RoutingContext ctx) {
    Integer id = Http.pathId(ctx, "Silence not found");
    if (id == null) {
      return;
    }
    String reason = Http.param(ctx, "reason");
    Instant now = Instant.now();
    OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
    notice.answer(
        ctx,
        pg.withTransaction(
            conn ->
                conn.preparedQuery(LOCK)
                    .execute(Tuple.of(id))
                    .compose(
                        rows -> {
                          Row row = Rows.first(rows, ApiError.notFound("Silence not found"));
                          OffsetDateTime expiry = row.getOffsetDateTime("expires_at");
                          if (!expiry.toInstant().isAfter(now)) {
                            throw ApiError.conflict("Silence already expired");
                          }
                          JsonObject old =
                              new JsonObject()
                                  .put(
                                      "expires_at",
                                      NoiseRows.silenceJson(row, now).getString("expires_at"));
                          JsonObject next = new JsonObject().put("expires_at", now.toString());
                          return conn.preparedQuery(EXPIRE)
                              .execute(Tuple.of(id, at))
                              .compose(
                                  x ->
                                      ConfigAudit.of(ctx, "UPDATE", TABLE, id, old, next, reason)
                                          .insert(conn));
                        })),
        200,
        x ->
            new JsonObject()
                .put("id", id)
                .put("expires_at", now.toString())
                .put("message", "Silence expired"));
  }
}
