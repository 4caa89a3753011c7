package io.mutt.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The storm of {@code scripts/bench/storm.sh}: H hosts × M matching events sent as fast as the
 * connections allow (interleaved, so every host starts at once), in JSON-array batches, honouring
 * {@code 503 + Retry-After} and riding out connection errors (a killed MUTT) by resending the same
 * batch. It also plays Moogsoft: a webhook receiver that can answer 503 for the first seconds of
 * the storm, and records per key (signature) when its first alert and its last call arrived, how
 * many calls it got, and how many events each call stands for (1, or the {@code
 * custom_info.mutt_coalesced.count} of an update). Calls are deduplicated by {@code external_id},
 * so an at-least-once resend shows as a duplicate, not as an extra event.
 *
 * <pre>
 * --ingest URL --key K --receiver-port P --hosts H --per-host M [--batch 100] [--connections 16]
 * [--moog-down S] [--settle S] [--timeout S] [--out FILE]
 * </pre>
 *
 * Prints progress on stderr and a JSON summary on stdout (and to --out).
 */
public final class StormBench {

  private final Map<String, String> args;
  private final Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private final AtomicLong connectionErrors = new AtomicLong();
  private final AtomicLong otherErrors = new AtomicLong();
  private final AtomicLong calls = new AtomicLong();
  private final AtomicLong refusedCalls = new AtomicLong();
  private final AtomicLong duplicates = new AtomicLong();
  private final AtomicLong represented = new AtomicLong();
  private final AtomicLong updates = new AtomicLong();
  private final Set<String> externalIds = ConcurrentHashMap.newKeySet();
  private final Map<String, Key> keys = new ConcurrentHashMap<>();
  private final Map<Integer, Long> firstSent = new ConcurrentHashMap<>();
  private volatile long stormStart;
  private volatile long lastCall;
  private long moogDownMs;
  private HttpClient http;
  private RequestOptions target;
  private String apiKey;
  private int hosts;
  private int perHost;
  private int batch;
  private final AtomicLong next = new AtomicLong();

  /** What one Moogsoft key received. */
  static final class Key {
    volatile long firstMs;
    volatile long lastMs;
    final AtomicLong calls = new AtomicLong();
  }

  private StormBench(Map<String, String> args) {
    this.args = args;
  }

  public static void main(String[] argv) throws Exception {
    Map<String, String> a = new HashMap<>();
    for (int i = 0; i + 1 < argv.length; i += 2) {
      a.put(argv[i].replaceFirst("^--", ""), argv[i + 1]);
    }
    new StormBench(a).run();
    System.exit(0);
  }

  private String arg(String name, String def) {
    return args.getOrDefault(name, def);
  }

