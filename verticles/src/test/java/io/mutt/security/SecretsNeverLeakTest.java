package io.mutt.security;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import io.mutt.app.EmbeddedServers;
import io.mutt.app.MuttApp;
import io.mutt.testsupport.Eventually;
import io.mutt.testsupport.Ports;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Every secret stays out of every output. MUTT runs every role against a Redis and a PostgreSQL
 * that check passwords, with its keys and passwords read from Vault (AppRole), each secret a
 * distinctive random value. An end-to-end flow runs (events ingested with right and wrong keys and
 * a key in the query string, alerts forwarded to the stand-in, a dashboard login and its pages,
 * every documented GET of the API, a configuration change, /admin/config, /health and /metrics of
 * every port, Vault sealed and back), and every captured log line (io.mutt at DEBUG, with stack
 * traces), start-up summary line, metric, health body, API response, page and forwarded alert is
 * searched for each secret, its first and its last 12 characters.
 */
class SecretsNeverLeakTest {

  @TempDir Path tmp;

  static String distinctive(String what) {
    byte[] raw = new byte[20];
    new SecureRandom().nextBytes(raw);
    return what + "-" + HexFormat.of().formatHex(raw);
  }

  @Test
  void no_secret_appears_in_logs_metrics_health_api_answers_pages_or_alerts() throws Exception {
    Map<String, String> secrets = new LinkedHashMap<>();
    secrets.put("INGEST_API_KEY", distinctive("Ingest"));
    secrets.put("WEBUI_API_KEY", distinctive("Webui"));
    secrets.put("MOOG_API_KEY", distinctive("Moog"));
    secrets.put("REDIS_PASS_CURRENT", distinctive("Redis"));
    secrets.put("DB_PASS_CURRENT", distinctive("Dbpass"));
    String adminPass = distinctive("Dbadmin");

    List<String> logs = new CopyOnWriteArrayList<>();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Logger mutt = (Logger) LoggerFactory.getLogger("io.mutt");
    Level before = mutt.getLevel();
    AppenderBase<ILoggingEvent> capture =
        new AppenderBase<>() {
          @Override
          protected void append(ILoggingEvent e) {
            StringBuilder sb = new StringBuilder(e.getLoggerName()).append(' ');
            sb.append(e.getFormattedMessage());
            sb.append(' ').append(e.getMDCPropertyMap());
            if (e.getKeyValuePairs() != null) {
              sb.append(' ').append(e.getKeyValuePairs());
            }
            if (e.getThrowableProxy() != null) {
              sb.append('\n').append(ThrowableProxyUtil.asString(e.getThrowableProxy()));
            }
            logs.add(sb.toString());
          }
        };
    capture.setContext(root.getLoggerContext());
    capture.start();
    root.addAppender(capture);
    mutt.setLevel(Level.DEBUG);

    Vertx vertx = Vertx.vertx();
    WebClient http = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false));
    FakeVault vault = new FakeVault(vertx);
    Map<String, String> captured = new LinkedHashMap<>();
    MuttApp app = null;
    try (EmbeddedServers servers = new EmbeddedServers()) {
      int redisPort = servers.startRedis(tmp.resolve("redis"), secrets.get("REDIS_PASS_CURRENT"));
      int pgPort = servers.startPostgres(tmp.resolve("pg"), adminPass);
      try (Connection c =
              DriverManager.getConnection(
                  "jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres", "postgres", adminPass);
          Statement st = c.createStatement()) {
        st.execute("CREATE ROLE leak_user LOGIN PASSWORD '" + secrets.get("DB_PASS_CURRENT") + "'");
      }
      vault.write(new JsonObject(new java.util.HashMap<String, Object>(secrets)));
      Path secretIdFile = tmp.resolve("secret-id");
      Files.writeString(secretIdFile, vault.secretId + "\n");

      Map<String, String> s = new java.util.HashMap<>(Ports.allFree());
      s.put("VAULT_ADDR", vault.address());
      s.put("VAULT_ROLE_ID", vault.roleId);
      s.put("VAULT_SECRET_ID_FILE", secretIdFile.toString());
      s.put("VAULT_SECRETS_REFRESH_INTERVAL", "1");
      secrets.keySet().forEach(k -> s.put(k, "")); // empty = unset: Vault provides them
      s.put("REDIS_HOST", "127.0.0.1");
      s.put("REDIS_PORT", String.valueOf(redisPort));
      s.put("REDIS_TLS_ENABLED", "false");
      s.put("DB_HOST", "127.0.0.1");
      s.put("DB_PORT", String.valueOf(pgPort));
      s.put("DB_NAME", "mutt_db");
      s.put("DB_USER", "leak_user");
      s.put("DB_ADMIN_USER", "postgres");
      s.put("DB_ADMIN_PASS", adminPass);
      s.put("DB_TLS_ENABLED", "false");
      s.put("MUTT_DATA_DIR", tmp.resolve("data").toString());
      s.put("MUTT_LOAD_DEMO_DATA", "true");
      app = MuttApp.start(s, "all", false);
      captured.put("start-up summary", String.join("\n", app.summary()));

      String ingest = "http://127.0.0.1:" + s.get("SERVER_PORT_INGESTOR");
      String web = "http://127.0.0.1:" + s.get("SERVER_PORT_WEBUI");
      String moog = "http://127.0.0.1:" + s.get("MOCK_MOOG_PORT");
      String ingestKey = secrets.get("INGEST_API_KEY");
      String webKey = secrets.get("WEBUI_API_KEY");

      // events: accepted, refused (wrong key), and a key in the query string
      JsonObject event =
          new JsonObject()
              .put("hostname", "router1.prod.example.com")
              .put("timestamp", Instant.now().toString())
              .put("message", "%LINK-3-UPDOWN: ERROR on Gi0/1");
      HttpResponse<Buffer> accepted =
          keep(
              captured,
              "ingest accepted",
              http.postAbs(ingest + "/api/v2/ingest")
                  .putHeader("X-API-KEY", ingestKey)
                  .sendJsonObject(event)
                  .await());
      assertThat(accepted.statusCode()).isEqualTo(200);
      String correlationId = accepted.bodyAsJsonObject().getString("correlation_id");
      keep(
          captured,
          "ingest wrong key",
          http.postAbs(ingest + "/api/v2/ingest")
              .putHeader("X-API-KEY", ingestKey + "x")
              .sendJsonObject(event)
              .await());
      keep(
          captured,
          "ingest key in query",
          http.postAbs(ingest + "/api/v2/ingest?api_key=" + ingestKey)
              .sendJsonObject(event)
              .await());
      keep(
          captured,
          "web key in query",
          http.getAbs(web + "/api/v2/rules?api_key=" + webKey).send().await());
      keep(
          captured,
          "admin/config",
          http.getAbs(ingest + "/admin/config").putHeader("X-API-KEY", ingestKey).send().await());

      // the alert reaches the stand-in with the Moogsoft key
      String moogKey = secrets.get("MOOG_API_KEY");
      Eventually.until(
          Duration.ofSeconds(30),
          "the alert at the stand-in",
          () ->
              http.getAbs(moog + "/stats")
                      .putHeader("X-API-KEY", moogKey)
                      .send()
                      .await()
                      .bodyAsJsonObject()
                      .getLong("count")
                  > 0);
      keep(
          captured,
          "stand-in events",
          http.getAbs(moog + "/events?meta=true&limit=100")
              .putHeader("X-API-KEY", moogKey)
              .send()
              .await());

      // the dashboard: login page, a wrong login, a login, every page and script with the session
      keep(captured, "GET /", http.getAbs(web + "/").send().await());
      keep(captured, "GET /login", http.getAbs(web + "/login").send().await());
      keep(
          captured,
          "wrong login",
          http.postAbs(web + "/login")
              .sendForm(MultiMap.caseInsensitiveMultiMap().add("api_key", webKey + "x"))
              .await());
      HttpResponse<Buffer> login =
          keep(
              captured,
              "login",
              http.postAbs(web + "/login")
                  .sendForm(MultiMap.caseInsensitiveMultiMap().add("api_key", webKey))
                  .await());
      String cookie =
          login.cookies().stream()
              .map(c -> c.split(";", 2)[0])
              .reduce((a, b) -> a + "; " + b)
              .get();
      captured.put("session cookie", cookie);
      List<String> pages = new ArrayList<>(List.of("/", "/audit", "/api/v2/session"));
      try (Stream<Path> files = Files.walk(Path.of(repoRoot(), "webroot", "static"))) {
        files
            .filter(Files::isRegularFile)
            .map(f -> "/static/" + Path.of(repoRoot(), "webroot", "static").relativize(f))
            .forEach(pages::add);
      }
      for (String page : pages) {
        HttpResponse<Buffer> r =
            keep(
                captured,
                "page " + page,
                http.getAbs(web + page).putHeader("Cookie", cookie).send().await());
        assertThat(r.statusCode()).as(page).isEqualTo(200);
      }

      // a configuration change (audited with the actor) and every documented GET of the API
      keep(
          captured,
          "create dev host",
          http.postAbs(web + "/api/v2/dev-hosts")
              .putHeader("X-API-KEY", webKey)
              .sendJsonObject(new JsonObject().put("hostname", "leak-check-host"))
              .await());
      JsonObject openapi =
          new JsonObject(Files.readString(Path.of(repoRoot(), "docs", "openapi.json")));
      List<String> gets = new ArrayList<>();
      openapi
          .getJsonObject("paths")
          .forEach(
              e -> {
                if (((JsonObject) e.getValue()).containsKey("get")
                    && !e.getKey().contains("{")
                    && !e.getKey().endsWith("/live")) {
                  gets.add(e.getKey());
                }
              });
      gets.add("/api/v2/events/" + correlationId);
      gets.add("/api/v2/rules/1");
      assertThat(gets).hasSizeGreaterThan(20);
      for (String path : gets) {
        keep(captured, "api " + path, apiGet(http.getAbs(web + path), webKey));
      }

      // Vault sealed for a while (the failure is logged and reported), then back
      vault.sealed = true;
      Eventually.until(
          Duration.ofSeconds(20),
          "/health reports stale secrets",
          () -> http.getAbs(web + "/health").send().await().bodyAsString().contains("stale"));
      keep(captured, "health while Vault is sealed", http.getAbs(web + "/health").send().await());
      vault.sealed = false;
      Eventually.until(
          Duration.ofSeconds(20),
          "/health without stale secrets",
          () -> !http.getAbs(web + "/health").send().await().bodyAsString().contains("stale"));

      // /health and /metrics of every HTTP port
      for (String port :
          List.of(
              "SERVER_PORT_INGESTOR",
              "SERVER_PORT_WEBUI",
              "METRICS_PORT_ALERTER",
              "HEALTH_PORT_ALERTER",
              "METRICS_PORT_MOOG",
              "HEALTH_PORT_MOOG",
              "METRICS_PORT_REMEDIATION",
              "HEALTH_PORT_REMEDIATION")) {
        for (String path : List.of("/health", "/metrics")) {
          keep(
              captured,
              port + path,
              http.getAbs("http://127.0.0.1:" + s.get(port) + path).send().await());
        }
      }
      assertThat(captured.get("SERVER_PORT_INGESTOR/metrics")).contains("mutt_");
      app.close(); // before the servers stop, so shutdown is logged as it happens in production
      app = null;
    } finally {
      if (app != null) {
        app.close();
      }
      root.detachAppender(capture);
      mutt.setLevel(before);
      vault.close();
      vertx.close().await();
    }

    for (int i = 0; i < logs.size(); i++) {
      captured.put("log line " + i, logs.get(i));
    }
    Map<String, String> needles = new LinkedHashMap<>(secrets);
    needles.put("DB_ADMIN_PASS", adminPass);
    needles.put("VAULT_SECRET_ID", vault.secretId);
    for (int i = 0; i < vault.tokensIssued.size(); i++) {
      needles.put("Vault token " + i, vault.tokensIssued.get(i));
    }
    assertThat(vault.tokensIssued).isNotEmpty();

    List<String> leaks = new ArrayList<>();
    needles.forEach(
        (name, value) -> {
          Map<String, String> forms =
              Map.of(
                  "whole",
                  value,
                  "first 12 characters",
                  value.substring(0, 12),
                  "last 12 characters",
                  value.substring(value.length() - 12));
          captured.forEach(
              (where, text) ->
                  forms.forEach(
                      (form, part) -> {
                        if (text != null && text.contains(part)) {
                          leaks.add(name + " (" + form + ") in " + where);
                        }
                      }));
        });
    // the report names the secret and the place, never the value
    assertThat(leaks).as("secrets found in outputs").isEmpty();
    // what was searched is what the run printed: start-up, the Vault outage, and shutdown
    String all = String.join("\n", logs);
    assertThat(all).contains("Vault read failing").contains("Vault answered 503");
    assertThat(all).doesNotContain("is a PostgreSQL superuser");
  }

  private static HttpResponse<Buffer> apiGet(HttpRequest<Buffer> req, String key) {
    return req.putHeader("X-API-KEY", key).send().await();
  }

  private static HttpResponse<Buffer> keep(
      Map<String, String> captured, String what, HttpResponse<Buffer> res) {
    StringBuilder sb = new StringBuilder().append(res.statusCode()).append('\n');
    res.headers()
        .forEach(h -> sb.append(h.getKey()).append(": ").append(h.getValue()).append('\n'));
    sb.append(res.bodyAsString());
    captured.put(what, sb.toString());
    return res;
  }

  private static String repoRoot() {
    return System.getProperty("mutt.repo.root", "..");
  }
}
