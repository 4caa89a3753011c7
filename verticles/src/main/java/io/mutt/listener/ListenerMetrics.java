package io.mutt.listener;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.mutt.metrics.CounterFamily;
import io.mutt.metrics.Meters;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The metrics of one native listener ({@code listener} = {@code syslog_udp}, {@code syslog_tcp},
 * {@code syslog_tls}, {@code snmp_trap}): {@code mutt_listener_received_total} (messages, frames or
 * PDUs read), {@code mutt_listener_bytes_total}, {@code mutt_listener_queued_total} (durably in the
 * ingest queue), {@code mutt_listener_parse_errors_total{reason}} (queued with a {@code
 * parse_error} marker, or counted only for empty frames), {@code
 * mutt_listener_dropped_total{reason}} (not queued: a datagram refused while the ingest cap is
 * reached or Redis failed, a wrong community...), {@code mutt_listener_paused_total} (times a
 * connection was paused by backpressure) and the gauge {@code mutt_listener_connections}.
 */
public final class ListenerMetrics {

  private final MeterRegistry registry;
  private final String listener;
  public final Counter received;
  public final Counter bytes;
  public final Counter queued;
  public final Counter paused;
  private final AtomicLong connections = new AtomicLong();
  private final CounterFamily parseErrors;
  private final CounterFamily dropped;

  public ListenerMetrics(
      MeterRegistry registry, String listener, List<String> parseReasons, List<String> drops) {
    this.registry = registry;
    this.listener = listener;
    this.received = counter("mutt.listener.received", "messages read");
    this.bytes = counter("mutt.listener.bytes", "bytes read");
    this.queued = counter("mutt.listener.queued", "events durably queued");
    this.paused = counter("mutt.listener.paused", "connections paused by backpressure");
    Tags tags = Tags.of("listener", listener);
    Meters.gauge(registry, "mutt.listener.connections", connections, "open connections", tags);
    this.parseErrors =
        new CounterFamily(
            registry,
            "mutt.listener.parse.errors",
            "messages not read fully, by reason",
            tags,
            "reason");
    this.dropped =
        new CounterFamily(
            registry, "mutt.listener.dropped", "messages not queued, by reason", tags, "reason");
    parseReasons.forEach(this::parseError);
    drops.forEach(this::dropped);
  }

  public Counter parseError(String reason) {
    return parseErrors.get(reason);
  }

  public Counter dropped(String reason) {
    return dropped.get(reason);
  }

  public void connectionOpened() {
    connections.incrementAndGet();
  }

  public void connectionClosed() {
    connections.decrementAndGet();
  }

  public long connections() {
    return connections.get();
  }

  /** Messages counted as parse errors so far, every reason. */
  public long parseErrorsTotal() {
    return (long) parseErrors.total();
  }

  /** Messages dropped so far, every reason. */
  public long droppedTotal() {
    return (long) dropped.total();
  }

  private Counter counter(String name, String description) {
    return Counter.builder(name)
        .description(description)
        .tag("listener", listener)
        .register(registry);
  }
}
