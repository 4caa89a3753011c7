package io.mutt.testsupport;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;

/** A test client for the Moogsoft stand-in ({@code io.mutt.moog.MockMoogVerticle}). */
public final class StandIn implements AutoCloseable {

  private final Vertx vertx = Vertx.vertx();
  private final WebClient client = WebClient.create(vertx);
  private final String base;
  private final String key;

  /** An open stand-in (one a test deployed itself). */
  public StandIn(String baseUrl) {
    this(baseUrl, null);
  }

  /** The stand-in of a MUTT run, which answers its Moogsoft key only. */
  public StandIn(String baseUrl, String key) {
    this.base = baseUrl;
    this.key = key;
  }

  private io.vertx.ext.web.client.HttpRequest<io.vertx.core.buffer.Buffer> keyed(
      io.vertx.ext.web.client.HttpRequest<io.vertx.core.buffer.Buffer> req) {
    return key == null ? req : req.putHeader("X-API-KEY", key);
  }

  public JsonObject stats() {
    return keyed(client.getAbs(base + "/stats")).send().await().bodyAsJsonObject();
  }

  public long count() {
    return stats().getLong("count");
  }

  /** The last {@code limit} bodies received, oldest first. */
  public JsonArray events(int limit) {
    return keyed(client.getAbs(base + "/events?limit=" + limit))
        .send()
        .await()
        .bodyAsJsonObject()
        .getJsonArray("events");
  }

  /** The last {@code limit} events with {@code received_ms} and the authorization fingerprint. */
  public JsonArray eventsWithMeta(int limit) {
    return keyed(client.getAbs(base + "/events?meta=true&limit=" + limit))
        .send()
        .await()
        .bodyAsJsonObject()
        .getJsonArray("events");
  }

  /** POST /admin/faults, e.g. {@code {"mode":"status","status":500}}. */
  public void faults(JsonObject plan) {
    int code =
        keyed(client.postAbs(base + "/admin/faults")).sendJsonObject(plan).await().statusCode();
    if (code != 200) {
      throw new IllegalStateException("stand-in refused fault plan " + plan + ": " + code);
    }
  }

  public void healthy() {
    faults(new JsonObject().put("mode", "none"));
  }

  @Override
  public void close() {
    client.close();
    vertx.close();
  }
}
