package io.mutt.web.slo;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.Optional;

/**
 * Instant queries against Prometheus: {@code GET <url>/api/v1/query?query=<expr>}, 5 s timeout, one
 * retry after a pause on an exception or a non-200 answer. A future that fails means Prometheus did
 * not answer; an empty value means it answered without usable data (non-success status, empty
 * result, NaN/±Inf).
 */
public final class PrometheusSource {

  private final Vertx vertx;
  private final WebClient client;
  private final String baseUrl;
  private final long retryDelayMs;

  public PrometheusSource(Vertx vertx, WebClient client, String baseUrl, long retryDelayMs) {
    this.vertx = vertx;
    this.client = client;
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.retryDelayMs = retryDelayMs;
  }

  public Future<Optional<Double>> query(String expr) {
    return once(expr).recover(err -> delay().compose(v -> once(expr)));
  }

  private Future<Void> delay() {
    Promise<Void> p = Promise.promise();
    vertx.setTimer(Math.max(1, retryDelayMs), id -> p.complete());
    return p.future();
  }

  private Future<Optional<Double>> once(String expr) {
    return client
        .getAbs(baseUrl + "/api/v1/query")
        .addQueryParam("query", expr)
        .timeout(5000)
        .send()
        .compose(
            res ->
                res.statusCode() == 200
                    ? Future.succeededFuture(value(res))
                    : Future.failedFuture("Prometheus answered HTTP " + res.statusCode()));
  }

  static Optional<Double> value(HttpResponse<Buffer> res) {
    try {
      JsonObject body = res.bodyAsJsonObject();
      if (body == null || !"success".equals(body.getString("status"))) {
        return Optional.empty();
      }
      JsonArray result = body.getJsonObject("data").getJsonArray("result");
      if (result == null || result.isEmpty()) {
        return Optional.empty();
      }
      double v =
          Double.parseDouble(result.getJsonObject(0).getJsonArray("value").getValue(1).toString());
      return Double.isNaN(v) || Double.isInfinite(v) ? Optional.empty() : Optional.of(v);
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }
}
