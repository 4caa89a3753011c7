package io.mutt.bench;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The benchmark's Moogsoft stand-in: accepts {@code POST /events} like {@code io.mutt.moog.MockMoogVerticle}, counts
 * them, and records end-to-end latency = arrival time − the event's {@code bench_sent_ms} (found in the Moogsoft
 * payload's {@code custom_info}, i.e. the original event), for events sent inside the measurement window.
 * {@code GET /stats} answers {@code {"count": n}}. It runs in the load generator's JVM so that every event's latency
 * is measured without polling the stand-in's event list.
 */
final class BenchReceiver extends VerticleBase {

  private static final byte[] MARK = "\"bench_sent_ms\":".getBytes(StandardCharsets.US_ASCII);
  private static final Buffer OK = Buffer.buffer("{\"status\":\"ok\"}");

  private final int port;
  final AtomicLong count = new AtomicLong();
  final AtomicLong healthChecks = new AtomicLong();
  final LatencyHistogram latency = new LatencyHistogram(120_000);
  volatile long windowStartMs = Long.MAX_VALUE;
  volatile long windowEndMs = Long.MAX_VALUE;

  BenchReceiver(int port) {
    this.port = port;
  }

  @Override
  public Future<?> start() {
    return vertx.createHttpServer().requestHandler(this::handle).listen(port);
  }

  private void handle(HttpServerRequest req) {
    if (req.method().name().equals("GET")) {
      req.response().putHeader("Content-Type", "application/json").end("{\"count\":" + count.get() + "}");
      return;
    }
    if (req.method().name().equals("HEAD")) {
      req.response().end();
      return;
    }
    req.body().onSuccess(body -> {
      long now = System.currentTimeMillis();
      long sent = sentMs(body);
      if (sent > 0) {
        count.incrementAndGet();
        if (sent >= windowStartMs && sent < windowEndMs) {
          latency.record(now - sent);
        }
      } else {
        healthChecks.incrementAndGet();
      }
      req.response().putHeader("Content-Type", "application/json").end(OK);
    });
  }

  /** The number after {@code "bench_sent_ms":}, or -1 (health probes and other traffic). */
  static long sentMs(Buffer body) {
    byte[] b = body.getBytes();
    outer:
    for (int i = 0; i + MARK.length < b.length; i++) {
      for (int j = 0; j < MARK.length; j++) {
        if (b[i + j] != MARK[j]) {
          continue outer;
        }
      }
      long v = 0;
      int k = i + MARK.length;
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
