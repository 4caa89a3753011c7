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
 * the write is retried; once the backlog is written the socket resumes. When the peer closes, the
 * connection is resumed so that what Vert.x still buffered for it is read, and every line read is
 * still written. Runs on its verticle's event loop.
 */
final class SyslogConnection {

  /** Events per append (the writer's transaction size). */
  static final int MAX_BATCH = 1000;

  private static final long RETRY_MIN_MS = 20;

  /** How long after the end the last incomplete frame is flushed (see {@link #start()}). */
  private static final long END_GRACE_MS = 250;

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
  private boolean closed;
  private boolean finished;
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
    // Vert.x 5.0.7 may signal the end (and the close) of a connection before all the data it holds
    // for it is handed over (eclipse-vertx/vert.x#5748): the last, incomplete frame is therefore
    // flushed a little after the end, once that data has arrived.
    socket.endHandler(v -> finishSoon());
    socket.closeHandler(
        v -> {
          closed = true;
          metrics.connectionClosed();
          // What Vert.x still holds for a paused connection is handed over only once it is resumed:
          // take it now (it is already in memory) and write it as the cap allows.
          resume();
          finishSoon();
          drain();
        });
    socket.exceptionHandler(err -> {}); // a reset peer: what was read is still written
  }

  /** The stream ended: a frame left incomplete is handed over with its reason, once. */
  private void finishSoon() {
    if (!finished) {
      finished = true;
      vertx.setTimer(
          END_GRACE_MS,
          id -> {
            intake.startRead();
            framer.end(sink);
            intake.reportReceived();
            drain();
          });
    }
  }

  private void onData(Buffer chunk) {
    metrics.bytes.increment(chunk.length());
    byte[] bytes = chunk.getBytes();
    intake.startRead();
    framer.feed(bytes, 0, bytes.length, sink);
    intake.reportReceived();
    if (pending.size() >= maxPending) {
      pause();
    }
    drain();
  }

  private void drain() {
    if (writing || blocked || pending.isEmpty()) {
      return;
    }
    // At most maxPending at a time: a connection closed while paused hands over all it still had,
    // and a batch larger than the room under the cap would never be admitted.
    int n = Math.min(Math.min(MAX_BATCH, maxPending), pending.size());
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
    if (!paused && !closed) {
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
