package io.mutt.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mutt.app.MuttApp;
import io.mutt.config.ConfigException;
import io.mutt.http.KeyId;
import io.mutt.testsupport.MuttTestApp;
import io.mutt.testsupport.Ports;
import io.mutt.testsupport.TestServices;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.sstore.LocalSessionStore;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The findings of a hostile review of the running product, each reproduced through real HTTP
 * against MUTT's ingest and web roles on real Redis and PostgreSQL, answering as it must now.
 */
class ReviewFindingsTest {

  static final String INGEST_KEY = "review-ingest-key-0123456789";
  static final String WEB_KEY = "review-webui-key-0123456789";
  static MuttTestApp mutt;
  static Vertx vertx;
  static WebClient http;

  @BeforeAll
  static void start() {
    Map<String, String> s = new HashMap<>();
    s.put("INGEST_API_KEY", INGEST_KEY);
    s.put("WEBUI_API_KEY", WEB_KEY);
    s.put("HTTP_REQUEST_TIMEOUT_SECONDS", "2");
    s.put("PROMETHEUS_URL", "http://127.0.0.1:1");
    s.put("PROMETHEUS_RETRY_DELAY_MS", "10");
    // foreign variables of the process environment, as a deployment has them
    s.put("AWS_ACCESS_KEY_ID", "AKIACANARY0000000000");
    s.put("DATABASE_URL", "postgres://app:canary-db-password@db.example/app");
    s.put("GITHUB_PAT", "ghp_canary000000000000000000000000000");
    mutt = MuttTestApp.start("ingest,web", s);
    vertx = Vertx.vertx();
    // the servers here close a connection idle for 2 s: the pool lets one go after 1 s, so a
    // request
    // never goes out on a connection the server is closing at that moment
    http =
        WebClient.create(
            vertx, new WebClientOptions().setFollowRedirects(false).setKeepAliveTimeout(1));
  }

  @AfterAll
  static void stop() {
    http.close();
    vertx.close().await();
    mutt.close();
  }

  /** A client connecting from its own loopback address, so its lockout concerns it alone. */
  static WebClient clientFrom(String localAddress) {
    return WebClient.create(
        vertx,
        new WebClientOptions()
            .setFollowRedirects(false)
            .setKeepAliveTimeout(1)
            .setLocalAddress(localAddress));
  }

  static HttpResponse<Buffer> web(String path) {
    return http.getAbs(mutt.webUrl() + path).putHeader("X-API-KEY", WEB_KEY).send().await();
  }

  @Test
  void admin_config_shows_muttS_own_settings_only_and_no_secret() {
    HttpResponse<Buffer> res =
        http.getAbs(mutt.ingestUrl() + "/admin/config")
            .putHeader("X-API-KEY", INGEST_KEY)
            .send()
            .await();
    assertThat(res.statusCode()).isEqualTo(200);
    JsonObject stat = res.bodyAsJsonObject().getJsonObject("static");
    assertThat(stat.getString("REQUIRED_FIELDS")).isEqualTo("hostname,message,timestamp");
    assertThat(stat.fieldNames())
        .contains("SERVER_PORT_INGESTOR", "REDIS_HOST")
        .doesNotContain("AWS_ACCESS_KEY_ID", "DATABASE_URL", "GITHUB_PAT", "PATH", "HOME");
    assertThat(res.bodyAsString())
        .doesNotContain("AKIACANARY", "canary-db-password", "ghp_canary", INGEST_KEY, WEB_KEY);
  }

