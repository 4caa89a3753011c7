package io.mutt.forwarder;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.util.concurrent.atomic.AtomicLong;

/** Samples forwarder events onto the {@code mutt.live} feed: at most one message per 100 ms per JVM. */
final class ForwarderLive {

  static final String ADDRESS = "mutt.live";
  private static final AtomicLong LAST = new AtomicLong();

  private ForwarderLive() {
  }

  static void forwarded(Vertx vertx, Alert a) {
    publish(vertx, new JsonObject().put("type", "forwarded").put("hostname", a.json().getValue("hostname"))
        .put("correlation_id", a.correlationId()));
  }

  static void deadLettered(Vertx vertx, Alert a, String reason) {
    publish(vertx, new JsonObject().put("type", "dlq").put("dlq", "moog").put("reason", reason)
        .put("correlation_id", a.correlationId()));
  }

  private static void publish(Vertx vertx, JsonObject msg) {
    long now = System.currentTimeMillis();
    long last = LAST.get();
    if (now - last >= 100 && LAST.compareAndSet(last, now)) {
      vertx.eventBus().publish(ADDRESS, msg.put("ts", now));
    }
  }
}
