package io.mutt.ingest;

import io.mutt.http.ApiVersions;
import io.mutt.pipeline.event.BodyEncoding;
import io.mutt.pipeline.event.BodyFormat;
import io.mutt.pipeline.event.EventIds;
import io.mutt.pipeline.event.EventProblem;
import io.mutt.pipeline.event.EventValidator;
import io.mutt.pipeline.event.IngestLimits;
import io.mutt.runtime.Failures;
import io.vertx.core.AsyncResult;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest request (docs/reference/http-api.md) with the batch, gzip and limit extensions of ADR
 * 0007, for one verticle instance: authenticate, check media type and size, read (and gunzip) the
 * body, scan and validate every event, stamp ids, reserve room under the queue cap, append
 * (rate-limited when enabled) and answer only after Redis acknowledged, with the API version
 * headers. A batch is all-or-nothing. Every refusal is a 4xx/503 with a reason, never a partial
 * write.
 */
final class IngestHandler {

  private static final Long RETRY_SOON = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(IngestHandler.class);

  private final IngestServices s;
  private final IngestLimits limits;
  private final EventWriter writer;
  private final LimitedAppend limiter;

  IngestHandler(IngestServices services, EventWriter writer, LimitedAppend limiter) {
    this.s = services;
    this.limits = services.settings().limits();
    this.writer = writer;
    this.limiter = limiter;
  }

  void handle(HttpServerRequest req) {
    IngestExchange x = IngestExchange.begin(req, s.metrics());
    guarded(x, () -> start(x, req));
  }

  private void start(IngestExchange x, HttpServerRequest req) {
    ApiVersions.apply(req, req.response());
    if (!s.authorized(x)) {
      return;
    }
    BodyFormat format = BodyFormat.of(req.getHeader(HttpHeaders.CONTENT_TYPE));
    BodyEncoding encoding = BodyEncoding.of(req.getHeader(HttpHeaders.CONTENT_ENCODING));
    if (format == BodyFormat.UNSUPPORTED) {
      x.closing()
          .refuse(
              415,
              "unsupported_media_type",
              "Unsupported Media Type - send one JSON event, a JSON array of"
                  + " events, or application/x-ndjson");
      return;
    }
    if (encoding == BodyEncoding.UNSUPPORTED) {
      x.closing()
          .refuse(
              415,
              "unsupported_media_type",
              "Unsupported Content-Encoding - send identity or gzip");
      return;
    }
    RequestBody.read(req, limits.maxBodyBytes())
        .onComplete(ar -> guarded(x, () -> onBody(x, format, encoding, ar)));
  }

  /**
   * A bug must still answer (500 {@code unknown}, logged with its stack trace), never leave the
   * client hanging.
   */
  private static void guarded(IngestExchange x, Runnable step) {
    try {
      step.run();
    } catch (RuntimeException e) {
      LOG.error("unexpected ingest failure (correlation id {})", x.correlationId, e);
      x.refuse(500, "unknown", "Internal server error");
    }
  }

  private void onBody(
      IngestExchange x, BodyFormat format, BodyEncoding encoding, AsyncResult<RequestBody> ar) {
    if (ar.failed()) {
      if (ar.cause() instanceof RequestBody.TooLarge tooLarge) {
        bodyTooLarge(x, tooLarge.getMessage());
      } else {
        x.closing().refuse(400, "json", "Invalid JSON: the body could not be read");
      }
      return;
    }
    RequestBody body = ar.result();
    if (encoding == BodyEncoding.GZIP) {
      try {
        body = Gunzip.decompress(body, limits.maxBodyBytes());
      } catch (RequestBody.TooLarge e) {
        bodyTooLarge(x, e.getMessage());
        return;
      } catch (IOException e) {
        x.refuse(
            400,
            "json",
            "Invalid JSON: the gzip body could not be decompressed (" + e.getMessage() + ")");
        return;
      }
    }
    EventScan scan = s.scanner().scan(body.bytes(), body.length(), format);
    if (scan instanceof EventScan.Malformed m) {
      x.refuse(400, "json", "Invalid JSON: " + m.detail());
    } else if (scan instanceof EventScan.TooManyEvents t) {
      x.refuse(
          413,
          "too_large",
          x.error("Payload Too Large - more than " + t.limit() + " events in one request")
              .put("limit_events", t.limit()),
          null);
    } else {
      EventScan.Parsed parsed = (EventScan.Parsed) scan;
      if (parsed.problems().isEmpty()) {
        enqueue(x, body, parsed);
      } else {
        invalid(x, parsed);
      }
    }
  }

  private void bodyTooLarge(IngestExchange x, String detail) {
    x.closing()
        .refuse(
            413,
            "too_large",
            x.error("Payload Too Large - " + detail).put("limit_bytes", limits.maxBodyBytes()),
            null);
  }

