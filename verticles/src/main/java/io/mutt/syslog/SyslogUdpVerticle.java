package io.mutt.syslog;

import io.mutt.ingest.EventWriter;
import io.mutt.listener.ListenerMetrics;
import io.mutt.listener.ListenerQueue;
import io.mutt.listener.ListenerState;
import io.mutt.pipeline.syslog.ParseErrors;
import io.mutt.pipeline.syslog.SyslogParser;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Syslog over UDP on {@code SYSLOG_UDP_PORT}: one message per datagram. A reader thread of its own
 * receives from a plain datagram channel with {@code SO_RCVBUF} = {@code SYSLOG_UDP_RECEIVE_BUFFER}
 * (Vert.x's datagram socket would also size every read buffer by that value), parses, and hands the
 * payloads to this verticle's event loop, which writes them in transactions of up to {@value
 * #MAX_BATCH}. UDP cannot push back, so a datagram that cannot be queued — the ingest cap reached
 * ({@code queue_full}), Redis failing ({@code redis}), or more than {@code
 * SYSLOG_UDP_MAX_IN_FLIGHT} waiting ({@code overload}) — is counted in {@code
 * mutt_listener_dropped_total}. Datagrams the kernel drops because the receive buffer overflowed
 * are counted by the kernel ({@code Udp: RcvbufErrors} in {@code /proc/net/snmp}).
 */
final class SyslogUdpVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(SyslogUdpVerticle.class);

  /** Datagrams per transaction at most. */
  static final int MAX_BATCH = 1000;

  private static final int MAX_DATAGRAM = 65_535;

  private final SyslogSettings settings;
  private final ListenerQueue queue;
  private final SyslogParser parser;
  private final ListenerMetrics metrics;
  private final ListenerState state;
  private final ConcurrentLinkedQueue<byte[]> handoff = new ConcurrentLinkedQueue<>();
  private final AtomicInteger waiting = new AtomicInteger();
  private final AtomicBoolean drainScheduled = new AtomicBoolean();
  private EventWriter writer;
  private DatagramChannel channel;
  private Thread reader;
  private volatile boolean stopping;

  SyslogUdpVerticle(
      SyslogSettings settings,
      ListenerQueue queue,
      SyslogParser parser,
      ListenerMetrics metrics,
      ListenerState state) {
    this.settings = settings;
    this.state = state;
    this.queue = queue;
    this.parser = parser;
    this.metrics = metrics;
  }

  @Override
  public Future<?> start() {
    this.writer = queue.writer(context);
    try {
      channel = DatagramChannel.open();
      channel.setOption(StandardSocketOptions.SO_RCVBUF, settings.udpReceiveBuffer());
      String capped =
          UdpReceiveBuffer.shortfall(settings.udpReceiveBuffer(), UdpReceiveBuffer.RMEM_MAX);
      if (capped != null) {
        LOG.warn(capped);
      }
      channel.bind(new InetSocketAddress(settings.bindHost(), settings.udpPort()));
      state.listening(((InetSocketAddress) channel.getLocalAddress()).getPort());
    } catch (IOException e) {
      state.failed();
      return Future.failedFuture(
          "syslog UDP could not listen on "
              + settings.bindHost()
              + ":"
              + settings.udpPort()
              + ": "
              + e.getMessage());
    }
    reader = new Thread(this::readLoop, "mutt-syslog-udp-" + settings.udpPort());
    reader.setDaemon(true);
    reader.start();
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    stopping = true;
    state.stopped();
    try {
      channel.close();
    } catch (IOException e) {
      // closing anyway
    }
    return Future.succeededFuture();
  }

  /** The reader thread: receive, parse, hand over. */
  private void readLoop() {
    try {
      receive();
    } finally {
      if (!stopping) {
        LOG.error("syslog UDP stopped receiving on port {}", settings.udpPort());
        state.failed();
      }
    }
  }

  private void receive() {
    SyslogIntake intake = new SyslogIntake(parser, metrics);
    ByteBuffer buf = ByteBuffer.allocate(MAX_DATAGRAM);
    while (channel.isOpen()) {
      SocketAddress from;
      try {
        buf.clear();
        from = channel.receive(buf);
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException e) {
        LOG.warn("syslog UDP receive failed: {}", e.getMessage());
        continue;
      }
      int size = buf.position();
      metrics.bytes.increment(size);
      int len = Math.min(size, settings.maxMessageBytes());
      String error = size > settings.maxMessageBytes() ? ParseErrors.TOO_LONG : null;
      String peer =
          from instanceof InetSocketAddress a
              ? a.getAddress().getHostAddress()
              : String.valueOf(from);
      byte[] payload;
      try {
        intake.startRead();
        payload = intake.payload(buf.array(), 0, len, error, peer);
      } catch (RuntimeException e) {
        LOG.error("syslog UDP: unexpected failure reading a datagram", e);
        metrics.dropped("overload").increment();
        continue;
      } finally {
        intake.reportReceived();
      }
      if (payload == null) {
        continue;
      }
      if (waiting.get() >= settings.udpMaxInFlight()) {
        metrics.dropped("overload").increment();
        continue;
      }
      waiting.incrementAndGet();
      handoff.add(payload);
      if (drainScheduled.compareAndSet(false, true)) {
        context.runOnContext(v -> drain());
      }
    }
  }

  /** On the event loop: everything handed over so far, in transactions of up to MAX_BATCH. */
  private void drain() {
    drainScheduled.set(false);
    List<byte[]> batch = new ArrayList<>();
    byte[] p;
    while ((p = handoff.poll()) != null) {
      batch.add(p);
      if (batch.size() == MAX_BATCH) {
        write(batch);
        batch = new ArrayList<>();
      }
    }
    if (!batch.isEmpty()) {
      write(batch);
    }
  }

  private void write(List<byte[]> events) {
    int n = events.size();
    if (!queue.reserve(n)) {
      waiting.addAndGet(-n);
      metrics.dropped("queue_full").increment(n);
      return;
    }
    writer
        .append(events)
        .onComplete(
            ar -> {
              waiting.addAndGet(-n);
              if (ar.succeeded()) {
                queue.written(n);
                metrics.queued.increment(n);
              } else {
                queue.released(n);
                metrics.dropped("redis").increment(n);
              }
            });
  }
}
