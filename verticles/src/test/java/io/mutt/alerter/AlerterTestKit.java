package io.mutt.alerter;

import io.mutt.runtime.MuttRuntime;
import io.mutt.testsupport.Eventually;
import io.mutt.testsupport.MuttTestApp;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What the alerter tests do to a running MUTT: post events, read the audit log, the alert stream
 * and the DLQ.
 */
final class AlerterTestKit implements AutoCloseable, BeforeAllCallback, AfterAllCallback {

  private final String roles;
  private final Map<String, String> settings;
  MuttTestApp mutt;
  MuttRuntime rt;
  Vertx client;
  WebClient web;

  /** A kit on a MUTT already running; {@link #close()} stops it. */
  AlerterTestKit(MuttTestApp mutt) {
    this(null, null);
    attach(mutt);
  }

  private AlerterTestKit(String roles, Map<String, String> settings) {
    this.roles = roles;
    this.settings = settings;
  }

  /**
   * A kit for {@code @RegisterExtension static}: MUTT with these roles and extra settings starts
   * before the class's tests (and its {@code @BeforeAll} methods) and stops after them.
   */
  static AlerterTestKit perClass(String roles, Map<String, String> settings) {
    return new AlerterTestKit(roles, settings);
  }

  private void attach(MuttTestApp mutt) {
    this.mutt = mutt;
    this.rt = mutt.app.runtime();
    this.client = Vertx.vertx();
    this.web = WebClient.create(client);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    attach(MuttTestApp.start(roles, settings));
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
  }

  static JsonObject event(String host, String message) {
    return new JsonObject()
        .put("hostname", host)
        .put("message", message)
        .put("timestamp", "2025-11-11T16:34:50.6449285Z");
  }

  /** POSTs an event to the ingest API and expects {@code 200 queued}. */
  void post(JsonObject event) {
    var res =
        web.postAbs(mutt.ingestUrl() + "/api/v2/ingest")
            .putHeader("X-API-KEY", "test-ingest-key-0123456789")
            .sendJsonObject(event)
            .await();
    if (res.statusCode() != 200) {
      throw new AssertionError("ingest answered " + res.statusCode() + ": " + res.bodyAsString());
    }
  }

  /** A call of the web API with the web UI key (a JSON body when {@code body} is not null). */
  HttpResponse<Buffer> webApi(HttpMethod method, String path, JsonObject body) {
    var req =
        web.requestAbs(method, mutt.webUrl() + path)
            .putHeader("X-API-KEY", "test-webui-key-0123456789");
    return body == null ? req.send().await() : req.sendJsonObject(body).await();
  }

  /** Appends a raw payload to the ingest stream, bypassing the ingest API's validation. */
  String appendRaw(String payload) {
    return rt.redis()
        .send(Request.cmd(Command.XADD).arg(rt.keys().ingestQueue).arg("*").arg("e").arg(payload))
        .await()
        .toString();
  }

  List<Row> auditRows(String... hosts) {
    List<Row> out = new ArrayList<>();
    rt.pg()
        .preparedQuery(
            "SELECT hostname, matched_rule_id, handling_decision, forwarded_to_moog, raw_message, event_id,"
                + " event_timestamp, coalesced_into, noise_decision FROM event_audit_log WHERE hostname = ANY($1) ORDER BY id")
        .execute(Tuple.tuple().addArrayOfString(hosts))
        .await()
        .forEach(out::add);
    return out;
  }

  /** Alerts on the alert stream whose source event (raw_json) came from one of the hosts. */
  List<JsonObject> alerts(String... hosts) {
    List<String> wanted = List.of(hosts);
    List<JsonObject> out = new ArrayList<>();
    for (JsonObject a : streamEntries(rt.keys().alertQueue)) {
      if (wanted.contains(a.getJsonObject("raw_json", new JsonObject()).getString("hostname"))) {
        out.add(a);
      }
    }
    return out;
  }

  List<JsonObject> streamEntries(String key) {
    Response r = rt.redis().send(Request.cmd(Command.XRANGE).arg(key).arg("-").arg("+")).await();
    List<JsonObject> out = new ArrayList<>();
    for (Response entry : r) {
      out.add(new JsonObject(entry.get(1).get(1).toString()));
    }
    return out;
  }

  /** Alerter DLQ entries (JSON objects) of the given hosts, newest first. */
  List<JsonObject> dlq(String... hosts) {
    List<String> wanted = List.of(hosts);
    List<JsonObject> out = new ArrayList<>();
    for (Response v :
        rt.redis()
            .send(Request.cmd(Command.LRANGE).arg(rt.keys().alerterDlq).arg(0).arg(-1))
            .await()) {
      JsonObject o = new JsonObject(v.toString());
      if (wanted.contains(o.getString("hostname"))) {
        out.add(o);
      }
    }
    return out;
  }

  long streamLength(String key) {
    return rt.redis().send(Request.cmd(Command.XLEN).arg(key)).await().toLong();
  }

  long pending() {
    Response r =
        rt.redis()
            .send(Request.cmd(Command.XPENDING).arg(rt.keys().ingestQueue).arg("alerter"))
            .await();
    return r.get(0).toLong();
  }

  /** A counter of the running MUTT, read from its registry by name and tags. */
  double counter(String name, String... tags) {
    return rt.registry().get(name).tags(tags).counter().count();
  }

  double gauge(String name) {
    return rt.registry().get(name).gauge().value();
  }

  long timerCount(String name) {
    return rt.registry().get(name).timer().count();
  }

  void sql(String statement, Object... args) {
    rt.pg().preparedQuery(statement).execute(Tuple.wrap(args)).await();
  }

  /**
   * Publishes the external reload trigger and waits until a rule-cache reload has completed after
   * it.
   */
  void reloadRules() {
    long before = timerCount("mutt.alerter.cache.reload.latency");
    rt.redis()
        .send(Request.cmd(Command.PUBLISH).arg(rt.keys().configUpdatesChannel).arg("rules"))
        .await();
    eventually("rule cache reload", () -> timerCount("mutt.alerter.cache.reload.latency") > before);
  }

  JsonObject getJson(int port, String path) {
    return web.getAbs("http://127.0.0.1:" + port + path).send().await().bodyAsJsonObject();
  }

  static void eventually(String what, BooleanSupplier condition) {
    eventually(what, Duration.ofSeconds(20), condition);
  }

  static void eventually(String what, Duration timeout, BooleanSupplier condition) {
    Eventually.until(timeout, what, condition);
  }

  static JsonArray fixture(String name) {
    try (var in = AlerterTestKit.class.getResourceAsStream("/fixtures/" + name)) {
      return new JsonArray(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    web.close();
    client.close();
    mutt.close();
  }
}