  @Test
  void anonymous_requests_create_no_session() {
    LocalSessionStore store = LocalSessionStore.create(mutt.app.vertx());
    int before = store.size().await();
    for (int i = 0; i < 200; i++) {
      HttpResponse<Buffer> res = http.getAbs(mutt.webUrl() + "/").send().await();
      assertThat(res.statusCode()).isEqualTo(302);
      assertThat(res.cookies()).isEmpty();
    }
    // a made-up cookie does not create one either
    HttpResponse<Buffer> forged =
        http.getAbs(mutt.webUrl() + "/api/v2/rules")
            .putHeader("Cookie", "mutt_session=0123456789abcdef0123456789abcdef")
            .send()
            .await();
    assertThat(forged.statusCode()).isEqualTo(401);
    assertThat(store.size().await()).isLessThanOrEqualTo(before);
  }

  @Test
  void wrong_keys_and_logins_are_limited_per_client_then_429_with_retry_after() {
    WebClient attacker = clientFrom("127.0.0.7");
    try {
      for (int i = 0; i < 10; i++) {
        HttpResponse<Buffer> res =
            attacker
                .postAbs(mutt.webUrl() + "/login")
                .sendForm(MultiMap.caseInsensitiveMultiMap().add("api_key", "guess-" + i))
                .await();
        assertThat(res.statusCode()).as("attempt %d", i).isEqualTo(303);
      }
      HttpResponse<Buffer> locked =
          attacker
              .postAbs(mutt.webUrl() + "/login")
              .sendForm(MultiMap.caseInsensitiveMultiMap().add("api_key", WEB_KEY))
              .await();
      assertThat(locked.statusCode()).isEqualTo(429);
      assertThat(Integer.parseInt(locked.getHeader("Retry-After"))).isBetween(1, 60);
      HttpResponse<Buffer> keyed =
          attacker
              .getAbs(mutt.webUrl() + "/api/v2/rules")
              .putHeader("X-API-KEY", WEB_KEY)
              .send()
              .await();
      assertThat(keyed.statusCode()).isEqualTo(429);
      // another client is not affected
      assertThat(web("/api/v2/rules").statusCode()).isEqualTo(200);
    } finally {
      attacker.close();
    }

    WebClient sender = clientFrom("127.0.0.8");
    try {
      for (int i = 0; i < 10; i++) {
        assertThat(ingest(sender, "wrong-" + i).statusCode()).isEqualTo(401);
      }
      HttpResponse<Buffer> locked = ingest(sender, INGEST_KEY);
      assertThat(locked.statusCode()).isEqualTo(429);
      assertThat(locked.getHeader("Retry-After")).isNotBlank();
      assertThat(ingest(http, INGEST_KEY).statusCode()).isEqualTo(200);
    } finally {
      sender.close();
    }
    String metrics = http.getAbs(mutt.webUrl() + "/metrics").send().await().bodyAsString();
    assertThat(metrics)
        .contains("mutt_auth_failures_total{server=\"web\"}")
        .contains("mutt_auth_lockouts_total{server=\"ingest\"}");
  }

  static HttpResponse<Buffer> ingest(WebClient client, String key) {
    return client
        .postAbs(mutt.ingestUrl() + "/api/v2/ingest")
        .putHeader("X-API-KEY", key)
        .sendJsonObject(
            new JsonObject()
                .put("hostname", "h1")
                .put("message", "m")
                .put("timestamp", "2026-01-01T00:00:00Z"))
        .await();
  }

  @Test
  void refused_requests_are_not_ingest_service_failures_in_the_local_slo() {
    for (int i = 0; i < 5; i++) {
      assertThat(ingest(http, INGEST_KEY).statusCode()).isEqualTo(200);
    }
    for (int i = 0; i < 200; i++) {
      assertThat(
              http.postAbs(mutt.ingestUrl() + "/api/v2/ingest")
                  .sendJsonObject(new JsonObject().put("hostname", "h"))
                  .await()
                  .statusCode())
          .isEqualTo(401);
    }
    JsonObject report = web("/api/v2/slo").bodyAsJsonObject();
    assertThat(report.getString("source")).isEqualTo("local");
    JsonObject availability =
        report.getJsonArray("slos").stream()
            .map(JsonObject.class::cast)
            .filter(o -> o.getString("slo_name").equals("ingestor_availability"))
            .findFirst()
            .orElseThrow();
    assertThat(availability.getDouble("actual_value")).isEqualTo(1.0);
  }

