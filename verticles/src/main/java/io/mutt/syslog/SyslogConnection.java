package io.mutt.syslog;

import io.mutt.ingest.EventWriter;
import io.mutt.listener.ListenerMetrics;
import io.mutt.listener.ListenerQueue;
import io.mutt.listener.ListenerState;
import io.mutt.pipeline.syslog.SyslogFramer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * One syslog TCP or TLS connection: frames (RFC 6587, detected per connection), events, and their
 * durable append, in order, one append in flight. Nothing read is ever dropped: while the ingest
 * cap is reached or Redis fails, the socket is paused (the sender's own queue holds the data) and
 * the write is retried; once the backlog is written the socket resumes. Lines already read when the
 * peer closes are still written. Runs on its verticle's event loop.
 */
final class SyslogConnection {

  /** Events per append (the writer's transaction size). */
  static final int MAX_BATCH = 1000;

  private static final long RETRY_MIN_MS = 20;
  private static final long RETRY_MAX_MS = 2000;

  private final Vertx vertx;
  private final NetSocket socket;
  private final SyslogIntake intake;
  private final ListenerQueue queue;
  private final EventWriter writer;
  private final ListenerMetrics metrics;
  private final ListenerState state;
  private final int maxPending;
  private final String peer;
  private final SyslogFramer framer;
  private final SyslogFramer.Sink sink;
  private final ArrayDeque<byte[]> pending = new ArrayDeque<>();
  private boolean writing;
  private boolean paused;
  private boolean blocked;
  private int failures;

  SyslogConnection(
      Vertx vertx,
      NetSocket socket,
      SyslogIntake intake,
      ListenerQueue queue,
      EventWriter writer,
      ListenerMetrics metrics,
      ListenerState state,
      int maxFrame,
      int maxPending) {
    this.state = state;
    this.vertx = vertx;
    this.socket = socket;
    this.intake = intake;
    this.queue = queue;
    this.writer = writer;
    this.metrics = metrics;
    this.maxPending = maxPending;
    this.peer = socket.remoteAddress() == null ? "" : socket.remoteAddress().hostAddress();
    this.framer = new SyslogFramer(maxFrame);
    this.sink =
        (buf, off, len, error) -> {
          byte[] p = intake.payload(buf, off, len, error, peer);
          if (p != null) {
            pending.add(p);
          }
        };
  }

  void start() {
    metrics.connectionOpened();
    socket.handler(this::onData);
    socket.endHandler(v -> framer.end(sink));
    socket.closeHandler(
        v -> {
          metrics.connectionClosed();
          if (paused) {
            paused = false;
            state.connectionResumed();
          }
          drain();
        });
    socket.exceptionHandler(err -> {}); // a reset peer: what was read is still written
  }

  private void onData(Buffer chunk) {
    metrics.bytes.increment(chunk.length());
    byte[] bytes = chunk.getBytes();
    framer.feed(bytes, 0, bytes.length, sink);
    if (pending.size() >= maxPending) {
      pause();
    }
    drain();
  }

  private void drain() {
    if (writing || blocked || pending.isEmpty()) {
      return;
    }
    int n = Math.min(MAX_BATCH, pending.size());
    if (!queue.reserve(n)) {
      block();
      return;
    }
    List<byte[]> batch = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      batch.add(pending.poll());
    }
    writing = true;
    writer
        .append(batch)
        .onComplete(
            ar -> {
              writing = false;
              if (ar.succeeded()) {
                failures = 0;
                queue.written(n);
                metrics.queued.increment(n);
                if (pending.size() < maxPending / 2 + 1) {
                  resume();
                }
                drain();
              } else {
                queue.released(n);
                for (int i = batch.size() - 1; i >= 0; i--) {
                  pending.addFirst(batch.get(i));
                }
                block();
              }
            });
  }

  /** The cap is reached or Redis failed: pause the sender and try again later. */
  private void block() {
    blocked = true;
    pause();
    long delay = Math.min(RETRY_MAX_MS, RETRY_MIN_MS << Math.min(failures++, 10));
    vertx.setTimer(
        delay,
        id -> {
          blocked = false;
          drain();
        });
  }

  private void pause() {
    if (!paused) {
      paused = true;
      metrics.paused.increment();
      state.connectionPaused();
      socket.pause();
    }
  }

  private void resume() {
    if (paused) {
      paused = false;
      state.connectionResumed();
      socket.resume();
    }
  }
}
