package io.mutt.listener;

import io.micrometer.core.instrument.Counter;
import io.mutt.runtime.Listeners;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What {@code /health} says of one native listener: whether it is enabled, the port it is bound to,
 * its state, its open and paused connections (stream listeners) and its counts so far. States:
 * {@code disabled} (port 0, or TLS without a certificate), {@code starting}, {@code listening},
 * {@code paused} (listening, and at least one connection paused because the ingest cap is reached
 * or Redis fails — its sender holds the data), {@code stopped} (undeployed) and {@code failed} (it
 * no longer receives although it was not stopped; the ingest /health then answers 503). Updated
 * from the listener's threads; thread-safe.
 */
public final class ListenerState implements Listeners.Status {

  private final String transport;
  private final boolean enabled;
  private final boolean stream;
  private final ListenerMetrics metrics;
  private final AtomicInteger instances = new AtomicInteger();
  private final AtomicInteger pausedConnections = new AtomicInteger();
  private volatile int port;
  private volatile String state;

  /**
   * @param transport {@code udp}, {@code tcp} or {@code tls}
   * @param enabled false when configured off
   * @param metrics the listener's metrics (connections and counts)
   */
  public ListenerState(String transport, boolean enabled, ListenerMetrics metrics) {
    this.transport = transport;
    this.enabled = enabled;
    this.stream = !"udp".equals(transport);
    this.metrics = metrics;
    this.state = enabled ? "starting" : "disabled";
  }

  /** One instance is bound to {@code boundPort}. */
  public void listening(int boundPort) {
    port = boundPort;
    instances.incrementAndGet();
    state = "listening";
  }

  /** One instance was undeployed; the listener is stopped once every instance is. */
  public void stopped() {
    if (instances.decrementAndGet() <= 0 && !"failed".equals(state)) {
      state = "stopped";
    }
  }

  /** The listener no longer receives although nothing stopped it. */
  public void failed() {
    state = "failed";
  }

  /** A connection was paused by backpressure. */
  public void connectionPaused() {
    pausedConnections.incrementAndGet();
  }

  /** A paused connection resumed or closed. */
  public void connectionResumed() {
    pausedConnections.decrementAndGet();
  }

  /** The reported state, {@code paused} included. */
  public String state() {
    String s = state;
    return "listening".equals(s) && pausedConnections.get() > 0 ? "paused" : s;
  }

  @Override
  public boolean isFailed() {
    return enabled && "failed".equals(state);
  }

  @Override
  public JsonObject json() {
    JsonObject j =
        new JsonObject()
            .put("enabled", enabled)
            .put("transport", transport)
            .put("port", enabled && port > 0 ? port : null)
            .put("state", state());
    if (stream) {
      j.put("connections", metrics.connections())
          .put("paused_connections", pausedConnections.get());
    } else {
      j.put("connections", null);
    }
    return j.put("received", count(metrics.received))
        .put("queued", count(metrics.queued))
        .put("parse_errors", metrics.parseErrorsTotal())
        .put("dropped", metrics.droppedTotal());
  }

  private static long count(Counter c) {
    return (long) c.count();
  }
}
