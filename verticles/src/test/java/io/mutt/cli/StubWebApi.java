package io.mutt.cli;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for the web API used ONLY to check what the CLI sends (method, path, key, body) and
 * how it treats answers; the real web role is tested against elsewhere. Replies are canned per
 * "METHOD path".
 */
final class StubWebApi implements AutoCloseable {

  record Seen(String method, String uri, String key, String body) {}

  record Reply(int status, String contentType, String body) {}

  final Vertx vertx = Vertx.vertx();
  final List<Seen> seen = new CopyOnWriteArrayList<>();
  final Map<String, Reply> replies = new ConcurrentHashMap<>();
  private final HttpServer server;

  StubWebApi() {
    server = vertx.createHttpServer().requestHandler(this::handle).listen(0, "127.0.0.1").await();
  }

  String url() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  StubWebApi on(String methodAndPath, int status, Object json) {
    replies.put(
        methodAndPath,
        new Reply(status, "application/json", json instanceof String s ? s : json.toString()));
    return this;
  }

  StubWebApi onEvents(String path, String sseBody) {
    replies.put("GET " + path, new Reply(200, "text/event-stream", sseBody));
    return this;
  }

  private void handle(HttpServerRequest req) {
    req.body()
        .onSuccess(
            body -> {
              seen.add(
                  new Seen(
                      req.method().name(), req.uri(), req.getHeader("X-API-KEY"), body.toString()));
              Reply r = replies.get(req.method().name() + " " + req.path());
              if (r == null) {
                req.response()
                    .setStatusCode(404)
                    .end(new JsonObject().put("error", "Not found").encode());
                return;
              }
              req.response()
                  .setStatusCode(r.status())
                  .putHeader("Content-Type", r.contentType())
                  .end(r.body());
            });
  }

  Seen last() {
    return seen.get(seen.size() - 1);
  }

  @Override
  public void close() {
    vertx.close().await();
  }
}
