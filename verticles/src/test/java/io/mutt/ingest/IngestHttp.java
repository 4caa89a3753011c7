package io.mutt.ingest;

import io.mutt.runtime.MuttRuntime;
import io.mutt.testsupport.MuttTestApp;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A MUTT ingest role on the test services, an HTTP client, and the Redis/metrics probes the ingest
 * tests use.
 */
final class IngestHttp implements AutoCloseable {

  static final String KEY = "test-ingest-key-0123456789";
  static final String EVENT =
      "{\"hostname\":\"r1\",\"message\":\"ERROR boom\",\"timestamp\":\"2025-11-10T12:00:00Z\"}";

  final MuttTestApp mutt;
  final Vertx vertx = Vertx.vertx();
  final WebClient client = WebClient.create(vertx, new WebClientOptions().setKeepAlive(true));

  IngestHttp(Map<String, String> extra) {
    this.mutt = MuttTestApp.start("ingest", extra);
  }

  MuttRuntime rt() {
    return mutt.app.runtime();
  }

  HttpResponse<Buffer> post(String path, Buffer body, String... headers) {
    var req = client.postAbs(mutt.ingestUrl() + path);
    for (int i = 0; i + 1 < headers.length; i += 2) {
      req.putHeader(headers[i], headers[i + 1]);
    }
    return req.sendBuffer(body).await();
  }

  /** POST with the valid key plus the given headers. */
  HttpResponse<Buffer> ingestAt(String path, String body, String... headers) {
    List<String> h = new ArrayList<>(List.of("X-API-KEY", KEY));
    h.addAll(List.of(headers));
    return post(path, Buffer.buffer(body), h.toArray(String[]::new));
  }

  HttpResponse<Buffer> ingest(String body, String... headers) {
    return ingestAt("/api/v2/ingest", body, headers);
  }

  HttpResponse<Buffer> request(HttpMethod method, String path, MultiMap headers) {
    return client.requestAbs(method, mutt.ingestUrl() + path).putHeaders(headers).send().await();
  }

  Response redis(Request r) {
    return rt().redis().send(r).await();
  }

  long xlen() {
    Response r = redis(Request.cmd(Command.XLEN).arg(rt().keys().ingestQueue));
    return r == null ? 0 : r.toLong();
  }

  /** The queued event payloads, oldest first. */
  List<JsonObject> queued() {
    Response r = redis(Request.cmd(Command.XRANGE).arg(rt().keys().ingestQueue).arg("-").arg("+"));
    List<JsonObject> out = new ArrayList<>();
    for (Response e : r) {
      out.add(new JsonObject(e.get(1).get(1).toString()));
    }
    return out;
  }

  String scrape() {
    return client.getAbs(mutt.ingestUrl() + "/metrics").send().await().bodyAsString();
  }

  /** The value of {@code mutt_ingest_requests_total{status,reason}} (0 when absent). */
  double requests(String status, String reason) {
    return sample(
        scrape(),
        "mutt_ingest_requests_total",
        "reason=\"" + reason + "\"",
        "status=\"" + status + "\"");
  }

  static double sample(String text, String name, String... labels) {
    Pattern line =
        Pattern.compile("^" + Pattern.quote(name) + "(\\{[^}]*\\})?\\s+(\\S+)$", Pattern.MULTILINE);
    Matcher m = line.matcher(text);
    while (m.find()) {
      String l = m.group(1) == null ? "" : m.group(1);
      boolean all = true;
      for (String label : labels) {
        all &= l.contains(label);
      }
      if (all) {
        return Double.parseDouble(m.group(2));
      }
    }
    return 0;
  }

  @Override
  public void close() {
    client.close();
    vertx.close();
    mutt.close();
  }
}
