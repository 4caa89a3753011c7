package io.mutt.testsupport;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A flood of distinct events into {@code /api/v2/ingest}, in batches, {@code concurrency} requests
 * in flight, each refused batch sent again (as a syslog relay would) until accepted. Every event
 * matches a forwarding demo rule and has its own message, so each accepted event must reach the
 * stand-in as one alert. Remembers which correlation ids were acknowledged (200), when each answer
 * came, and runs {@code atHalf} once half the events are acknowledged (the fault).
 */
public final class Flood {

  private final Vertx vertx = Vertx.vertx();
  private final WebClient http;
  private final String url;
  private final String apiKey;
  private final int events;
  private final int batch;
  private final int concurrency;
  private final String runId;

  /** Correlation ids of acknowledged events. */
  public final Set<String> accepted = ConcurrentHashMap.newKeySet();

  /** Requests answered with something else than 200 (each was sent again). */
  public final AtomicInteger refusedRequests = new AtomicInteger();

  /** When the fault had happened (nanoTime; the fault returned), 0 until then. */
  public final AtomicLong faultAtNanos = new AtomicLong();

  /** The first 200 of a request sent after the fault (nanoTime), 0 until then. */
  public final AtomicLong firstAckAfterFaultNanos = new AtomicLong();

  private final AtomicInteger nextBatch = new AtomicInteger();
  private final AtomicInteger acceptedEvents = new AtomicInteger();
  private volatile Runnable atHalf;

  public Flood(String ingestUrl, String apiKey, int events, int batch, int concurrency) {
    this.http =
        WebClient.create(
            vertx,
            new WebClientOptions().setKeepAlive(true).setIdleTimeout(30),
            new io.vertx.core.http.PoolOptions().setHttp1MaxSize(concurrency));
    this.url = ingestUrl + "/api/v2/ingest";
    this.apiKey = apiKey;
    this.events = events;
    this.batch = batch;
    this.concurrency = concurrency;
    this.runId = Long.toString(System.nanoTime(), 36);
  }

  /** Runs {@code fault} (on a thread of its own) when half of the events are acknowledged. */
  public Flood atHalf(Runnable fault) {
    this.atHalf = fault;
    return this;
  }

  /** Sends everything; completes when every batch was acknowledged. */
  public Future<Void> run() {
    int batches = (events + batch - 1) / batch;
    List<Future<Void>> lanes = new ArrayList<>();
    for (int i = 0; i < concurrency; i++) {
      Promise<Void> lane = Promise.promise();
      vertx.runOnContext(v -> nextFor(lane, batches));
      lanes.add(lane.future());
    }
    return Future.all(lanes).mapEmpty();
  }

  private void nextFor(Promise<Void> lane, int batches) {
    int b = nextBatch.getAndIncrement();
    if (b >= batches) {
      lane.complete();
      return;
    }
    int from = b * batch;
    int to = Math.min(events, from + batch);
    JsonArray body = new JsonArray();
    String ts = Instant.now().toString();
    for (int i = from; i < to; i++) {
      body.add(
          new JsonObject()
              .put("hostname", "router" + (i % 50) + ".prod.example.com")
              .put("timestamp", ts)
              .put("message", "%LINK-3-UPDOWN: ERROR flood " + runId + " event " + i));
    }
    send(body.toBuffer(), to - from, lane, batches);
  }

  private void send(Buffer body, int n, Promise<Void> lane, int batches) {
    long sentAt = System.nanoTime();
    http.postAbs(url)
        .putHeader("X-API-KEY", apiKey)
        .putHeader("Content-Type", "application/json")
        .timeout(15_000)
        .sendBuffer(body)
        .onComplete(
            ar -> {
              if (ar.succeeded() && ar.result().statusCode() == 200) {
                JsonArray ids = ar.result().bodyAsJsonObject().getJsonArray("correlation_ids");
                ids.forEach(id -> accepted.add(String.valueOf(id)));
                long fault = faultAtNanos.get();
                if (fault != 0 && sentAt > fault) {
                  firstAckAfterFaultNanos.compareAndSet(0, System.nanoTime());
                }
                if (acceptedEvents.addAndGet(n) >= events / 2 && atHalf != null) {
                  Runnable f = atHalf;
                  atHalf = null;
                  new Thread(
                          () -> {
                            f.run();
                            faultAtNanos.set(System.nanoTime());
                          },
                          "flood-fault")
                      .start();
                }
                nextFor(lane, batches);
              } else {
                refusedRequests.incrementAndGet();
                vertx.setTimer(100, t -> send(body, n, lane, batches));
              }
            });
  }

  /** Seconds from the fault to the first acknowledgement of a request sent after it. */
  public double secondsToRecover() {
    long f = faultAtNanos.get();
    long a = firstAckAfterFaultNanos.get();
    return f == 0 || a == 0 ? -1 : (a - f) / 1e9;
  }

  /**
   * What became of the acknowledged events, given every distinct {@code external_id} the stand-in
   * received and how many alerts it received in all.
   */
  public Outcome outcome(JsonObject standInIds) {
    Set<String> delivered = new HashSet<>();
    standInIds.getJsonArray("external_ids").forEach(id -> delivered.add(String.valueOf(id)));
    long received = standInIds.getLong("count");
    Set<String> lost = new HashSet<>(accepted);
    lost.removeAll(delivered);
    Set<String> unacknowledgedDelivered = new HashSet<>(delivered);
    unacknowledgedDelivered.removeAll(accepted);
    return new Outcome(
        events,
        accepted.size(),
        received,
        delivered.size() - unacknowledgedDelivered.size(),
        received - delivered.size(),
        unacknowledgedDelivered.size(),
        lost.size(),
        refusedRequests.get(),
        secondsToRecover(),
        List.copyOf(lost));
  }

  /**
   * @param redelivered alerts the stand-in received more than once (same external id)
   * @param resentDelivered events refused (so sent again by the client) that were delivered anyway:
   *     duplicates from the client's point of view
   */
  public record Outcome(
      int sent,
      int accepted,
      long alertsReceived,
      int acceptedDelivered,
      long redelivered,
      int resentDelivered,
      int lost,
      int refusedRequests,
      double secondsToRecover,
      List<String> lostIds) {

    public String figures() {
      return String.format(
          "events=%d accepted=%d delivered=%d duplicated=%d (redelivered %d, refused-then-delivered %d)"
              + " lost=%d refused_requests=%d writing_again_after_s=%.2f",
          sent,
          accepted,
          acceptedDelivered,
          redelivered + resentDelivered,
          redelivered,
          resentDelivered,
          lost,
          refusedRequests,
          secondsToRecover);
    }
  }

  public void close() {
    http.close();
    vertx.close();
  }
}