  private void run() throws Exception {
    hosts = Integer.parseInt(arg("hosts", "500"));
    perHost = Integer.parseInt(arg("per-host", "200"));
    batch = Integer.parseInt(arg("batch", "100"));
    int connections = Integer.parseInt(arg("connections", "16"));
    moogDownMs = Long.parseLong(arg("moog-down", "0")) * 1000;
    long timeoutMs = Long.parseLong(arg("timeout", "600")) * 1000;
    long settleMs = Long.parseLong(arg("settle", "90")) * 1000;
    apiKey = arg("key", "bench-ingest-key");
    java.net.URI uri = java.net.URI.create(arg("ingest", "http://127.0.0.1:8080/api/v2/ingest"));
    target =
        new RequestOptions()
            .setMethod(HttpMethod.POST)
            .setHost(uri.getHost())
            .setPort(uri.getPort())
            .setURI(uri.getPath())
            .putHeader("Content-Type", "application/json")
            .putHeader("X-API-KEY", apiKey);
    http =
        vertx.createHttpClient(
            new HttpClientOptions().setKeepAlive(true),
            new PoolOptions().setHttp1MaxSize(connections));
    vertx
        .createHttpServer()
        .requestHandler(this::receive)
        .listen(Integer.parseInt(arg("receiver-port", "28099")))
        .await();

    long total = (long) hosts * perHost;
    stormStart = System.currentTimeMillis();
    System.err.printf(
        "[storm] %d hosts x %d events = %d, batches of %d over %d connections%n",
        hosts, perHost, total, batch, connections);
    Promise<Void> sent = Promise.promise();
    AtomicLong running = new AtomicLong(connections);
    for (int c = 0; c < connections; c++) {
      vertx.runOnContext(
          v ->
              sendLoop(
                  () -> {
                    if (running.decrementAndGet() == 0) {
                      sent.complete();
                    }
                  }));
    }
    sent.future().await();
    long sendMs = System.currentTimeMillis() - stormStart;
    System.err.printf(
        "[storm] sent in %.1f s: accepted %d, refused (503) %d, connection errors %d%n",
        sendMs / 1000.0, accepted.get(), refused.get(), connectionErrors.get());

    long deadline = stormStart + timeoutMs;
    long lastProgress = System.currentTimeMillis();
    long seen = -1;
    while (System.currentTimeMillis() < deadline) {
      Thread.sleep(1000);
      long r = represented.get();
      if (r != seen) {
        seen = r;
        lastProgress = System.currentTimeMillis();
      }
      System.err.printf(
          "[storm] t=%ds calls %d (updates %d), events represented %d/%d%n",
          (System.currentTimeMillis() - stormStart) / 1000,
          calls.get(),
          updates.get(),
          r,
          accepted.get());
      if (r >= accepted.get() && System.currentTimeMillis() - lastProgress > settleMs) {
        break;
      }
      if (r < accepted.get() && System.currentTimeMillis() - lastProgress > settleMs * 3) {
        break;
      }
    }
    JsonObject summary = summary(total, sendMs);
    System.out.println(summary.encodePrettily());
    if (args.containsKey("out")) {
      Files.writeString(Path.of(args.get("out")), summary.encodePrettily());
    }
  }

  private JsonObject summary(long total, long sendMs) {
    long firstAlertLast = 0;
    long worstFirstDelay = 0;
    long maxCalls = 0;
    JsonArray otherKeys = new JsonArray();
    for (Map.Entry<String, Key> e : keys.entrySet()) {
      Key k = e.getValue();
      maxCalls = Math.max(maxCalls, k.calls.get());
      int host = hostOf(e.getKey());
      if (host < 0) {
        // a call of MUTT's own (remediation's Moogsoft health probe), not a storm host's alert
        otherKeys.add(new JsonObject().put("signature", e.getKey()).put("calls", k.calls.get()));
        continue;
      }
      firstAlertLast = Math.max(firstAlertLast, k.firstMs - stormStart);
      Long sentAt = firstSent.get(host);
      if (sentAt != null) {
        worstFirstDelay =
            Math.max(worstFirstDelay, k.firstMs - Math.max(sentAt, stormStart + moogDownMs));
      }
    }
    long rep = represented.get();
    return new JsonObject()
        .put("hosts", hosts)
        .put("per_host", perHost)
        .put("events", total)
        .put("accepted", accepted.get())
        .put("refused_503", refused.get())
        .put("connection_errors", connectionErrors.get())
        .put("other_errors", otherErrors.get())
        .put("send_seconds", sendMs / 1000.0)
        .put("moog_down_seconds", moogDownMs / 1000)
        .put("webhook_calls", calls.get())
        .put("webhook_calls_refused_while_down", refusedCalls.get())
        .put("updates", updates.get())
        .put("duplicate_calls", duplicates.get())
        .put("distinct_keys", keys.size())
        .put("other_keys", otherKeys)
        .put("events_represented", rep)
        .put("lost", Math.max(0, accepted.get() - rep))
        .put("over_counted", Math.max(0, rep - accepted.get()))
        .put("max_calls_per_key", maxCalls)
        .put("every_first_alert_s", firstAlertLast / 1000.0)
        .put("worst_first_alert_delay_s", worstFirstDelay / 1000.0)
        .put("last_call_s", (lastCall - stormStart) / 1000.0);
  }

  private static int hostOf(String signature) {
    try {
      return Integer.parseInt(signature.substring("storm-sw-".length(), signature.indexOf('.')));
    } catch (RuntimeException e) {
      return -1;
    }
  }

