package io.mutt.web;

import io.mutt.runtime.MuttRuntime;
import io.mutt.testsupport.MuttTestApp;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.Map;

/**
 * One MUTT web role (real PostgreSQL with demo data, real Redis) shared by the web API test classes
 * of a test JVM, and an HTTP client that presents the test API key.
 */
final class WebFixture {

  static final String KEY = "test-webui-key-0123456789";
  private static WebFixture shared;

  final MuttTestApp mutt;
  final Vertx vertx;
  final WebClient client;

  private WebFixture(MuttTestApp mutt) {
    this.mutt = mutt;
    this.vertx = Vertx.vertx();
    this.client = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false));
  }

  static synchronized WebFixture shared() {
    if (shared == null) {
      shared = start("1");
      Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
    }
    return shared;
  }

  /** A web role of its own (own key prefix), for tests that write shared keys such as the DLQs. */
  static WebFixture own() {
    return start("0");
  }

  /**
   * A web role with Prometheus unreachable (retried after 10 ms) and the given metrics cache TTL.
   */
  private static WebFixture start(String metricsCacheTtl) {
    return new WebFixture(
        MuttTestApp.start(
            "web",
            Map.of(
                "PROMETHEUS_URL",
                "http://127.0.0.1:1",
                "PROMETHEUS_RETRY_DELAY_MS",
                "10",
                "METRICS_CACHE_TTL",
                metricsCacheTtl)));
  }

  void close() {
    client.close();
    vertx.close();
    mutt.close();
  }

  MuttRuntime rt() {
    return mutt.app.runtime();
  }

  String url(String path) {
    return mutt.webUrl() + path;
  }

  HttpRequest<Buffer> req(io.vertx.core.http.HttpMethod method, String path) {
    return client.requestAbs(method, url(path)).putHeader("X-API-KEY", KEY);
  }

  HttpResponse<Buffer> get(String path) {
    return req(io.vertx.core.http.HttpMethod.GET, path).send().await();
  }

  HttpResponse<Buffer> post(String path, JsonObject body) {
    return req(io.vertx.core.http.HttpMethod.POST, path).sendJsonObject(body).await();
  }

  HttpResponse<Buffer> put(String path, JsonObject body) {
    return req(io.vertx.core.http.HttpMethod.PUT, path).sendJsonObject(body).await();
  }

  HttpResponse<Buffer> delete(String path) {
    return req(io.vertx.core.http.HttpMethod.DELETE, path).send().await();
  }

  HttpResponse<Buffer> delete(String path, JsonObject body) {
    return req(io.vertx.core.http.HttpMethod.DELETE, path).sendJsonObject(body).await();
  }

  RowSet<Row> sql(String sql, Object... params) {
    return rt().pg().preparedQuery(sql).execute(Tuple.wrap(params)).await();
  }

  /** The newest config_audit_log row of a table and record. */
  Row lastAudit(String table, int recordId) {
    var rows =
        sql(
            "SELECT * FROM config_audit_log WHERE table_name = $1 AND record_id = $2 ORDER BY id DESC LIMIT 1",
            table,
            recordId);
    return rows.size() == 0 ? null : rows.iterator().next();
  }
}
