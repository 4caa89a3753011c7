package io.mutt.web;

import io.mutt.runtime.MuttRuntime;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * Event tracing (v2 extension): {@code GET /api/v2/events/{correlation_id}} tells where an event is
 * now — its audit rows (matched by {@code raw_message::jsonb->>'_correlation_id'}), entries still
 * in the ingest or alert stream, and entries in the three DLQs (each scan bounded to the newest
 * {@code scanLimit} entries) — and what became of its alert ({@code forwarding}: not_forwarded,
 * queued, dead_lettered, delivered).
 */
public final class EventsApi {

  private static final String AUDIT =
      "SELECT "
          + EventAuditApi.FIELDS
          + " FROM event_audit_log"
          + " WHERE strpos(raw_message, $1) > 0 AND CASE WHEN strpos(raw_message, $1) > 0"
          + " THEN raw_message::jsonb->>'_correlation_id' = $1 ELSE false END"
          + " ORDER BY event_timestamp DESC LIMIT 20";

  private final MuttRuntime rt;
  private final int scanLimit;

  public EventsApi(MuttRuntime rt, int scanLimit) {
    this.rt = rt;
    this.scanLimit = scanLimit;
  }

  public void mount(Router r, String base) {
    r.get(base + "/events/:correlationId").handler(this::handleTrace);
  }

  private void handleTrace(RoutingContext ctx) {
    String id = ctx.pathParam("correlationId");
    Future<JsonArray> audit =
        rt.pg().preparedQuery(AUDIT).execute(Tuple.of(id)).map(EventAuditApi::toJson);
    List<Request> scans = new ArrayList<>();
    List<Future<Response>> ingestScans = new ArrayList<>();
    List<Future<Response>> alertScans = new ArrayList<>();
    for (String key : rt.keys().ingestPartitions) {
      ingestScans.add(rt.redis().send(recent(key, scanLimit)));
    }
    for (io.mutt.contract.RedisKeys.AlertSlot slot : rt.keys().alertPartitions) {
      alertScans.add(rt.redis().send(recent(slot.stream(), scanLimit)));
    }
    DlqApi.NAMES.forEach(
        n ->
            scans.add(Request.cmd(Command.LRANGE).arg(rt.keys().dlq(n)).arg(0).arg(scanLimit - 1)));
    Future<List<Response>> redis = rt.redis().batch(scans);
    Future.all(audit, redis, Future.all(ingestScans), Future.all(alertScans))
        .onSuccess(
            x -> {
              List<Response> rs = redis.result();
              JsonArray queued = new JsonArray();
              ingestScans.forEach(f -> streamHits(f.result(), "ingest", id, queued));
              alertScans.forEach(f -> streamHits(f.result(), "alerts", id, queued));
              JsonArray dlq = new JsonArray();
              for (int i = 0; i < DlqApi.NAMES.size(); i++) {
                int index = 0;
                for (Response e : rs.get(i)) {
                  String raw = e.toString();
                  if (raw.contains(id)
                      && id.equals(DlqEntries.correlationId(DlqEntries.parse(raw)))) {
                    dlq.add(DlqApi.entry(index, raw).put("name", DlqApi.NAMES.get(i)));
                  }
                  index++;
                }
              }
              JsonArray rows = audit.result();
              if (rows.isEmpty() && queued.isEmpty() && dlq.isEmpty()) {
                Http.fail(
                    ctx,
                    ApiError.notFound(
                        "No trace of this correlation id in the audit log, queues or DLQs"));
                return;
              }
              Http.ok(
                  ctx,
                  200,
                  new JsonObject()
                      .put("correlation_id", id)
                      .put("audit", rows)
                      .put("queued", queued)
                      .put("dlq", dlq)
                      .put("forwarding", forwarding(rows, queued, dlq))
                      .put("scan_limit", scanLimit));
            })
        .onFailure(err -> Http.fail(ctx, err));
  }

  /** The newest {@code limit} entries of a stream (partition). */
  private static Request recent(String stream, int limit) {
    return Request.cmd(Command.XREVRANGE).arg(stream).arg("+").arg("-").arg("COUNT").arg(limit);
  }

  private static void streamHits(Response entries, String queue, String id, JsonArray out) {
    for (Response entry : entries) {
      Response fields = entry.get(1);
      for (int i = 0; i + 1 < fields.size(); i += 2) {
        String payload = fields.get(i + 1).toString();
        if (payload.contains(id)
            && id.equals(DlqEntries.correlationId(DlqEntries.parse(payload)))) {
          out.add(new JsonObject().put("queue", queue).put("id", entry.get(0).toString()));
        }
      }
    }
  }

  static String forwarding(JsonArray audit, JsonArray queued, JsonArray dlq) {
    boolean forwarded =
        audit.stream().anyMatch(r -> ((JsonObject) r).getBoolean("forwarded_to_moog", false));
    if (dlq.stream().anyMatch(d -> "moog".equals(((JsonObject) d).getString("name")))) {
      return "dead_lettered";
    }
    if (queued.stream().anyMatch(q -> "alerts".equals(((JsonObject) q).getString("queue")))) {
      return "queued";
    }
    if (forwarded) {
      return "delivered";
    }
    return audit.isEmpty() ? "unknown" : "not_forwarded";
  }
}
