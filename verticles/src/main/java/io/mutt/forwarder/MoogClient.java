package io.mutt.forwarder;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

/**
 * The Moogsoft webhook (SPEC 7.5): {@code POST MOOG_WEBHOOK_URL} with JSON and {@code Authorization: Bearer <key>},
 * bounded by a whole-exchange timeout. Never fails its future: a transport problem becomes a {@link Reply} without
 * status. The key is only ever placed in the header.
 */
public final class MoogClient {

  /** One exchange: {@code status} 0 when no HTTP answer arrived ({@code error} says why). */
  public record Reply(int status, String retryAfter, String error, long elapsedNanos) {
    public boolean answered() {
      return status > 0;
    }
  }

  private final WebClient client;
  private final String url;
  private final String authorization;
  private final long timeoutMs;

  public MoogClient(Vertx vertx, String url, String apiKey, long timeoutMs, int poolSize) {
    this.client = WebClient.create(vertx, new WebClientOptions().setKeepAlive(true)
        .setConnectTimeout((int) Math.max(1, Math.min(timeoutMs, 5000))).setVerifyHost(true)
        .setUserAgent("MUTT/2.5"), new PoolOptions().setHttp1MaxSize(poolSize));
    this.url = url;
    this.authorization = "Bearer " + apiKey;
    this.timeoutMs = timeoutMs;
  }

  /** POSTs one body. */
  public Future<Reply> post(JsonObject body) {
    return post(body, timeoutMs);
  }

  public Future<Reply> post(JsonObject body, long timeout) {
    long start = System.nanoTime();
    return client.postAbs(url).putHeader("Authorization", authorization).timeout(timeout)
        .sendJsonObject(body)
        .map(res -> reply(res, start))
        .otherwise(err -> new Reply(0, null, describe(err), System.nanoTime() - start));
  }

  /** SPEC 2.4: {@code HEAD MOOG_WEBHOOK_URL}; any HTTP answer counts as reachable. */
  public Future<Integer> head(long timeout) {
    return client.headAbs(url).timeout(timeout).send().map(HttpResponse::statusCode);
  }

  private static Reply reply(HttpResponse<Buffer> res, long start) {
    return new Reply(res.statusCode(), res.getHeader("Retry-After"), null, System.nanoTime() - start);
  }

  static String describe(Throwable err) {
    String name = err.getClass().getSimpleName();
    String msg = err.getMessage();
    return msg == null ? name : name + ": " + msg;
  }

  public void close() {
    client.close();
  }
}
