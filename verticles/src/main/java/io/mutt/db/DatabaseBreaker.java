package io.mutt.db;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.time.Instant;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A circuit breaker on the PostgreSQL path of one role in one JVM (ADR 0025). A failure that means
 * the database cannot be reached ({@link #unreachable}) opens it; while open, callers do not touch
 * the database (the alerter stops reading its queue, the web role answers 503 at once) and one
 * probe ({@code SELECT 1}) runs every {@code probeMs}; the first probe that succeeds closes it.
 * Each change of state is logged once, never each refused call. Safe to use from any event loop.
 * Gauge: {@code mutt_db_breaker_open{role}} (1 while open).
 */
public final class DatabaseBreaker {

  private static final Logger LOG = LoggerFactory.getLogger(DatabaseBreaker.class);

  private final Vertx vertx;
  private final Pool pg;
  private final String role;
  private final long probeMs;
  private final AtomicLong openSinceMs = new AtomicLong();
  private final java.util.concurrent.atomic.AtomicBoolean confirming =
      new java.util.concurrent.atomic.AtomicBoolean();
  private volatile String reason = "";
  private long probeTimer = -1;
  private boolean probing;
  private boolean closed;
  private final java.util.List<Runnable> onClose =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  public DatabaseBreaker(Vertx vertx, Pool pg, String role, long probeMs, MeterRegistry registry) {
    this.vertx = vertx;
    this.pg = pg;
    this.role = role;
    this.probeMs = Math.max(50, probeMs);
    Gauge.builder("mutt.db.breaker.open", openSinceMs, v -> v.get() == 0 ? 0 : 1)
        .tag("role", role)
        .description("1 while the PostgreSQL breaker of this role is open")
        .register(registry);
  }

  /** Whether the database may be used now (the breaker is closed). */
  public boolean available() {
    return openSinceMs.get() == 0;
  }

  /** How long a caller that was refused waits before asking again. */
  public long retryMs() {
    return probeMs;
  }

  /** Why the breaker is open, for health reports and 503 answers; empty when closed. */
  public String reason() {
    long since = openSinceMs.get();
    return since == 0
        ? ""
        : "PostgreSQL unreachable since " + Instant.ofEpochMilli(since) + " (" + reason + ")";
  }

  /**
   * Reports a failed database call. A refused connection opens the breaker at once; any other
   * failure that may mean the database cannot be reached (a lost or terminated session, a timeout)
   * is confirmed by one probe on a fresh connection first — a session ended by the server after a
   * password change is not an outage — and opens it only when that probe fails too. Answers whether
   * the error was of that kind.
   */
  public boolean failed(Throwable err) {
    if (!unreachable(err)) {
      return false;
    }
    if (refused(err)) {
      open(err);
    } else if (available() && confirming.compareAndSet(false, true)) {
      vertx.runOnContext(
          v ->
              pg.query("SELECT 1")
                  .execute()
                  .onComplete(
                      ar -> {
                        confirming.set(false);
                        if (ar.failed()) {
                          open(ar.cause());
                        }
                      }));
    }
    return true;
  }

  private static boolean refused(Throwable err) {
    for (Throwable t = err; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ConnectException) {
        return true;
      }
    }
    return false;
  }

  private void open(Throwable err) {
    long now = System.currentTimeMillis();
    if (openSinceMs.compareAndSet(0, now)) {
      reason = message(err);
      LOG.warn(
          "{}: PostgreSQL unreachable ({}); breaker open, database work paused, probing every {} ms",
          role,
          reason,
          probeMs);
      vertx.runOnContext(v -> scheduleProbe());
    }
  }

  private synchronized void scheduleProbe() {
    if (closed || probeTimer >= 0) {
      return;
    }
    probeTimer = vertx.setPeriodic(probeMs, id -> probe());
  }

  private synchronized void probe() {
    if (probing || closed) {
      return;
    }
    probing = true;
    pg.query("SELECT 1")
        .execute()
        .onComplete(
            ar -> {
              synchronized (this) {
                probing = false;
              }
              if (ar.succeeded()) {
                close("probe succeeded");
              } else {
                reason = message(ar.cause());
              }
            });
  }

  private void close(String why) {
    long since = openSinceMs.getAndSet(0);
    synchronized (this) {
      if (probeTimer >= 0) {
        vertx.cancelTimer(probeTimer);
        probeTimer = -1;
      }
    }
    if (since != 0) {
      onClose.forEach(Runnable::run);
      LOG.info(
          "{}: PostgreSQL reachable again after {} ms ({}); breaker closed, database work resumes",
          role,
          System.currentTimeMillis() - since,
          why);
    }
  }

  /** Runs {@code action} each time the breaker closes again. */
  public void onClose(Runnable action) {
    onClose.add(action);
  }

  /** Stops probing (the role is stopping). */
  public synchronized void stop() {
    closed = true;
    if (probeTimer >= 0) {
      vertx.cancelTimer(probeTimer);
      probeTimer = -1;
    }
  }

  /**
   * Whether a failure means PostgreSQL cannot be reached or used at all, rather than a problem with
   * one statement: connection refused, reset or closed, a connect or statement timeout, the pool
   * closed, or a server that is crashing, starting up or out of connections (SQLSTATE classes 08
   * and 53, 57P02, 57P03).
   */
  public static boolean unreachable(Throwable err) {
    for (Throwable t = err; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof PgException pg) {
        String state = pg.getSqlState() == null ? "" : pg.getSqlState();
        // 57P01 ends one session (pg_terminate_backend after a password change, or each session of
        // a server shutting down, whose next connection attempt is then refused): not an outage.
        return state.startsWith("08")
            || state.startsWith("53")
            || (state.startsWith("57P0") && !state.equals("57P01"));
      }
      if (t instanceof ConnectException
          || t instanceof ClosedChannelException
          || t instanceof TimeoutException
          || t instanceof java.io.IOException) {
        return true;
      }
      String m = String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT);
      if (t instanceof VertxException
          && (m.contains("closed") || m.contains("timeout") || m.contains("timed out"))) {
        return true;
      }
      if (m.contains("connection refused")
          || m.contains("connection reset")
          || m.contains("connection is closed")
          || m.contains("pool closed")) {
        return true;
      }
    }
    return false;
  }

  private static String message(Throwable err) {
    String m = err.getMessage();
    return m == null || m.isBlank() ? err.getClass().getSimpleName() : m;
  }

  /** Runs {@code call} when the breaker is closed and reports its failure; fails fast when open. */
  public <T> Future<T> guard(java.util.function.Supplier<Future<T>> call) {
    if (!available()) {
      return Future.failedFuture(new DatabaseUnavailable(reason()));
    }
    return call.get().onFailure(this::failed);
  }

  /** The failure of a call refused while the breaker is open. */
  public static final class DatabaseUnavailable extends RuntimeException {
    public DatabaseUnavailable(String message) {
      super(message, null, false, false);
    }
  }
}
