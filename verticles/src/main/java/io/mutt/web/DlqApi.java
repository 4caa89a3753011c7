package io.mutt.web;

import io.mutt.contract.RedisKeys;
import io.mutt.pipeline.validation.InvalidInput;
import io.mutt.pipeline.validation.RecordIds;
import io.mutt.queue.DurableQueue;
import io.mutt.runtime.MuttRuntime;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Dead-letter queues for operators (v2 extension): list the three DLQs, page through one (LRANGE,
 * index 0 = newest), inspect an entry, replay selected or all entries (alerter and dead → ingest
 * stream, moog → alert stream; each entry is appended durably before its exact string is removed)
 * and purge. Replays and purges are audited as table {@code dlq}; the audit row commits only after
 * Redis did the work.
 */
public final class DlqApi {

  static final List<String> NAMES = RedisKeys.DLQ_NAMES;
  static final int MAX_BATCH = 10_000;

  private final MuttRuntime rt;
  private final DurableQueue ingest;
  private final DurableQueue alerts;

  public DlqApi(MuttRuntime rt) {
    this.rt = rt;
    this.ingest = io.mutt.queue.Streams.ingest(rt);
    this.alerts = io.mutt.queue.Streams.alerts(rt);
  }

  public void mount(Router r, String base) {
    r.get(base + "/dlq").handler(this::handleOverview);
    r.get(base + "/dlq/:name").handler(this::handleList);
    r.get(base + "/dlq/:name/:index").handler(this::handleEntry);
    r.post(base + "/dlq/:name/replay").handler(this::handleReplay);
    r.post(base + "/dlq/:name/purge").handler(this::handlePurge);
  }

  private void handleOverview(RoutingContext ctx) {
    List<Request> lens = new ArrayList<>();
    NAMES.forEach(n -> lens.add(Request.cmd(Command.LLEN).arg(rt.keys().dlq(n))));
    rt.redis()
        .batch(lens)
        .onSuccess(
            rs -> {
              JsonArray out = new JsonArray();
              for (int i = 0; i < NAMES.size(); i++) {
                out.add(
                    new JsonObject()
                        .put("name", NAMES.get(i))
                        .put("depth", rs.get(i).toLong())
                        .put("replay_target", target(NAMES.get(i))));
              }
              Http.ok(ctx, 200, new JsonObject().put("dlqs", out));
            })
        .onFailure(err -> Http.fail(ctx, err));
  }

  private void handleList(RoutingContext ctx) {
    String name = ctx.pathParam("name");
    String key = key(name);
    Integer off = Http.intParam(ctx, "offset");
    Integer lim = Http.intParam(ctx, "limit");
    int offset = off == null ? 0 : Math.max(0, off);
    int limit = lim == null ? 50 : Math.max(1, Math.min(200, lim));
    rt.redis()
        .batch(
            List.of(
                Request.cmd(Command.LLEN).arg(key),
                Request.cmd(Command.LRANGE).arg(key).arg(offset).arg(offset + limit - 1)))
        .onSuccess(
            rs -> {
              JsonArray entries = new JsonArray();
              int i = offset;
              for (Response e : rs.get(1)) {
                entries.add(entry(i++, e.toString()));
              }
              Http.ok(
                  ctx,
                  200,
                  new JsonObject()
                      .put("name", name)
                      .put("depth", rs.get(0).toLong())
                      .put("offset", offset)
                      .put("limit", limit)
                      .put("entries", entries));
            })
        .onFailure(err -> Http.fail(ctx, err));
  }

  private void handleEntry(RoutingContext ctx) {
    String name = ctx.pathParam("name");
    String key = key(name);
    int index = index(ctx.pathParam("index"));
    rt.redis()
        .send(Request.cmd(Command.LINDEX).arg(key).arg(index))
        .onSuccess(
            v -> {
              if (v == null) {
                Http.fail(ctx, ApiError.notFound("Entry not found"));
              } else {
                Http.ok(ctx, 200, entry(index, v.toString()).put("name", name));
              }
            })
        .onFailure(err -> Http.fail(ctx, err));
  }

