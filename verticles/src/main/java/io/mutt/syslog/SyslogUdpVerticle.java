package io.mutt.syslog;

import io.mutt.ingest.EventWriter;
import io.mutt.listener.ListenerMetrics;
import io.mutt.listener.ListenerQueue;
import io.mutt.pipeline.syslog.SyslogParser;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramPacket;
import io.vertx.core.datagram.DatagramSocketOptions;
import java.util.List;

/**
 * Syslog over UDP on {@code SYSLOG_UDP_PORT}: one message per datagram. UDP cannot push back, so a
 * datagram that cannot be queued — the ingest cap reached ({@code queue_full}), Redis failing
 * ({@code redis}), or more than {@code SYSLOG_UDP_MAX_IN_FLIGHT} waiting for their write ({@code
 * overload}) — is counted in {@code mutt_listener_dropped_total}. Datagrams the kernel drops
 * because the receive buffer ({@code SYSLOG_UDP_RECEIVE_BUFFER}) overflowed are counted by the
 * kernel ({@code Udp: RcvbufErrors} in {@code /proc/net/snmp}).
 */
final class SyslogUdpVerticle extends VerticleBase {

  private final SyslogSettings settings;
  private final ListenerQueue queue;
  private final SyslogParser parser;
  private final ListenerMetrics metrics;
  private EventWriter writer;
  private SyslogIntake intake;
  private int inFlight;

  SyslogUdpVerticle(
      SyslogSettings settings, ListenerQueue queue, SyslogParser parser, ListenerMetrics metrics) {
    this.settings = settings;
    this.queue = queue;
    this.parser = parser;
    this.metrics = metrics;
  }

  @Override
  public Future<?> start() {
    this.writer = queue.writer(context);
    this.intake = new SyslogIntake(parser, metrics);
    return vertx
        .createDatagramSocket(
            new DatagramSocketOptions().setReceiveBufferSize(settings.udpReceiveBuffer()))
        .handler(this::onDatagram)
        .listen(settings.udpPort(), settings.bindHost())
        .recover(
            err ->
                Future.failedFuture(
                    "syslog UDP could not listen on "
                        + settings.bindHost()
                        + ":"
                        + settings.udpPort()
                        + ": "
                        + err.getMessage()));
  }

  private void onDatagram(DatagramPacket packet) {
    Buffer data = packet.data();
    metrics.bytes.increment(data.length());
    int len = Math.min(data.length(), settings.maxMessageBytes());
    byte[] bytes = data.getBytes(0, len);
    String error =
        data.length() > settings.maxMessageBytes()
            ? io.mutt.pipeline.syslog.ParseErrors.TOO_LONG
            : null;
    byte[] payload = intake.payload(bytes, 0, len, error, packet.sender().hostAddress());
    if (payload == null) {
      return;
    }
    if (inFlight >= settings.udpMaxInFlight()) {
      metrics.dropped("overload").increment();
      return;
    }
    if (!queue.reserve(1)) {
      metrics.dropped("queue_full").increment();
      return;
    }
    inFlight++;
    writer
        .append(List.of(payload))
        .onComplete(
            ar -> {
              inFlight--;
              if (ar.succeeded()) {
                queue.written(1);
                metrics.queued.increment();
              } else {
                queue.released(1);
                metrics.dropped("redis").increment();
              }
            });
  }
}