  @Test
  void a_nul_character_anywhere_is_a_400_naming_the_field() {
    HttpResponse<Buffer> body =
        http.postAbs(mutt.webUrl() + "/api/v2/dev-hosts")
            .putHeader("X-API-KEY", WEB_KEY)
            .sendJsonObject(new JsonObject().put("hostname", "lab\u0000one"))
            .await();
    assertThat(body.statusCode()).isEqualTo(400);
    assertThat(body.bodyAsJsonObject().getString("field")).isEqualTo("hostname");
    HttpResponse<Buffer> rule =
        http.postAbs(mutt.webUrl() + "/api/v2/rules")
            .putHeader("X-API-KEY", WEB_KEY)
            .sendJsonObject(
                new JsonObject()
                    .put("match_string", "x\u0000")
                    .put("match_type", "contains")
                    .put("priority", 10)
                    .put("prod_handling", "Page_and_ticket")
                    .put("dev_handling", "Ignore")
                    .put("team_assignment", "NETO"))
            .await();
    assertThat(rule.statusCode()).isEqualTo(400);
    assertThat(rule.bodyAsJsonObject().getString("field")).isEqualTo("match_string");
    for (String path :
        new String[] {
          "/api/v2/audit-logs?hostname=a%00b",
          "/api/v2/audit?table_name=x%00",
          "/api/v2/events/abc%00def",
          "/api/v2/teams?hostname=%00"
        }) {
      HttpResponse<Buffer> res = web(path);
      assertThat(res.statusCode()).as(path).isEqualTo(400);
      assertThat(res.bodyAsJsonObject().getString("field")).as(path).isNotBlank();
    }
  }

  @Test
  void paging_overflow_and_far_dates_are_400_naming_the_parameter() {
    HttpResponse<Buffer> page = web("/api/v2/audit-logs?page=2147483647&limit=200");
    assertThat(page.statusCode()).isEqualTo(400);
    assertThat(page.bodyAsString()).contains("page");
    HttpResponse<Buffer> page2 = web("/api/v2/audit?page=2147483647&limit=200");
    assertThat(page2.statusCode()).isEqualTo(400);
    HttpResponse<Buffer> date = web("/api/v2/audit-logs?end_date=%2B999999999-12-31");
    assertThat(date.statusCode()).isEqualTo(400);
    assertThat(date.bodyAsString()).contains("end_date");
    HttpResponse<Buffer> date2 = web("/api/v2/audit?start_date=%2B999999999-12-31T00:00:00Z");
    assertThat(date2.statusCode()).isEqualTo(400);
    assertThat(date2.bodyAsString()).contains("start_date");
    assertThat(web("/api/v2/audit-logs?page=3&limit=200").statusCode()).isEqualTo(200);
  }

  @Test
  void a_key_in_the_query_string_is_refused_and_the_actor_is_not_part_of_the_key() {
    HttpResponse<Buffer> q =
        http.getAbs(mutt.webUrl() + "/api/v2/rules?api_key=" + WEB_KEY).send().await();
    assertThat(q.statusCode()).isEqualTo(400);
    HttpResponse<Buffer> created =
        http.postAbs(mutt.webUrl() + "/api/v2/dev-hosts")
            .putHeader("X-API-KEY", WEB_KEY)
            .sendJsonObject(new JsonObject().put("hostname", "actor-check-1"))
            .await();
    assertThat(created.statusCode()).isEqualTo(201);
    JsonArray changes =
        web("/api/v2/config-audit?table_name=development_hosts")
            .bodyAsJsonObject()
            .getJsonArray("changes");
    String actors = changes.encode();
    assertThat(actors)
        .contains("webui_api:" + KeyId.of(WEB_KEY))
        .doesNotContain(WEB_KEY.substring(0, 8));
    JsonObject session = web("/api/v2/session").bodyAsJsonObject();
    assertThat(session.getString("actor")).isEqualTo("webui_api:" + KeyId.of(WEB_KEY));
  }

