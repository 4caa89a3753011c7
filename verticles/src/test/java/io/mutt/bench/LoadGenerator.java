package io.mutt.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * End-to-end load for {@code scripts/bench/e2e.sh}: posts events to MUTT's ingest API and receives
 * the resulting Moogsoft requests itself ({@link BenchReceiver}), so it measures ingest → alerter →
 * forwarder → webhook.
 *
 * <pre>
 * --ingest URL      ingest endpoint (default http://127.0.0.1:8080/api/v2/ingest)
 * --key K           X-API-KEY
 * --receiver-port P port of the webhook stand-in started here (MUTT's MOOG_WEBHOOK_URL must point at it)
 * --mode flood|rate flood = as fast as the connections allow; rate = fixed events/s
 * --rate R          events/s in rate mode
 * --warmup-rate W   events/s during the warm-up in rate mode (default R): warms the JIT without building a backlog
 * --warmup S        seconds before the measurement window
 * --duration S      length of the measurement window (seconds)
 * --connections C   concurrent ingest requests
 * --batch N         events per request (N > 1 sends a JSON array; needs an ingest that accepts arrays)
 * --drain S         seconds to wait for the backlog after sending stops
 * --stage-metrics U a Prometheus /metrics URL scraped every second (e.g. the alerter's)
 * --stage-counter M the counter summed from it (e.g. mutt_alerter_events_processed_total), reported per second
 * --out FILE        also write the JSON summary there (stdout may carry library log lines)
 * </pre>
 *
 * Prints one line per second on stderr and a JSON summary on stdout. Every event carries {@code
 * bench_sent_ms} and {@code bench_seq}; in rate mode the time the ingest accepted each event is
 * kept too, so the summary has latency both from the send and from the acceptance ({@code 200
 * queued}). Every event has a host of its own, so no two alerts share a coalescing key and each
 * event is one Moogsoft request (scripts/bench/storm.sh measures repeats). Its message matches the
 * sample rule {@code ERROR} (prod, Ticket_only), so each event makes one audit row and one Moogsoft
 * request.
 */
public final class LoadGenerator {

  private final Map<String, String> args;
  private final Vertx vertx =
      Vertx.vertx(new io.vertx.core.VertxOptions().setPreferNativeTransport(true));
  private final AtomicLong seq = new AtomicLong();
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong inFlight = new AtomicLong();
  private final LatencyHistogram ingestLatency = new LatencyHistogram(60_000);
  private HttpClient http;
  private RequestOptions target;
  private BenchReceiver receiver;
  private volatile boolean sending = true;
  private int batch;

  /**
   * Rate mode: when the ingest answered 200 for event {@code seq} (ms), so latency can start at
   * acceptance.
   */
  private AtomicLongArray acceptedAt;

  private final AtomicLong lagged = new AtomicLong();

  private LoadGenerator(Map<String, String> args) {
    this.args = args;
  }

  public static void main(String[] argv) throws Exception {
    Map<String, String> a = new HashMap<>();
    for (int i = 0; i + 1 < argv.length; i += 2) {
      a.put(argv[i].replaceFirst("^--", ""), argv[i + 1]);
    }
    JsonObject summary = new LoadGenerator(a).run();
    if (a.containsKey("out")) {
      java.nio.file.Files.writeString(
          java.nio.file.Path.of(a.get("out")), summary.encodePrettily());
    }
    System.out.println(summary.encodePrettily());
    System.exit(0);
  }

  private String arg(String k, String def) {
    return args.getOrDefault(k, def);
  }

  private JsonObject run() throws Exception {
    URI ingest = URI.create(arg("ingest", "http://127.0.0.1:8080/api/v2/ingest"));
    int connections = Integer.parseInt(arg("connections", "64"));
    maxInFlight = connections * 4;
    batch = Integer.parseInt(arg("batch", "1"));
    String mode = arg("mode", "flood");
    double rate = Double.parseDouble(arg("rate", "5000"));
    long warmupMs = (long) (Double.parseDouble(arg("warmup", "10")) * 1000);
    long durationMs = (long) (Double.parseDouble(arg("duration", "60")) * 1000);
    long drainMs = (long) (Double.parseDouble(arg("drain", "30")) * 1000);

    if (mode.equals("rate")) {
      acceptedAt =
          new AtomicLongArray(
              (int)
                  Math.min(
                      Integer.MAX_VALUE - 8,
                      (long) (rate * (warmupMs + durationMs) / 1000 * 1.2) + 10_000));
    }
    receiver = new BenchReceiver(Integer.parseInt(arg("receiver-port", "18099")), acceptedAt);
    vertx.deployVerticle(receiver).await();
    http =
        vertx.createHttpClient(
            new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true),
            new PoolOptions().setHttp1MaxSize(connections));
    target =
        new RequestOptions()
            .setMethod(HttpMethod.POST)
            .setHost(ingest.getHost())
            .setPort(ingest.getPort())
            .setURI(ingest.getPath())
            .putHeader("X-API-KEY", arg("key", "bench-ingest-key"))
            .putHeader("Content-Type", "application/json");

    long start = System.currentTimeMillis();
    receiver.windowStartMs = start + warmupMs;
    receiver.windowEndMs = start + warmupMs + durationMs;
    if (mode.equals("rate")) {
      startPaced(
          Double.parseDouble(arg("warmup-rate", Double.toString(rate))),
          rate,
          start,
          start + warmupMs);
    } else {
      for (int i = 0; i < connections; i++) {
        vertx.runOnContext(v -> floodNext());
      }
    }
    StageCounter stage =
        new StageCounter(vertx, arg("stage-metrics", ""), arg("stage-counter", ""));
    long[] atWindowStart = new long[3];
    long end = start + warmupMs + durationMs;
    long minDelivered = Long.MAX_VALUE;
    long lastDelivered = 0;
    long lastAccepted = 0;
    while (System.currentTimeMillis() < end) {
      Thread.sleep(1000);
      long now = System.currentTimeMillis();
      long acc = accepted.get();
      long del = receiver.count.get();
      long st = stage.value();
      System.err.printf(
          "t=%3ds accepted=%d (+%d/s) stage=%d delivered=%d (+%d/s) refused=%d failed=%d in-flight=%d%n",
          (now - start) / 1000,
          acc,
          acc - lastAccepted,
          st,
          del,
          del - lastDelivered,
          refused.get(),
          failed.get(),
          inFlight.get());
      if (now >= receiver.windowStartMs && atWindowStart[0] == 0) {
        atWindowStart[0] = acc;
        atWindowStart[1] = del;
        atWindowStart[2] = st;
      } else if (now > receiver.windowStartMs + 1000) {
        minDelivered = Math.min(minDelivered, del - lastDelivered);
      }
      lastAccepted = acc;
      lastDelivered = del;
    }
    sending = false;
    long windowMs = System.currentTimeMillis() - receiver.windowStartMs;
    for (int i = 0; i < 300 && inFlight.get() > 0; i++) {
      Thread.sleep(100); // let the last ingest answers arrive, so accepted is final
    }
    long acceptedInWindow = accepted.get() - atWindowStart[0];
    long deliveredInWindow = receiver.count.get() - atWindowStart[1];
    long stageInWindow = stage.value() - atWindowStart[2];
    long backlogAtEnd = accepted.get() - receiver.count.get();
    drain(drainMs);
    long drained = System.currentTimeMillis();

    JsonObject out =
        new JsonObject()
            .put("mode", mode)
            .put("rate_target", mode.equals("rate") ? rate : null)
            .put("batch", batch)
            .put("connections", connections)
            .put("warmup_s", warmupMs / 1000.0)
            .put("window_s", windowMs / 1000.0)
            .put("accepted_total", accepted.get())
            .put("refused_total", refused.get())
            .put("failed_total", failed.get())
            .put("delivered_total", receiver.count.get())
            .put("delivered_unique", receiver.unique.get())
            .put("duplicate_deliveries", receiver.count.get() - receiver.unique.get())
            .put("accepted_per_s", round(acceptedInWindow * 1000.0 / windowMs))
            .put("delivered_per_s", round(deliveredInWindow * 1000.0 / windowMs))
            .put("stage_counter", stage.name().isEmpty() ? null : stage.name())
            .put(
                "stage_per_s",
                stage.name().isEmpty() ? null : round(stageInWindow * 1000.0 / windowMs))
            .put("delivered_min_1s", minDelivered == Long.MAX_VALUE ? null : minDelivered)
            .put("backlog_at_window_end", backlogAtEnd)
            .put("undelivered_after_drain", accepted.get() - receiver.unique.get())
            .put("drain_s", (drained - end) / 1000.0)
            .put("e2e_latency_ms", histogram(receiver.latency))
            .put(
                "e2e_latency_from_accept_ms",
                acceptedAt == null ? null : histogram(receiver.fromAccept))
            .put("max_send_lag_events", mode.equals("rate") ? lagged.get() : null)
            .put(
                "rate_achieved",
                mode.equals("rate") ? acceptedInWindow * 1000.0 / windowMs >= 0.98 * rate : null)
            .put("ingest_latency_ms", histogram(ingestLatency))
            .put(
                "generator_cpu_s",
                round(
                    ((com.sun.management.OperatingSystemMXBean)
                                java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                            .getProcessCpuTime()
                        / 1e9))
            .put("finished_at", Instant.now().toString());
    http.close();
    vertx.close();
    return out;
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }

  private static JsonObject histogram(LatencyHistogram h) {
    return new JsonObject()
        .put("count", h.count())
        .put("p50", h.percentile(0.50))
        .put("p90", h.percentile(0.90))
        .put("p99", h.percentile(0.99))
        .put("p999", h.percentile(0.999))
        .put("max", h.max());
  }

  private void drain(long maxMs) throws InterruptedException {
    long deadline = System.currentTimeMillis() + maxMs;
    long last = -1;
    long stableSince = System.currentTimeMillis();
    while (System.currentTimeMillis() < deadline && receiver.unique.get() < accepted.get()) {
      Thread.sleep(200);
      long now = receiver.unique.get();
      if (now != last) {
        last = now;
        stableSince = System.currentTimeMillis();
      } else if (System.currentTimeMillis() - stableSince > 10_000) {
        return;
      }
    }
  }

  private void floodNext() {
    if (!sending) {
      return;
    }
    send().onComplete(ar -> floodNext());
  }

  private int maxInFlight = 256;

  /**
   * Sends at {@code warmupRate} until {@code windowStart}, then at {@code rate}, in ticks of 5 ms.
   */
  private void startPaced(double warmupRate, double rate, long start, long windowStart) {
    long warmupEvents = (long) ((windowStart - start) * warmupRate / 1000.0);
    vertx.setPeriodic(
        5,
        id -> {
          if (!sending) {
            vertx.cancelTimer(id);
            return;
          }
          long now = System.currentTimeMillis();
          long due =
              now < windowStart
                  ? (long) ((now - start) * warmupRate / 1000.0)
                  : warmupEvents + (long) ((now - windowStart) * rate / 1000.0);
          long behind = due - seq.get();
          lagged.accumulateAndGet(
              behind, Math::max); // the largest backlog of due-but-unsent events
          while (behind >= batch && inFlight.get() < maxInFlight) {
            send();
            behind -= batch;
          }
        });
  }

  private Future<Void> send() {
    long now = System.currentTimeMillis();
    long first = seq.get();
    Buffer body;
    String stamp = Instant.ofEpochMilli(now).toString();
    if (batch == 1) {
      body =
          Buffer.buffer(
              event(new StringBuilder(256), seq.getAndIncrement(), now, stamp).toString());
    } else {
      StringBuilder arr = new StringBuilder(batch * 256).append('[');
      for (int i = 0; i < batch; i++) {
        event(i == 0 ? arr : arr.append(','), seq.getAndIncrement(), now, stamp);
      }
      body = Buffer.buffer(arr.append(']').toString());
    }
    inFlight.incrementAndGet();
    return http.request(target)
        .compose(req -> req.send(body))
        .compose(resp -> resp.body().map(b -> resp.statusCode()))
        .andThen(
            ar -> {
              inFlight.decrementAndGet();
              ingestLatency.record(System.currentTimeMillis() - now);
              if (ar.failed()) {
                failed.addAndGet(batch);
              } else if (ar.result() == 200) {
                accepted.addAndGet(batch);
                if (acceptedAt != null) {
                  long at = System.currentTimeMillis();
                  for (long k = first; k < first + batch && k < acceptedAt.length(); k++) {
                    acceptedAt.set((int) k, at);
                  }
                }
              } else {
                refused.addAndGet(batch);
              }
            })
        .mapEmpty();
  }

  private static final String[] IFACES = {"Gi0/1", "Gi0/2", "Te1/0/1", "Po12", "Vlan20"};

  /**
   * Appends one event object; written directly (every value is plain ASCII without characters that
   * need escaping), so that the generator spends its CPU on sending, not on JSON encoding. {@link
   * #eventJson} is the same event as a JsonObject, for the test that keeps the two equal.
   */
  static StringBuilder event(StringBuilder b, long n, long now, String stamp) {
    return b.append("{\"hostname\":\"bench-host-")
        .append(n)
        .append("\",\"message\":\"%LINK-3-UPDOWN: ERROR interface ")
        .append(IFACES[(int) (n % IFACES.length)])
        .append(" changed state, seq ")
        .append(n)
        .append("\",\"timestamp\":\"")
        .append(stamp)
        .append(
            "\",\"syslog_severity\":3,\"source\":\"syslog\",\"program\":\"bench\",\"bench_sent_ms\":")
        .append(now)
        .append(",\"bench_seq\":")
        .append(n)
        .append('}');
  }

  static JsonObject eventJson(long n, long now) {
    return new JsonObject()
        .put("hostname", "bench-host-" + n)
        .put(
            "message",
            "%LINK-3-UPDOWN: ERROR interface "
                + IFACES[(int) (n % IFACES.length)]
                + " changed state, seq "
                + n)
        .put("timestamp", Instant.ofEpochMilli(now).toString())
        .put("syslog_severity", 3)
        .put("source", "syslog")
        .put("program", "bench")
        .put("bench_sent_ms", now)
        .put("bench_seq", n);
  }
}
