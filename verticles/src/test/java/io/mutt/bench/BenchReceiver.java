package io.mutt.bench;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The benchmark's Moogsoft stand-in: accepts {@code POST /events} like {@code
 * io.mutt.moog.MockMoogVerticle}, counts them, and records end-to-end latency = arrival time − the
 * event's {@code bench_sent_ms} (found in the Moogsoft payload's {@code custom_info}, i.e. the
 * original event), for events sent inside the measurement window; and, when the generator tracks
 * acceptance times ({@code bench_seq} → time of the ingest's 200), latency from acceptance. {@code
 * GET /stats} answers {@code {"count": n}}. Events are also counted once each by {@code bench_seq},
 * so duplicate deliveries (at-least-once retries) and missing events show in the summary. It runs
 * in the load generator's JVM so that every event's latency is measured without polling the
 * stand-in's event list.
 */
final class BenchReceiver extends VerticleBase {

  private static final byte[] MARK = "\"bench_sent_ms\":".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SEQ = "\"bench_seq\":".getBytes(StandardCharsets.US_ASCII);
  private static final Buffer OK = Buffer.buffer("{\"status\":\"ok\"}");

  private final int port;
  final AtomicLong count = new AtomicLong();

  /**
   * Distinct events received (by {@code bench_seq}); {@code count - unique} are duplicate
   * deliveries.
   */
  final AtomicLong unique = new AtomicLong();

  private final java.util.BitSet seen = new java.util.BitSet();
  final AtomicLong healthChecks = new AtomicLong();
  final LatencyHistogram latency = new LatencyHistogram(120_000);
  final LatencyHistogram fromAccept = new LatencyHistogram(120_000);
  private final AtomicLongArray acceptedAt;
  volatile long windowStartMs = Long.MAX_VALUE;
  volatile long windowEndMs = Long.MAX_VALUE;

  BenchReceiver(int port, AtomicLongArray acceptedAt) {
    this.port = port;
    this.acceptedAt = acceptedAt;
  }

  @Override
  public Future<?> start() {
    return vertx.createHttpServer().requestHandler(this::handle).listen(port);
  }

  private void handle(HttpServerRequest req) {
    if (req.method().name().equals("GET")) {
      req.response()
          .putHeader("Content-Type", "application/json")
          .end("{\"count\":" + count.get() + "}");
      return;
    }
    if (req.method().name().equals("HEAD")) {
      req.response().end();
      return;
    }
    req.body()
        .onSuccess(
            body -> {
              long now = System.currentTimeMillis();
              byte[] bytes = body.getBytes();
              long sent = number(bytes, MARK);
              if (sent > 0) {
                count.incrementAndGet();
                long n = number(bytes, SEQ);
                if (n >= 0 && n < Integer.MAX_VALUE && !seen.get((int) n)) {
                  seen.set((int) n);
                  unique.incrementAndGet();
                }
                if (sent >= windowStartMs && sent < windowEndMs) {
                  latency.record(now - sent);
                  long seq = acceptedAt == null ? -1 : n;
                  if (seq >= 0 && seq < acceptedAt.length()) {
                    long at = acceptedAt.get((int) seq);
                    fromAccept.record(at == 0 ? 0 : Math.max(0, now - at));
                  }
                }
              } else {
                healthChecks.incrementAndGet();
              }
              req.response().putHeader("Content-Type", "application/json").end(OK);
            });
  }

  /**
   * The number after {@code mark} (e.g. {@code "bench_sent_ms":}), or -1 (health probes and other
   * traffic). Searched from the end: the marks sit in {@code custom_info}, the last field of the
   * webhook body.
   */
  static long number(byte[] b, byte[] mark) {
    byte first = mark[0];
    outer:
    for (int i = b.length - mark.length - 1; i >= 0; i--) {
      if (b[i] != first) {
        continue;
      }
      for (int j = 1; j < mark.length; j++) {
        if (b[i + j] != mark[j]) {
          continue outer;
        }
      }
      long v = 0;
      int k = i + mark.length;
      while (k < b.length && b[k] == ' ') {
        k++;
      }
      while (k < b.length && b[k] >= '0' && b[k] <= '9') {
        v = v * 10 + (b[k] - '0');
        k++;
      }
      return v;
    }
    return -1;
  }
}
