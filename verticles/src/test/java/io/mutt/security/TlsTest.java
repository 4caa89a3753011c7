package io.mutt.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mutt.app.MuttApp;
import io.mutt.testsupport.CertAuthority;
import io.mutt.testsupport.Eventually;
import io.mutt.testsupport.MuttTestApp;
import io.mutt.testsupport.Ports;
import io.mutt.testsupport.TestServices;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * TLS where MUTT promises it, against real servers: HTTPS on the ingest and web ports with
 * certificates generated here (reloaded when the files change), client-certificate auth for
 * /metrics, the Secure session cookie over HTTPS, and REDIS_TLS_ENABLED against a real redis-server
 * listening with --tls-port, with verification on: a certificate from another CA is refused.
 */
class TlsTest {

  static Path dir;
  static CertAuthority ca;
  static CertAuthority otherCa;
  static Path[] server;
  static Path[] client;
  static Path serverCert;
  static Path serverKey;
  static MuttTestApp mutt;
  static Vertx vertx;

  @BeforeAll
  static void start() throws Exception {
    dir = Files.createTempDirectory("mutt-tls-");
    ca = CertAuthority.authority(dir, "main");
    otherCa = CertAuthority.authority(dir, "other");
    server = ca.issue("server", true);
    client = ca.issue("prometheus", false);
    serverCert = dir.resolve("live-cert.pem");
    serverKey = dir.resolve("live-key.pem");
    Files.copy(server[0], serverCert);
    Files.copy(server[1], serverKey);
    Map<String, String> s = new HashMap<>();
    s.put("INGEST_TLS_CERT", serverCert.toString());
    s.put("INGEST_TLS_KEY", serverKey.toString());
    s.put("WEBUI_TLS_CERT", serverCert.toString());
    s.put("WEBUI_TLS_KEY", serverKey.toString());
    s.put("METRICS_CLIENT_CA", ca.ca.toString());
    s.put("TLS_RELOAD_CHECK_SECONDS", "1");
    s.put("PROMETHEUS_URL", "http://127.0.0.1:1");
    mutt = MuttTestApp.start("ingest,web", s);
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    mutt.close();
    vertx.close().await();
  }

  static WebClient trusting(Path caPem, Path[] clientCert) {
    WebClientOptions o =
        new WebClientOptions()
            .setSsl(true)
            .setVerifyHost(true)
            .setFollowRedirects(false)
            .setTrustOptions(new PemTrustOptions().addCertPath(caPem.toString()));
    if (clientCert != null) {
      o.setKeyCertOptions(
          new PemKeyCertOptions()
              .setCertPath(clientCert[0].toString())
              .setKeyPath(clientCert[1].toString()));
    }
    return WebClient.create(vertx, o);
  }

  static String https(String portKey, String path) {
    return "https://127.0.0.1:" + mutt.port(portKey) + path;
  }

  @Test
  void ingest_and_web_answer_over_https_and_a_client_trusting_another_ca_is_refused() {
    WebClient good = trusting(ca.ca, null);
    WebClient wrong = trusting(otherCa.ca, null);
    try {
      int status =
          good.postAbs(https("SERVER_PORT_INGESTOR", "/api/v2/ingest"))
              .putHeader("X-API-KEY", mutt.settings.get("INGEST_API_KEY"))
              .sendJsonObject(
                  new JsonObject()
                      .put("hostname", "tls-1")
                      .put("message", "m")
                      .put("timestamp", "2026-01-01T00:00:00Z"))
              .await()
              .statusCode();
      assertThat(status).isEqualTo(200);
      assertThat(good.getAbs(https("SERVER_PORT_WEBUI", "/health")).send().await().statusCode())
          .isEqualTo(200);
      assertThatThrownBy(() -> wrong.getAbs(https("SERVER_PORT_WEBUI", "/health")).send().await())
          .hasStackTraceContaining("PKIX");
      assertThatThrownBy(
              () -> wrong.getAbs(https("SERVER_PORT_INGESTOR", "/health")).send().await())
          .hasStackTraceContaining("PKIX");
    } finally {
      good.close();
      wrong.close();
    }
  }

  @Test
  void metrics_need_a_client_certificate_from_the_metrics_ca() {
    WebClient anonymous = trusting(ca.ca, null);
    WebClient prometheus = trusting(ca.ca, client);
    try {
      for (String port : new String[] {"SERVER_PORT_INGESTOR", "SERVER_PORT_WEBUI"}) {
        assertThat(anonymous.getAbs(https(port, "/metrics")).send().await().statusCode())
            .as(port)
            .isEqualTo(403);
        var res = prometheus.getAbs(https(port, "/metrics")).send().await();
        assertThat(res.statusCode()).as(port).isEqualTo(200);
        assertThat(res.bodyAsString()).contains("mutt_");
      }
    } finally {
      anonymous.close();
      prometheus.close();
    }
  }