  private void handleReplay(RoutingContext ctx) {
    Change change = change(ctx);
    String name = change.name();
    String key = change.key();
    String target = target(name);
    DurableQueue queue = "ingest".equals(target) ? ingest : alerts;
    audited(
        ctx,
        change,
        picked ->
            change.audit(
                ctx,
                "UPDATE",
                new JsonObject().put("dlq", name).put("depth", picked.depth()),
                change.sel().describe("replay", picked).put("dlq", name).put("target", target)),
        picked -> {
          List<String> payloads = new ArrayList<>();
          picked.raws().forEach(raw -> payloads.add(DlqEntries.forReplay(raw, target)));
          return (payloads.isEmpty() ? Future.succeededFuture() : queue.appendAll(payloads))
              .compose(ids -> remove(key, picked.raws()));
        },
        picked ->
            new JsonObject()
                .put("name", name)
                .put("replayed", picked.raws().size())
                .put("target", target));
  }

  private void handlePurge(RoutingContext ctx) {
    Change change = change(ctx);
    String name = change.name();
    String key = change.key();
    audited(
        ctx,
        change,
        picked ->
            change.audit(
                ctx,
                "DELETE",
                change
                    .sel()
                    .describe("purge", picked)
                    .put("dlq", name)
                    .put("depth", picked.depth()),
                null),
        picked ->
            change.sel().all()
                ? rt.redis()
                    .send(
                        Request.cmd(Command.LTRIM).arg(key).arg(0).arg(-(picked.raws().size() + 1)))
                    .mapEmpty()
                : remove(key, picked.raws()),
        picked -> new JsonObject().put("name", name).put("purged", picked.raws().size()));
  }

  /** A replay or purge request: the DLQ's name and key, the body and its selection. */
  private record Change(String name, String key, JsonObject body, Selection sel) {

    /** Its {@code config_audit_log} row (table {@code dlq}, the request's reason). */
    ConfigAudit audit(
        RoutingContext ctx, String operation, JsonObject oldValues, JsonObject newValues) {
      return ConfigAudit.of(
          ctx, operation, "dlq", RecordIds.of(name), oldValues, newValues, Http.reason(body));
    }
  }

  private Change change(RoutingContext ctx) {
    String name = ctx.pathParam("name");
    String key = key(name);
    JsonObject body = Http.body(ctx);
    return new Change(name, key, body, Selection.of(body));
  }

  /**
   * A replay or purge of the selected entries: {@code work} runs inside the transaction of its
   * {@code audit} row, so the row commits only after Redis did the work; the answer is {@code
   * result} with the depth that {@code remaining}.
   */
  private void audited(
      RoutingContext ctx,
      Change change,
      Function<Selection.Picked, ConfigAudit> audit,
      Function<Selection.Picked, Future<?>> work,
      Function<Selection.Picked, JsonObject> result) {
    String key = change.key();
    change
        .sel()
        .read(rt.redis(), key)
        .compose(
            picked -> {
              ConfigAudit row = audit.apply(picked);
              return rt.pg()
                  .withTransaction(conn -> row.insert(conn).compose(id -> work.apply(picked)))
                  .map(picked);
            })
        .compose(picked -> depth(key).map(d -> result.apply(picked).put("remaining", d)))
        .onSuccess(res -> Http.ok(ctx, 200, res))
        .onFailure(err -> Http.fail(ctx, err));
  }