  private void invalid(IngestExchange x, EventScan.Parsed parsed) {
    List<EventProblem> problems = parsed.problems();
    if (parsed.single()) {
      x.refuse(400, "validation", EventValidator.singleEventMessage(problems));
      return;
    }
    JsonArray errors = new JsonArray();
    for (EventProblem p :
        problems.subList(0, Math.min(problems.size(), limits.maxProblemsReported()))) {
      JsonObject e = new JsonObject().put("index", p.index());
      if (p.field() != null) {
        e.put("field", p.field());
      }
      errors.add(e.put("error", p.error()));
    }
    x.refuse(
        400,
        "validation",
        x.error(EventValidator.batchMessage(problems, parsed.count()))
            .put("error_count", problems.size())
            .put("errors", errors),
        null);
  }

  private void enqueue(IngestExchange x, RequestBody body, EventScan.Parsed parsed) {
    List<ScannedEvent> events = parsed.events();
    int n = events.size();
    List<String> ids = new ArrayList<>(n);
    List<byte[]> payloads = new ArrayList<>(n);
    try {
      for (ScannedEvent e : events) {
        String id = parsed.single() ? x.correlationId : EventIds.newCorrelationId();
        ids.add(id);
        payloads.add(EventStamper.stamp(body.bytes(), e, id, EventIds.nextEventId()));
      }
    } catch (RuntimeException e) {
      x.refuse(400, "json", "Invalid JSON: event " + ids.size() + " could not be re-encoded");
      return;
    }
    long cap = s.rt().dynamic().getLong("max_ingest_queue_size", s.settings().staticCap());
    DepthLedger.Admission room = s.ledger().reserve(n, cap);
    if (!room.admitted()) {
      x.refuse(
          503,
          "queue_full",
          x.error("Service Unavailable - queue full")
              .put("queue_depth", room.depthBefore())
              .put("queue_limit", cap),
          RETRY_SOON);
      return;
    }
    writer
        .append(payloads)
        .onComplete(
            ar ->
                guarded(
                    x,
                    () -> {
                      if (ar.failed()) {
                        s.ledger().released(n);
                        redisFailed(x, ar.cause());
                      } else if (!ar.result().appended()) {
                        s.ledger().released(n);
                        rateLimited(x);
                      } else {
                        s.ledger().written(n);
                        x.queued(
                            parsed.single()
                                ? queuedOne(x.correlationId, room.depthBefore() + 1)
                                : queuedMany(x.correlationId, ids, room.depthBefore() + n));
                      }
                    }));
  }

  private void rateLimited(IngestExchange x) {
    s.metrics().rateLimitHits.increment();
    long window =
        s.rt().dynamic().getLong("ingest_rate_window", limiter.limit().retryAfterSeconds());
    x.refuse(
        429,
        "rate_limit",
        x.error("Too Many Requests - rate limit exceeded").put("retry_after", window),
        window);
  }

  private static void redisFailed(IngestExchange x, Throwable cause) {
    if (cause instanceof io.mutt.redis.ReplicaAcks.NotReplicated) {
      // written, but not yet on REDIS_MIN_REPLICA_ACKS replicas: a failover could still lose it,
      // so it is not acknowledged (the client sends it again; ADR 0031)
      x.refuse(
          503,
          "replication",
          x.error("Service Unavailable - write not yet replicated"),
          RETRY_SOON);
      return;
    }
    boolean noConnection = Failures.isConnectionLoss(cause) || Failures.isPoolExhausted(cause);
    x.refuse(
        503,
        "redis",
        x.error(
            noConnection
                ? "Service Unavailable - Redis pool error"
                : "Service Unavailable - Redis error"),
        RETRY_SOON);
  }

  /**
   * {@code {"status":"queued","correlation_id":…,"queue_depth":…}} without a JSON tree (the hot
   * path).
   */
  static String queuedOne(String correlationId, long depth) {
    return "{\"status\":\"queued\",\"correlation_id\":\""
        + text(correlationId)
        + "\",\"queue_depth\":"
        + depth
        + "}";
  }

  /**
   * {@code {"status":"queued","count":n,"correlation_id":…,"correlation_ids":[…],"queue_depth":…}}.
   */
  static String queuedMany(String requestId, List<String> ids, long depth) {
    StringBuilder sb =
        new StringBuilder(96 + ids.size() * 39)
            .append("{\"status\":\"queued\",\"count\":")
            .append(ids.size())
            .append(",\"correlation_id\":\"")
            .append(text(requestId))
            .append("\",\"correlation_ids\":[");
    for (int i = 0; i < ids.size(); i++) {
      sb.append(i == 0 ? "\"" : ",\"").append(ids.get(i)).append('"');
    }
    return sb.append("],\"queue_depth\":").append(depth).append('}').toString();
  }

  /**
   * A correlation id as JSON string content: printable ASCII (IngestExchange), so only quote and
   * backslash.
   */
  private static String text(String id) {
    return id.indexOf('"') < 0 && id.indexOf('\\') < 0
        ? id
        : id.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