  @Test
  void the_session_cookie_is_secure_over_https() {
    WebClient good = trusting(ca.ca, null);
    try {
      var login =
          good.postAbs(https("SERVER_PORT_WEBUI", "/login"))
              .sendForm(
                  MultiMap.caseInsensitiveMultiMap()
                      .add("api_key", mutt.settings.get("WEBUI_API_KEY")))
              .await();
      assertThat(login.statusCode()).isEqualTo(303);
      assertThat(login.cookies())
          .anyMatch(c -> c.startsWith("mutt_session=") && c.contains("Secure"));
    } finally {
      good.close();
    }
  }

  @Test
  void a_replaced_certificate_is_served_without_a_restart() throws Exception {
    CertAuthority next = CertAuthority.authority(dir, "next");
    Path[] renewed = next.issue("server-next", true);
    Files.copy(renewed[1], serverKey, StandardCopyOption.REPLACE_EXISTING);
    Files.copy(renewed[0], serverCert, StandardCopyOption.REPLACE_EXISTING);
    WebClient nextClient = trusting(next.ca, null);
    try {
      Eventually.until(
          Duration.ofSeconds(15),
          "the new certificate is served on both ports",
          () -> {
            for (String port : new String[] {"SERVER_PORT_INGESTOR", "SERVER_PORT_WEBUI"}) {
              try {
                if (nextClient.getAbs(https(port, "/health")).send().await().statusCode() != 200) {
                  return false;
                }
              } catch (Exception handshake) {
                return false;
              }
            }
            return true;
          });
    } finally {
      nextClient.close();
      Files.copy(server[1], serverKey, StandardCopyOption.REPLACE_EXISTING);
      Files.copy(server[0], serverCert, StandardCopyOption.REPLACE_EXISTING);
      WebClient original = trusting(ca.ca, null);
      Eventually.until(
          Duration.ofSeconds(15), "the original certificate is back", () -> serves(original));
      original.close();
    }
  }

  static boolean serves(WebClient c) {
    for (String port : new String[] {"SERVER_PORT_INGESTOR", "SERVER_PORT_WEBUI"}) {
      try {
        if (c.getAbs(https(port, "/health")).send().await().statusCode() != 200) {
          return false;
        }
      } catch (Exception handshake) {
        return false;
      }
    }
    return true;
  }

  @Test
  void redis_over_tls_works_with_the_right_ca_and_refuses_another() throws Exception {
    int port = Ports.free();
    Process redis =
        new ProcessBuilder(
                "redis-server",
                "--port",
                "0",
                "--bind",
                "127.0.0.1",
                "--tls-port",
                String.valueOf(port),
                "--tls-cert-file",
                server[0].toString(),
                "--tls-key-file",
                server[1].toString(),
                "--tls-ca-cert-file",
                ca.ca.toString(),
                "--tls-auth-clients",
                "no",
                "--save",
                "",
                "--appendonly",
                "no")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("redis.log").toFile())
            .start();
    try {
      Eventually.until(Duration.ofSeconds(10), "redis-server listens", () -> listening(port));
      Map<String, String> s = new HashMap<>(TestServices.all());
      s.putAll(Ports.allFree());
      s.put("REDIS_HOST", "127.0.0.1");
      s.put("REDIS_PORT", String.valueOf(port));
      s.put("REDIS_TLS_ENABLED", "true");
      s.put("REDIS_CA_CERT_PATH", ca.ca.toString());
      s.remove("REDIS_PASS_CURRENT");
      try (MuttApp app = MuttApp.start(s, "ingest", false)) {
        WebClient http = WebClient.create(vertx);
        int status =
            http.postAbs("http://127.0.0.1:" + s.get("SERVER_PORT_INGESTOR") + "/api/v2/ingest")
                .putHeader("X-API-KEY", s.get("INGEST_API_KEY"))
                .sendJsonObject(
                    new JsonObject()
                        .put("hostname", "tls-redis")
                        .put("message", "m")
                        .put("timestamp", "2026-01-01T00:00:00Z"))
                .await()
                .statusCode();
        http.close();
        assertThat(status).isEqualTo(200);
        assertThat(
                app.runtime()
                    .redis()
                    .send(
                        io.vertx.redis.client.Request.cmd(io.vertx.redis.client.Command.XLEN)
                            .arg(app.runtime().keys().ingestQueue))
                    .await()
                    .toLong())
            .isEqualTo(1);
      }
      Map<String, String> wrong = new HashMap<>(s);
      wrong.putAll(Ports.allFree());
      wrong.put("REDIS_CA_CERT_PATH", otherCa.ca.toString());
      assertThatThrownBy(() -> MuttApp.start(wrong, "ingest", false).close())
          .hasMessageContaining("Redis (standalone 127.0.0.1:" + port + ") is not reachable");
    } finally {
      redis.destroy();
      redis.waitFor();
    }
  }

  static boolean listening(int port) {
    try (Socket s = new Socket("127.0.0.1", port)) {
      return true;
    } catch (Exception e) {
      return false;
    }
  }
}
