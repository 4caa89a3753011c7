package io.mutt.http;

import io.mutt.config.MuttConfig;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.HashMap;
import java.util.Map;

/**
 * Bounds how long a client may hold a connection without making progress, on every MUTT HTTP
 * server: {@code HTTP_IDLE_TIMEOUT_SECONDS} (default 60) closes a connection with no bytes in
 * either direction; {@code HTTP_REQUEST_TIMEOUT_SECONDS} (default 30) closes a connection whose
 * request headers have not all arrived within that time (a client dripping one header byte at a
 * time defeats an idle timeout) and answers 408 to a request whose body has not all arrived within
 * it. One sweep a second per server instance, on its own event loop; nothing on the request path
 * but a map update.
 */
public final class SlowClientGuard {

  /** The two limits; {@code requestTimeoutMs} 0 turns the request guard off. */
  public record Limits(int idleSeconds, long requestTimeoutMs) {

    public static Limits from(MuttConfig c) {
      return new Limits(
          c.atLeast("HTTP_IDLE_TIMEOUT_SECONDS", 60, 1),
          1000L * c.atLeast("HTTP_REQUEST_TIMEOUT_SECONDS", 30, 0));
    }

    public static final Limits DEFAULT = new Limits(60, 30_000);

    /** The options with the idle timeout set. */
    public HttpServerOptions apply(HttpServerOptions options) {
      return options.setIdleTimeout(idleSeconds);
    }
  }

  private static final class State {
    HttpServerRequest current;
    long since = System.currentTimeMillis();
  }

  private final Limits limits;
  private final Map<HttpConnection, State> connections = new HashMap<>();

  private SlowClientGuard(Limits limits) {
    this.limits = limits;
  }

  /**
   * Installs the guard on a server that is not yet listening (call on the verticle's context) and
   * returns the request handler to give it.
   */
  public static Handler<HttpServerRequest> install(
      Vertx vertx, HttpServer server, Limits limits, Handler<HttpServerRequest> next) {
    if (limits.requestTimeoutMs() <= 0) {
      return next;
    }
    SlowClientGuard g = new SlowClientGuard(limits);
    server.connectionHandler(
        conn -> {
          g.connections.put(conn, new State());
          conn.closeHandler(v -> g.connections.remove(conn));
        });
    vertx.setPeriodic(1000, id -> g.sweep());
    return req -> {
      State s = g.connections.get(req.connection());
      if (s != null) {
        s.current = req;
        s.since = System.currentTimeMillis();
      }
      next.handle(req);
    };
  }

  private void sweep() {
    long now = System.currentTimeMillis();
    for (Map.Entry<HttpConnection, State> e : Map.copyOf(connections).entrySet()) {
      State s = e.getValue();
      HttpServerRequest req = s.current;
      if (req != null && req.response().ended()) {
        s.current = null;
        s.since = now;
        continue;
      }
      if (now - s.since <= limits.requestTimeoutMs()) {
        continue;
      }
      if (req == null) {
        e.getKey().close(); // headers incomplete (or an idle keep-alive connection) for too long
      } else if (!req.isEnded()) {
        HttpServerResponse res = req.response();
        if (!res.headWritten()) {
          res.setStatusCode(408)
              .putHeader("Content-Type", "application/json")
              .putHeader("Connection", "close")
              .end("{\"status\":\"error\",\"message\":\"Request body not received in time\"}");
        }
        e.getKey().close();
      }
    }
  }
}
