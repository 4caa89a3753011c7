package io.mutt.runtime;

import io.vertx.core.http.ConnectionPoolTooBusyException;
import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.util.Locale;

/**
 * What a failed call to Redis (or another client) means for the code that made it, decided in one
 * place. The Vert.x clients report some of these conditions only by message, so the message texts
 * they use live here and nowhere else.
 */
public final class Failures {

  private Failures() {}

  /**
   * This process closed the client the call went through (shutdown): the net client answers {@code
   * IllegalStateException("Client is closed")}, its connection pool {@code "Pool closed"}.
   */
  public static boolean isClosed(Throwable err) {
    String m = message(err);
    return (err instanceof IllegalStateException && m.equals("Client is closed"))
        || m.equals("Pool closed");
  }

  /**
   * The connection the call was waiting on closed before the reply (Redis {@code
   * CONNECTION_CLOSED}), or the call was written to a connection already closed ({@code "Connection
   * is closed"}, Netty's {@link ClosedChannelException}).
   */
  public static boolean isConnectionClosed(Throwable err) {
    String m = message(err);
    return err instanceof ClosedChannelException
        || m.equals("CONNECTION_CLOSED")
        || m.equals("Connection is closed");
  }

  /** No connection could be made: refused, unreachable, connect timeout. */
  public static boolean isConnectionLoss(Throwable err) {
    String m = message(err);
    return err instanceof ConnectException
        || err.getCause() instanceof ConnectException
        || m.contains("Connection refused")
        || m.contains("connect");
  }

  /**
   * The client has no room for the call: every pooled connection busy and the waiting list full, or
   * a connection's queue of pending replies full.
   */
  public static boolean isPoolExhausted(Throwable err) {
    String m = message(err);
    return err instanceof ConnectionPoolTooBusyException
        || m.contains("pool")
        || m.toLowerCase(Locale.ROOT).contains("queue is full");
  }

  /**
   * Redis refused the credentials: a wrong password ({@code WRONGPASS}, older servers' {@code
   * invalid password}) or none given where one is required ({@code NOAUTH}). Only these make trying
   * the next password of a rotation worthwhile.
   */
  public static boolean isRedisAuthFailure(Throwable err) {
    String m = message(err);
    return m.contains("WRONGPASS")
        || m.contains("NOAUTH")
        || m.contains("invalid password")
        || m.contains("invalid username-password");
  }

  /**
   * PostgreSQL refused the credentials (SQLSTATE {@code 28P01} invalid password, {@code 28000}
   * invalid authorization).
   */
  public static boolean isPostgresAuthFailure(Throwable err) {
    String m = message(err);
    return m.contains("28P01")
        || m.contains("password authentication failed")
        || m.contains("28000");
  }

  private static String message(Throwable err) {
    return String.valueOf(err.getMessage());
  }
}
