package io.mutt.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.mutt.app.EmbeddedServers;
import io.mutt.moog.FaultPlan;
import io.mutt.moog.MockMoogVerticle;
import io.mutt.testsupport.Eventually;
import io.mutt.testsupport.MuttTestApp;
import io.mutt.testsupport.Ports;
import io.mutt.testsupport.StandIn;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Secrets rotated in Vault take effect in a running MUTT, without a restart: the web key (through
 * {@code _NEXT}, then alone), the Moogsoft key (the next alert carries it), the Redis password (new
 * connections use it after the old one is retired and the connections cut) and the PostgreSQL
 * password (likewise). Vault is the in-test server speaking its HTTP API; the secret is re-read
 * every second.
 */
class VaultRotationTest extends VaultTestBase {

  Map<String, String> vaultSettings() throws Exception {
    Map<String, String> s = appRoleSettings();
    s.put("VAULT_SECRETS_REFRESH_INTERVAL", "1");
    for (String k : new String[] {"INGEST_API_KEY", "WEBUI_API_KEY", "MOOG_API_KEY"}) {
      s.put(k, ""); // empty counts as unset: Vault provides it
    }
    return s;
  }

  static JsonObject keys() {
    return new JsonObject()
        .put("INGEST_API_KEY", "rot-ingest-key-0123456789")
        .put("WEBUI_API_KEY", "rot-webui-key-0123456789")
        .put("MOOG_API_KEY", "rot-moog-key-one-0123456789");
  }

  int status(String url, String key) {
    return http.getAbs(url).putHeader("X-API-KEY", key).send().await().statusCode();
  }

  @Test
  void the_web_key_rotates_through_next_without_a_restart() throws Exception {
    vault.write(keys());
    mutt = MuttTestApp.start("web", vaultSettings());
    String rules = mutt.webUrl() + "/api/v2/rules";
    String old = "rot-webui-key-0123456789";
    String next = "rot-webui-next-0123456789";
    assertThat(status(rules, old)).isEqualTo(200);
    assertThat(status(rules, next)).isEqualTo(401);
    vault.write(keys().put("WEBUI_API_KEY_NEXT", next));
    Eventually.until(
        Duration.ofSeconds(10), "the next key accepted", () -> status(rules, next) == 200);
    assertThat(status(rules, old)).as("the old key during the rotation").isEqualTo(200);
    vault.write(keys().put("WEBUI_API_KEY", next));
    Eventually.until(
        Duration.ofSeconds(10), "the old key retired", () -> status(rules, old) == 401);
    assertThat(status(rules, next)).isEqualTo(200);
  }

  @Test
  void a_moogsoft_key_rotated_in_vault_is_sent_with_the_next_alert() throws Exception {
    vault.write(keys());
    int moogPort = Ports.free();
    vertx.deployVerticle(new MockMoogVerticle("127.0.0.1", moogPort, FaultPlan.NONE)).await();
    Map<String, String> s = vaultSettings();
    s.put("MOOG_WEBHOOK_URL", "http://127.0.0.1:" + moogPort + "/events");
    mutt = MuttTestApp.start("ingest,alerter,forwarder", s);
    try (StandIn moog = new StandIn("http://127.0.0.1:" + moogPort)) {
      AtomicInteger sent = new AtomicInteger();
      String first = fingerprint("Bearer rot-moog-key-one-0123456789");
      String second = fingerprint("Bearer rot-moog-key-two-0123456789");
      send(sent.incrementAndGet());
      Eventually.until(Duration.ofSeconds(30), "the first alert", () -> moog.count() >= 1);
      assertThat(lastAuthorization(moog)).isEqualTo(first);

      vault.write(keys().put("MOOG_API_KEY", "rot-moog-key-two-0123456789"));
      Eventually.until(
          Duration.ofSeconds(30),
          "an alert with the rotated key",
          () -> {
            send(sent.incrementAndGet());
            return second.equals(lastAuthorization(moog));
          });
    }
  }

  @Test
  void a_redis_password_rotated_in_vault_is_used_by_new_connections() throws Exception {
    try (EmbeddedServers servers = new EmbeddedServers()) {
      int port = servers.startRedis(tmp.resolve("redis"));
      Redis open =
          Redis.createClient(
              vertx, new RedisOptions().setConnectionString("redis://127.0.0.1:" + port));
      open.send(acl("resetpass", ">rot-redis-one-0123456789")).await();
      open.close();
      vault.write(keys().put("REDIS_PASS_CURRENT", "rot-redis-one-0123456789"));
      Map<String, String> s = vaultSettings();
      s.put("REDIS_HOST", "127.0.0.1");
      s.put("REDIS_PORT", String.valueOf(port));
      s.put("REDIS_TLS_ENABLED", "false");
      s.put("REDIS_PASS_CURRENT", "");
      mutt = MuttTestApp.start("ingest", s);
      assertThat(ingest(1)).isEqualTo(200);

      // Redis takes the new password and retires the old one; MUTT's connections are cut
      Redis admin =
          Redis.createClient(
              vertx,
              new RedisOptions()
                  .setConnectionString("redis://127.0.0.1:" + port)
                  .setPassword("rot-redis-one-0123456789"));
      admin.send(acl(">rot-redis-two-0123456789")).await();
      admin.close();
      Redis admin2 =
          Redis.createClient(
              vertx,
              new RedisOptions()
                  .setConnectionString("redis://127.0.0.1:" + port)
                  .setPassword("rot-redis-two-0123456789"));
      admin2.send(acl("<rot-redis-one-0123456789")).await();
      vault.write(keys().put("REDIS_PASS_CURRENT", "rot-redis-two-0123456789"));
      admin2
          .send(
              Request.cmd(Command.CLIENT)
                  .arg("KILL")
                  .arg("TYPE")
                  .arg("normal")
                  .arg("SKIPME")
                  .arg("yes"))
          .await();
      AtomicInteger i = new AtomicInteger(1);
      Eventually.until(
          Duration.ofSeconds(20), "events queued again", () -> ingest(i.incrementAndGet()) == 200);
      for (int k = 0; k < 20; k++) {
        assertThat(ingest(i.incrementAndGet())).isEqualTo(200);
      }
      long queued = admin2.send(Request.cmd(Command.XLEN).arg(queueKey())).await().toLong();
      assertThat(queued).isGreaterThanOrEqualTo(21);
      admin2.close();
    }
  }