  @Test
  void a_client_sending_headers_slowly_is_disconnected_on_every_server() throws Exception {
    for (String portKey : new String[] {"SERVER_PORT_INGESTOR", "SERVER_PORT_WEBUI"}) {
      try (Socket s = new Socket("127.0.0.1", mutt.port(portKey))) {
        s.setSoTimeout(10_000);
        OutputStream out = s.getOutputStream();
        out.write(
            "GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        long start = System.nanoTime();
        // drip one byte a second: an idle timeout alone would never fire
        InputStream in = s.getInputStream();
        int read = 0;
        while (read >= 0 && System.nanoTime() - start < 8_000_000_000L) {
          try {
            out.write('a');
            out.flush();
          } catch (java.io.IOException closed) {
            break;
          }
          s.setSoTimeout(1000);
          try {
            read = in.read();
          } catch (java.net.SocketTimeoutException nothingYet) {
            read = 0;
          } catch (java.net.SocketException reset) {
            // the server closed the connection and our next byte drew a reset: disconnected
            break;
          }
        }
        assertThat(System.nanoTime() - start).as(portKey).isLessThan(8_000_000_000L);
      }
    }
  }

  @Test
  void a_slow_ingest_body_is_answered_408_and_closed() throws Exception {
    try (Socket s = new Socket("127.0.0.1", mutt.port("SERVER_PORT_INGESTOR"))) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(
          ("POST /api/v2/ingest HTTP/1.1\r\nHost: x\r\nX-API-KEY: "
                  + INGEST_KEY
                  + "\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{\"hostname\":")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
      assertThat(answer).startsWith("HTTP/1.1 408");
    }
  }

  @Test
  void an_oversized_header_is_answered_431() throws Exception {
    try (Socket s = new Socket("127.0.0.1", mutt.port("SERVER_PORT_WEBUI"))) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(
          ("GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(100 * 1024) + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      byte[] head = s.getInputStream().readNBytes(12);
      assertThat(new String(head, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 431");
    }
  }

  @Test
  void a_weak_operator_key_is_refused_at_start_without_printing_it() {
    Map<String, String> s = new HashMap<>(TestServices.all());
    s.putAll(Ports.allFree());
    s.put("INGEST_API_KEY", "short-key-1");
    assertThatThrownBy(() -> MuttApp.start(s, "ingest", false).close())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("INGEST_API_KEY is too short")
        .hasMessageContaining("API_KEY_MIN_LENGTH")
        .hasMessageNotContaining("short-key-1");
  }

  @Test
  void the_local_moogsoft_stand_in_listens_on_the_loopback_only() throws Exception {
    int port = Ports.free();
    mutt.app
        .vertx()
        .deployVerticle(new io.mutt.moog.MockMoogVerticle(port, io.mutt.moog.FaultPlan.NONE))
        .await();
    assertThat(listeners(port)).isNotEmpty().allMatch(a -> a.endsWith("0100007F"));
  }

  /** Local addresses (hex, as the kernel prints them) of the TCP sockets listening on a port. */
  static java.util.List<String> listeners(int port) throws Exception {
    String hexPort = String.format("%04X", port);
    java.util.List<String> out = new java.util.ArrayList<>();
    for (String file : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
      java.nio.file.Path p = java.nio.file.Path.of(file);
      if (!java.nio.file.Files.exists(p)) {
        continue;
      }
      for (String line : java.nio.file.Files.readAllLines(p)) {
        String[] f = line.trim().split("\\s+");
        if (f.length > 3 && f[1].endsWith(":" + hexPort) && f[3].equals("0A")) {
          out.add(f[1].substring(0, f[1].indexOf(':')));
        }
      }
    }
    return out;
  }
}