  /** LREM of each exact string, oldest occurrence first. */
  private Future<Void> remove(String key, List<String> raws) {
    if (raws.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Request> rems = new ArrayList<>();
    raws.forEach(raw -> rems.add(Request.cmd(Command.LREM).arg(key).arg(-1).arg(raw)));
    return rt.redis().batch(rems).mapEmpty();
  }

  private Future<Long> depth(String key) {
    return rt.redis().send(Request.cmd(Command.LLEN).arg(key)).map(Response::toLong);
  }

  private String key(String name) {
    String key = NAMES.contains(name) ? rt.keys().dlq(name) : null;
    if (key == null) {
      throw ApiError.notFound("Unknown DLQ: expected one of alerter, moog, dead");
    }
    return key;
  }

  static String target(String name) {
    return "moog".equals(name) ? "alerts" : "ingest";
  }

  static JsonObject entry(int index, String raw) {
    JsonObject parsed = DlqEntries.parse(raw);
    return new JsonObject()
        .put("index", index)
        .put("raw", raw)
        .put("entry", parsed)
        .put("correlation_id", DlqEntries.correlationId(parsed))
        .put("failed_at", parsed == null ? null : parsed.getValue("failed_at"))
        .put("dlq_reason", parsed == null ? null : parsed.getValue("dlq_reason"));
  }

  private static int index(String s) {
    try {
      int i = Integer.parseInt(s);
      if (i >= 0) {
        return i;
      }
    } catch (NumberFormatException ignored) {
      // 404 below
    }
    throw ApiError.notFound("Entry not found");
  }

  /** Which entries a replay or purge acts on: {@code {"indexes":[...]}} or {@code {"all":true}}. */
  record Selection(List<Integer> indexes, boolean all) {

    static Selection of(JsonObject body) {
      boolean all = Boolean.TRUE.equals(body.getValue("all"));
      Object idx = body.getValue("indexes");
      if (!all && !(idx instanceof JsonArray)) {
        throw new InvalidInput("indexes", "Give indexes (a list of entry indexes) or all=true");
      }
      List<Integer> indexes = new ArrayList<>();
      if (!all) {
        for (Object o : (JsonArray) idx) {
          if (!(o instanceof Integer i) || i < 0) {
            throw new InvalidInput("indexes", "indexes must be non-negative integers");
          }
          if (!indexes.contains(i)) {
            indexes.add(i);
          }
        }
        if (indexes.isEmpty() || indexes.size() > 1000) {
          throw new InvalidInput("indexes", "indexes must list 1 to 1000 entries");
        }
      }
      return new Selection(indexes, all);
    }

    record Picked(long depth, List<String> raws) {}

    /** The exact strings selected (all = the oldest up to MAX_BATCH); a missing index is a 404. */
    Future<Picked> read(io.vertx.redis.client.Redis redis, String key) {
      List<Request> reqs = new ArrayList<>();
      reqs.add(Request.cmd(Command.LLEN).arg(key));
      if (all) {
        reqs.add(Request.cmd(Command.LRANGE).arg(key).arg(-MAX_BATCH).arg(-1));
      } else {
        indexes.forEach(i -> reqs.add(Request.cmd(Command.LINDEX).arg(key).arg(i)));
      }
      return redis
          .batch(reqs)
          .map(
              rs -> {
                List<String> raws = new ArrayList<>();
                if (all) {
                  rs.get(1).forEach(v -> raws.add(v.toString()));
                } else {
                  for (int i = 0; i < indexes.size(); i++) {
                    Response v = rs.get(i + 1);
                    if (v == null) {
                      throw ApiError.notFound("Entry not found: index " + indexes.get(i));
                    }
                    raws.add(v.toString());
                  }
                }
                return new Picked(rs.get(0).toLong(), raws);
              });
    }

    JsonObject describe(String action, Picked picked) {
      JsonArray ids = new JsonArray();
      picked.raws().stream()
          .limit(100)
          .forEach(raw -> ids.add(DlqEntries.correlationId(DlqEntries.parse(raw))));
      JsonObject o =
          new JsonObject()
              .put("action", action)
              .put("count", picked.raws().size())
              .put("correlation_ids", ids);
      return all ? o.put("all", true) : o.put("indexes", new JsonArray(new ArrayList<>(indexes)));
    }
  }
}