  @Test
  void a_postgresql_password_rotated_in_vault_is_used_by_new_connections() throws Exception {
    try (EmbeddedServers servers = new EmbeddedServers()) {
      String admin = "rot-pg-admin-0123456789";
      int port = servers.startPostgres(tmp.resolve("pg"), admin);
      String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
      try (Connection c = DriverManager.getConnection(url, "postgres", admin);
          Statement st = c.createStatement()) {
        st.execute("CREATE ROLE mutt_vrot LOGIN PASSWORD 'rot-pg-one-0123456789'");
        st.execute("CREATE DATABASE mutt_vrot_db OWNER mutt_vrot");
      }
      vault.write(keys().put("DB_PASS_CURRENT", "rot-pg-one-0123456789"));
      Map<String, String> s = vaultSettings();
      s.put("DB_HOST", "127.0.0.1");
      s.put("DB_PORT", String.valueOf(port));
      s.put("DB_NAME", "mutt_vrot_db");
      s.put("DB_USER", "mutt_vrot");
      s.put("DB_PASS_CURRENT", "");
      s.put("DB_TLS_ENABLED", "false");
      s.put("MUTT_LOAD_DEMO_DATA", "false");
      mutt = MuttTestApp.start("web", s);
      assertThat(devHost("before")).isEqualTo(201);

      try (Connection c = DriverManager.getConnection(url, "postgres", admin);
          Statement st = c.createStatement()) {
        st.execute("ALTER ROLE mutt_vrot PASSWORD 'rot-pg-two-0123456789'");
        vault.write(keys().put("DB_PASS_CURRENT", "rot-pg-two-0123456789"));
        st.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = 'mutt_vrot'");
      }
      AtomicInteger i = new AtomicInteger();
      Eventually.until(
          Duration.ofSeconds(20),
          "writes served again",
          () -> devHost("after-" + i.incrementAndGet()) == 201);
      try (Connection c =
              DriverManager.getConnection(
                  "jdbc:postgresql://127.0.0.1:" + port + "/mutt_vrot_db",
                  "mutt_vrot",
                  "rot-pg-two-0123456789");
          Statement st = c.createStatement();
          var rs =
              st.executeQuery(
                  "SELECT COUNT(*) FROM pg_stat_activity WHERE usename = 'mutt_vrot'"
                      + " AND pid <> pg_backend_pid()")) {
        rs.next();
        assertThat(rs.getLong(1)).as("MUTT's sessions with the new password").isPositive();
      }
    }
  }

  String queueKey() {
    return mutt.app.runtime().keys().ingestQueue;
  }

  int devHost(String name) {
    return http.postAbs(mutt.webUrl() + "/api/v2/dev-hosts")
        .putHeader("X-API-KEY", "rot-webui-key-0123456789")
        .sendJsonObject(new JsonObject().put("hostname", "rot-" + name))
        .await()
        .statusCode();
  }

  int ingest(int i) {
    return http.postAbs(mutt.ingestUrl() + "/api/v2/ingest")
        .putHeader("X-API-KEY", "rot-ingest-key-0123456789")
        .sendJsonObject(
            new JsonObject()
                .put("hostname", "h" + i)
                .put("timestamp", Instant.now().toString())
                .put("message", "m" + i))
        .await()
        .statusCode();
  }

  void send(int i) {
    int code =
        http.postAbs(mutt.ingestUrl() + "/api/v2/ingest")
            .putHeader("X-API-KEY", "rot-ingest-key-0123456789")
            .sendJsonObject(
                new JsonObject()
                    // a host of its own per event: repeats of one host are coalesced into one alert
                    .put("hostname", "router" + i + ".prod.example.com")
                    .put("timestamp", Instant.now().toString())
                    .put("message", "%LINK-3-UPDOWN: ERROR on Gi0/1"))
            .await()
            .statusCode();
    assertThat(code).isEqualTo(200);
  }

  static String lastAuthorization(StandIn moog) {
    JsonArray events = moog.eventsWithMeta(1);
    return events.isEmpty() ? null : events.getJsonObject(0).getString("authorization");
  }

  static Request acl(String... rules) {
    Request r = Request.cmd(Command.ACL).arg("SETUSER").arg("default");
    for (String rule : rules) {
      r.arg(rule);
    }
    return r;
  }

  static String fingerprint(String header) throws Exception {
    byte[] d = MessageDigest.getInstance("SHA-256").digest(header.getBytes(StandardCharsets.UTF_8));
    return "Bearer sha256:" + HexFormat.of().formatHex(d).substring(0, 16);
  }
}
