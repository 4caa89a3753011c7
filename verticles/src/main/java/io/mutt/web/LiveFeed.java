package io.mutt.web;

import io.mutt.contract.BusAddresses;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The dashboard's live stream ({@code GET /api/v2/live}, server-sent events, one JSON object per
 * {@code data:} line): a {@code snapshot} event every second while someone listens, and {@code
 * live} events bridged from the event-bus address {@link BusAddresses#LIVE} (sampled by the
 * producing roles; at most {@link #MAX_LIVE_PER_SECOND} per second go out).
 */
public final class LiveFeed {

  static final int MAX_LIVE_PER_SECOND = 20;

  private final Vertx vertx;
  private final LiveSnapshot snapshot;
  private final Set<HttpServerResponse> clients = new LinkedHashSet<>();
  private int liveThisSecond;
  private long timer = -1;

  public LiveFeed(Vertx vertx, LiveSnapshot snapshot) {
    this.vertx = vertx;
    this.snapshot = snapshot;
  }

  /** Starts the bridge and the per-second snapshot; call from the owning verticle's start. */
  public void start() {
    vertx
        .eventBus()
        .<Object>consumer(
            BusAddresses.LIVE,
            msg -> {
              if (!clients.isEmpty() && liveThisSecond++ < MAX_LIVE_PER_SECOND) {
                Object body = msg.body();
                broadcast(
                    "live",
                    body instanceof JsonObject o
                        ? o.encode()
                        : new JsonObject().put("text", String.valueOf(body)).encode());
              }
            });
    timer = vertx.setPeriodic(1000, id -> tick());
  }

  public void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  public void handle(RoutingContext ctx) {
    HttpServerResponse res = ctx.response();
    res.setChunked(true)
        .putHeader("Content-Type", "text/event-stream; charset=utf-8")
        .putHeader("Cache-Control", "no-cache")
        .putHeader("X-Accel-Buffering", "no");
    res.write(": connected\nretry: 2000\n\n");
    clients.add(res);
    res.closeHandler(v -> clients.remove(res));
    res.exceptionHandler(err -> clients.remove(res));
    snapshot.compute().onSuccess(s -> send(res, "snapshot", s.encode()));
  }

  private void tick() {
    liveThisSecond = 0;
    if (clients.isEmpty()) {
      return;
    }
    snapshot
        .compute()
        .onSuccess(s -> broadcast("snapshot", s.encode()))
        .onFailure(
            err ->
                broadcast("error", new JsonObject().put("error", "snapshot unavailable").encode()));
  }

  private void broadcast(String event, String json) {
    for (HttpServerResponse res : Set.copyOf(clients)) {
      send(res, event, json);
    }
  }

  private void send(HttpServerResponse res, String event, String json) {
    if (res.closed() || res.ended()) {
      clients.remove(res);
      return;
    }
    if (res.writeQueueFull()) {
      return;
    }
    res.write("event: " + event + "\ndata: " + json + "\n\n");
  }
}
