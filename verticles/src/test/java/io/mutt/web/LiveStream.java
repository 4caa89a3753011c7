package io.mutt.web;

import io.vertx.core.Promise;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /api/v2/live} held open with the test API key: the server-sent events as they arrive,
 * each a block {@code event: <name>\ndata: <json>} ended by a blank line.
 */
final class LiveStream implements AutoCloseable {

  final HttpClientResponse response;
  private final HttpClient http;
  private final StringBuilder seen = new StringBuilder();
  private final Map<String, Promise<String>> firsts = new HashMap<>();
  private final Map<String, String> latest = new HashMap<>();

  private LiveStream(HttpClient http, HttpClientResponse response) {
    this.http = http;
    this.response = response;
    response.handler(buf -> received(buf.toString()));
  }

  static LiveStream open(WebFixture web) {
    HttpClient http = web.vertx.createHttpClient();
    var res =
        http.request(
                new RequestOptions()
                    .setMethod(HttpMethod.GET)
                    .setAbsoluteURI(web.url("/api/v2/live"))
                    .putHeader("X-API-KEY", WebFixture.KEY))
            .compose(req -> req.send())
            .await();
    return new LiveStream(http, res);
  }

  private synchronized void received(String text) {
    seen.append(text);
    int end;
    while ((end = seen.indexOf("\n\n")) >= 0) {
      String block = seen.substring(0, end);
      seen.delete(0, end + 2);
      int data = block.indexOf("\ndata: ");
      if (block.startsWith("event: ") && data > 0) {
        String name = block.substring("event: ".length(), data);
        String json = block.substring(data + "\ndata: ".length());
        firsts.computeIfAbsent(name, n -> Promise.promise()).tryComplete(json);
        latest.put(name, json);
      }
    }
  }

  /** The data of the first event {@code name}, waited for up to 5 s. */
  JsonObject first(String name) throws Exception {
    Promise<String> p;
    synchronized (this) {
      p = firsts.computeIfAbsent(name, n -> Promise.promise());
    }
    return new JsonObject(p.future().await(5, TimeUnit.SECONDS));
  }

  /** The data of the latest event {@code name} received so far, or null. */
  synchronized JsonObject latest(String name) {
    String json = latest.get(name);
    return json == null ? null : new JsonObject(json);
  }

  @Override
  public void close() {
    http.close().await();
  }
}
