package io.mutt.ingest;

import io.mutt.http.ApiKeys;
import io.mutt.http.AuthFailureLimiter;
import io.mutt.pipeline.ratelimit.MemberIds;
import io.mutt.runtime.MuttRuntime;

/**
 * What every ingest verticle instance of a JVM shares: the runtime, settings, the body scanner, the
 * queue-depth ledger, the metrics, the accepted API keys, the per-client limit on wrong keys and
 * the rate limiter's member ids. Built once by {@link IngestModule}.
 */
record IngestServices(
    MuttRuntime rt,
    IngestSettings settings,
    EventScanner scanner,
    DepthLedger ledger,
    IngestMetrics metrics,
    ApiKeys apiKeys,
    AuthFailureLimiter authFailures,
    MemberIds members) {

  /**
   * Checks the request's {@code X-API-KEY}; on refusal answers it (401, or 429 with Retry-After
   * when the client failed too often) and returns false.
   */
  boolean authorized(IngestExchange x) {
    String key = x.request.getHeader("X-API-KEY");
    if (key == null) {
      x.refuse(401, "auth", "Unauthorized");
      return false;
    }
    String client =
        x.request.remoteAddress() == null ? "?" : x.request.remoteAddress().hostAddress();
    long wait = authFailures.retryAfterSeconds(client);
    if (wait > 0) {
      x.closing()
          .refuse(
              429,
              "auth_locked",
              x.error("Too many failed authentication attempts - retry later"),
              wait);
      return false;
    }
    if (!apiKeys.matches(key)) {
      authFailures.failed(client);
      x.refuse(401, "auth", "Unauthorized");
      return false;
    }
    return true;
  }
}