  /** Sends batches until none is left, each until it is accepted. */
  private void sendLoop(Runnable done) {
    long total = (long) hosts * perHost;
    long from = next.getAndAdd(batch);
    if (from >= total) {
      done.run();
      return;
    }
    long to = Math.min(total, from + batch);
    StringBuilder b = new StringBuilder((int) (to - from) * 200).append('[');
    String stamp = Instant.now().toString();
    long now = System.currentTimeMillis();
    for (long n = from; n < to; n++) {
      int host = (int) (n % hosts);
      firstSent.putIfAbsent(host, now);
      if (n > from) {
        b.append(',');
      }
      b.append("{\"hostname\":\"storm-sw-")
          .append(host)
          .append(".dc1\",\"message\":\"%LINK-3-UPDOWN: ERROR Interface GigabitEthernet0/")
          .append(n / hosts % 48)
          .append(", changed state to down (")
          .append(n)
          .append(")\",\"timestamp\":\"")
          .append(stamp)
          .append("\",\"syslog_severity\":3,\"program\":\"ifmgr\"}");
    }
    Buffer body = Buffer.buffer(b.append(']').toString());
    send(body, (int) (to - from)).onComplete(ar -> sendLoop(done));
  }

  private Future<Void> send(Buffer body, int events) {
    Promise<Void> done = Promise.promise();
    attempt(body, events, done);
    return done.future();
  }

  private void attempt(Buffer body, int events, Promise<Void> done) {
    http.request(target)
        .compose(req -> req.send(body))
        .onComplete(
            ar -> {
              if (ar.failed()) {
                connectionErrors.incrementAndGet();
                vertx.setTimer(500, t -> attempt(body, events, done));
                return;
              }
              int status = ar.result().statusCode();
              String retryAfter = ar.result().getHeader("Retry-After");
              ar.result()
                  .body()
                  .onComplete(
                      ignored -> {
                        if (status == 200) {
                          accepted.addAndGet(events);
                          done.complete();
                        } else if (status == 503 || status == 429) {
                          refused.incrementAndGet();
                          long wait = 1000;
                          try {
                            wait = Math.max(100, Long.parseLong(retryAfter.trim()) * 1000);
                          } catch (RuntimeException e) {
                            // no or odd Retry-After: one second
                          }
                          vertx.setTimer(wait, t -> attempt(body, events, done));
                        } else {
                          otherErrors.incrementAndGet();
                          System.err.println("[storm] ingest answered " + status);
                          vertx.setTimer(1000, t -> attempt(body, events, done));
                        }
                      });
            });
  }

  private void receive(HttpServerRequest req) {
    if (req.method() != HttpMethod.POST) {
      req.response().end();
      return;
    }
    req.body()
        .onSuccess(
            body -> {
              long now = System.currentTimeMillis();
              if (now < stormStart + moogDownMs) {
                refusedCalls.incrementAndGet();
                req.response().setStatusCode(503).end("{\"error\":\"down for the benchmark\"}");
                return;
              }
              JsonObject call = body.toJsonObject();
              calls.incrementAndGet();
              lastCall = now;
              String signature = call.getString("signature", "unknown");
              Key k = keys.computeIfAbsent(signature, s -> new Key());
              synchronized (k) {
                if (k.firstMs == 0) {
                  k.firstMs = now;
                }
                k.lastMs = now;
              }
              k.calls.incrementAndGet();
              JsonObject custom = call.getJsonObject("custom_info", new JsonObject());
              JsonObject coalesced = custom.getJsonObject("mutt_coalesced");
              String id = call.getString("external_id") + (coalesced == null ? "" : "+update");
              if (hostOf(signature) < 0) {
                // MUTT's own call: listed in other_keys, stands for no storm event
              } else if (!externalIds.add(id)) {
                duplicates.incrementAndGet();
              } else if (coalesced == null) {
                represented.incrementAndGet();
              } else {
                updates.incrementAndGet();
                represented.addAndGet(coalesced.getLong("count", 0L));
              }
              req.response()
                  .putHeader("Content-Type", "application/json")
                  .end("{\"status\":\"ok\"}");
            });
  }
}
