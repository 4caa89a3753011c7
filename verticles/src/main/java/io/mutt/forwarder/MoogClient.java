package io.mutt.forwarder;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.concurrent.TimeUnit;

/**
 * The Moogsoft webhook (docs/reference/moogsoft-payload.md): {@code POST MOOG_WEBHOOK_URL} with
 * JSON and {@code Authorization: Bearer <key>}, bounded by a timeout. Never fails its future: a
 * transport problem becomes a {@link Reply} without status. The key is only ever placed in the
 * header.
 *
 * <p>Built on the core HTTP client with the request options (URL, method, headers, timeout)
 * prepared once: this is the forwarder's per-alert hot path, and parsing the URL, building headers
 * and running a client interceptor chain for every alert cost more than the exchange itself at tens
 * of thousands of alerts per second (docs/PERFORMANCE-e2e.md).
 */
public final class MoogClient {

  /** One exchange: {@code status} 0 when no HTTP answer arrived ({@code error} says why). */
  public record Reply(int status, String retryAfter, String error, long elapsedNanos) {
    public boolean answered() {
      return status > 0;
    }
  }

  private final HttpClientAgent client;
  private final String url;
  private final long timeoutMs;
  private final java.util.function.Supplier<String> apiKey;
  private volatile Keyed post;
  private final RequestOptions head;

  /** The POST options built for one key; rebuilt when the key changes (rotation). */
  private record Keyed(String key, RequestOptions options) {}

  public MoogClient(Vertx vertx, String url, String apiKey, long timeoutMs, int poolSize) {
    this(vertx, url, () -> apiKey, timeoutMs, poolSize);
  }

  /**
   * With the key read for each request ({@link io.mutt.config.LiveSecret}): a Moogsoft key rotated
   * in Vault is sent from the next request on.
   */
  public MoogClient(
      Vertx vertx,
      String url,
      java.util.function.Supplier<String> apiKey,
      long timeoutMs,
      int poolSize) {
    this.url = url;
    this.timeoutMs = timeoutMs;
    this.apiKey = apiKey;
    this.client =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setKeepAlive(true)
                .setConnectTimeout((int) Math.max(1, Math.min(timeoutMs, 5000)))
                .setVerifyHost(true),
            new PoolOptions().setHttp1MaxSize(poolSize));
    String key = apiKey.get();
    this.post = new Keyed(key, postOptions(key));
    this.head =
        new RequestOptions()
            .setMethod(HttpMethod.HEAD)
            .setAbsoluteURI(url)
            .setHeaders(HttpHeaders.headers().add(HttpHeaders.USER_AGENT, "MUTT/2.5"));
  }

  private RequestOptions postOptions(String key) {
    MultiMap headers =
        HttpHeaders.headers()
            .add(HttpHeaders.AUTHORIZATION, "Bearer " + key)
            .add(HttpHeaders.CONTENT_TYPE, "application/json")
            .add(HttpHeaders.USER_AGENT, "MUTT/2.5");
    return new RequestOptions()
        .setMethod(HttpMethod.POST)
        .setAbsoluteURI(url)
        .setHeaders(headers)
        .setTimeout(timeoutMs);
  }

  private RequestOptions post() {
    Keyed k = post;
    String key = apiKey.get();
    if (k.key() != key && !java.util.Objects.equals(k.key(), key)) {
      k = new Keyed(key, postOptions(key));
      post = k;
    }
    return k.options();
  }

  /** POSTs one JSON body (already encoded). */
  public Future<Reply> post(Buffer json) {
    long start = System.nanoTime();
    return client
        .request(post())
        .compose(req -> req.send(json))
        .compose(res -> res.body().map(body -> reply(res, start)))
        .otherwise(err -> new Reply(0, null, describe(err), System.nanoTime() - start));
  }

  /**
   * The health check's {@code HEAD MOOG_WEBHOOK_URL}; any HTTP answer counts as reachable. The
   * whole exchange — waiting for a pooled connection included — is bounded by {@code timeout}, so a
   * probe never hangs a {@code /health} answer.
   */
  public Future<Integer> head(long timeout) {
    return client
        .request(new RequestOptions(head).setTimeout(timeout))
        .compose(req -> req.send())
        .compose(res -> res.body().map(body -> res.statusCode()))
        .timeout(timeout, TimeUnit.MILLISECONDS);
  }

  private static Reply reply(HttpClientResponse res, long start) {
    return new Reply(
        res.statusCode(), res.getHeader(HttpHeaders.RETRY_AFTER), null, System.nanoTime() - start);
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
