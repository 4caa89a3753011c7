package io.mutt.ingest;

import io.mutt.pipeline.event.EventIds;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One ingest request's answer (docs/reference/http-api.md): its correlation id (the client's {@code
 * X-Correlation-ID}, else a new UUIDv4; a client value must be 1-128 printable ASCII characters),
 * echoed in the {@code X-Correlation-ID} response header and in every body; the status counted in
 * {@code mutt_ingest_requests_total} and the time in {@code mutt_ingest_latency_seconds}. Refusals
 * are logged at DEBUG with the correlation id, Redis failures and unexpected errors at WARN, at
 * most one line per second.
 */
final class IngestExchange {

  static final CharSequence JSON = HttpHeaders.createOptimized("application/json");
  static final CharSequence X_CORRELATION_ID = HttpHeaders.createOptimized("X-Correlation-ID");
  static final CharSequence RETRY_AFTER = HttpHeaders.createOptimized("Retry-After");
  private static final int MAX_CLIENT_ID_LENGTH = 128;
  private static final Logger LOG = LoggerFactory.getLogger(IngestExchange.class);
  private static final AtomicLong LAST_WARN_MS = new AtomicLong();
  private static final AtomicLong SUPPRESSED = new AtomicLong();

  final HttpServerRequest request;
  final String correlationId;
  private final IngestMetrics metrics;
  private final long started = System.nanoTime();

  private IngestExchange(HttpServerRequest request, String correlationId, IngestMetrics metrics) {
    this.request = request;
    this.correlationId = correlationId;
    this.metrics = metrics;
  }

  static IngestExchange begin(HttpServerRequest request, IngestMetrics metrics) {
    return new IngestExchange(request, correlationId(request.headers()), metrics);
  }

  static String correlationId(MultiMap headers) {
    String given = headers.get(X_CORRELATION_ID);
    if (given != null) {
      String id = given.trim();
      if (!id.isEmpty() && id.length() <= MAX_CLIENT_ID_LENGTH && printableAscii(id)) {
        return id;
      }
    }
    return EventIds.newCorrelationId();
  }

  private static boolean printableAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        return false;
      }
    }
    return true;
  }

  /** 200 with a body already encoded. */
  void queued(String body) {
    metrics.success.increment();
    send(200, body);
  }

  /** The ingest error body {@code {"status":"error","message":…,"correlation_id":…}}, to extend. */
  JsonObject error(String message) {
    return new JsonObject()
        .put("status", "error")
        .put("message", message)
        .put("correlation_id", correlationId);
  }

  void refuse(int status, String reason, String message) {
    refuse(status, reason, error(message), null);
  }

  /**
   * A 4xx/5xx answer counted as {@code fail/reason}; {@code retryAfterSeconds} non-null adds
   * Retry-After.
   */
  void refuse(int status, String reason, JsonObject body, Long retryAfterSeconds) {
    metrics.failure(reason).increment();
    HttpServerResponse res = request.response();
    if (retryAfterSeconds != null) {
      res.putHeader(RETRY_AFTER, String.valueOf(retryAfterSeconds));
    }
    boolean warn = "redis".equals(reason) || "unknown".equals(reason);
    if (warn ? LOG.isWarnEnabled() && warnAllowed() : LOG.isDebugEnabled()) {
      long quiet = warn ? SUPPRESSED.getAndSet(0) : 0;
      log(
          warn,
          status,
          reason,
          body.getString("message") + (quiet > 0 ? "; " + quiet + " more in the last second" : ""));
    }
    send(status, body.encode());
  }

  /**
   * At most one WARN per second: during a Redis outage every request fails, and the log must stay
   * readable.
   */
  private static boolean warnAllowed() {
    long now = System.currentTimeMillis();
    long last = LAST_WARN_MS.get();
    if (now - last >= 1000 && LAST_WARN_MS.compareAndSet(last, now)) {
      return true;
    }
    SUPPRESSED.incrementAndGet();
    return false;
  }

  private void log(boolean warn, int status, String reason, String message) {
    try (MDC.MDCCloseable c = MDC.putCloseable("correlation_id", correlationId)) {
      if (warn) {
        LOG.warn("ingest {} {}: {} (correlation id {})", status, reason, message, correlationId);
      } else {
        LOG.debug("ingest {} {}: {} (correlation id {})", status, reason, message, correlationId);
      }
    }
  }

  /**
   * Closes the connection after the answer (a body we refused to read may still be on the wire).
   */
  IngestExchange closing() {
    request.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
    return this;
  }

  private void send(int status, String body) {
    metrics.latency.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    HttpServerResponse res = request.response();
    if (res.ended() || res.closed()) {
      return;
    }
    res.setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, JSON)
        .putHeader(X_CORRELATION_ID, correlationId)
        .end(body);
  }
}
