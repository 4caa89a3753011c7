package io.mutt.alerter;

import io.mutt.contract.BusAddresses;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The alerter's part of the sampled live feed on the event-bus address {@value BusAddresses#LIVE}:
 * alerts appended by every instance of this JVM are summed and published as {@code
 * {"type":"alert","count":n}} at most once per period while deployed.
 */
final class LiveFeed extends VerticleBase {

  private final AtomicLong pending = new AtomicLong();
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

  private void flush() {
    long n = pending.getAndSet(0);
    if (n > 0) {
      vertx
          .eventBus()
          .publish(BusAddresses.LIVE, new JsonObject().put("type", "alert").put("count", n));
    }
  }
}
