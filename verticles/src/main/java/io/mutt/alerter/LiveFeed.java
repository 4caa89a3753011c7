package io.mutt.alerter;

import io.mutt.contract.BusAddresses;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The alerter's part of the sampled live feed on the event-bus address {@value BusAddresses#LIVE}:
 * alerts appended by every instance of this JVM are summed and published as {@code
 * {"type":"alert","count":n}} at most once per period while deployed, with the latest alert as a
 * sample ({@code hostname}, {@code message}, {@code correlation_id}) so that the dashboard can
 * silence its host or signature.
 */
final class LiveFeed extends VerticleBase {

  private final AtomicLong pending = new AtomicLong();
  private final java.util.concurrent.atomic.AtomicReference<JsonObject> sample =
      new java.util.concurrent.atomic.AtomicReference<>();
  private final long periodMs;
  private long timer = -1;

  LiveFeed(long periodMs) {
    this.periodMs = periodMs;
  }

  @Override
  public Future<?> start() {
    timer = vertx.setPeriodic(periodMs, id -> flush());
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    return Future.succeededFuture();
  }

  void alerts(long n) {
    if (n > 0) {
      pending.addAndGet(n);
    }
  }

  /** Counts {@code n} alerts, the latest of them described by {@code latest} (may be null). */
  void alerts(long n, JsonObject latest) {
    if (n > 0 && latest != null) {
      sample.set(latest);
    }
    alerts(n);
  }

  private void flush() {
    long n = pending.getAndSet(0);
    if (n > 0) {
      JsonObject msg = new JsonObject().put("type", "alert").put("count", n);
      JsonObject latest = sample.getAndSet(null);
      if (latest != null) {
        msg.mergeIn(latest);
      }
      vertx.eventBus().publish(BusAddresses.LIVE, msg);
    }
  }
}
