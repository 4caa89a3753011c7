package io.mutt.forwarder;

import io.mutt.contract.BusAddresses;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples forwarder events onto the {@code mutt.live} feed: at most one message per 100 ms per JVM.
 */
final class ForwarderLive {

  private static final AtomicLong LAST = new AtomicLong();

  private ForwarderLive() {}

  static void forwarded(Vertx vertx, Alert a) {
    long now = System.currentTimeMillis();
    if (due(now)) {
      vertx
          .eventBus()
          .publish(
              BusAddresses.LIVE,
              new JsonObject()
                  .put("type", "forwarded")
                  .put("hostname", a.hostname())
                  .put("correlation_id", a.correlationId())
                  .put("ts", now));
    }
  }

  static void deadLettered(Vertx vertx, Alert a, String reason) {
    long now = System.currentTimeMillis();
    if (due(now)) {
      vertx
          .eventBus()
          .publish(
              BusAddresses.LIVE,
              new JsonObject()
                  .put("type", "dlq")
                  .put("dlq", "moog")
                  .put("reason", reason)
                  .put("correlation_id", a.correlationId())
                  .put("ts", now));
    }
  }

  /** True for at most one caller per 100 ms: the message is only built when it will be sent. */
  private static boolean due(long now) {
    long last = LAST.get();
    return now - last >= 100 && LAST.compareAndSet(last, now);
  }
}
