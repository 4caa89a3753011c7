package io.mutt.rotation;

import static org.assertj.core.api.Assertions.assertThat;

import io.mutt.app.EmbeddedServers;
import io.mutt.app.MuttApp;
import io.mutt.testsupport.Ports;
import io.mutt.testsupport.TestServices;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Rotation (current/next password, docs/reference/configuration.md) of the PostgreSQL password on a
 * dedicated PostgreSQL that checks passwords (scram): MUTT runs with DB_PASS_CURRENT=p1 and
 * DB_PASS_NEXT=p2 while writes flow through the web API; the role's password is changed to p2 and
 * its sessions are cut, so the running pool must open new connections: they fall back to p2. An
 * instance started afterwards with the stale CURRENT also comes up. Every acknowledged write is in
 * the table.
 */
class DbPasswordRotationTest {

  @Test
  void the_running_pool_and_new_instances_follow_a_password_change() throws Exception {
    try (EmbeddedServers servers = new EmbeddedServers()) {
      int port = servers.startPostgres(Files.createTempDirectory("mutt-dbrot-"));
      String admin = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
      try (Connection c = DriverManager.getConnection(admin, "postgres", null);
          Statement st = c.createStatement()) {
        st.execute("CREATE ROLE mutt_rot LOGIN PASSWORD 'p1'");
        st.execute("CREATE DATABASE mutt_rot_db OWNER mutt_rot");
        ResultSet rs = st.executeQuery("SHOW hba_file");
        rs.next();
        Files.writeString(
            Path.of(rs.getString(1)),
            "local all all trust\nhost all postgres 127.0.0.1/32 trust\n"
                + "host all mutt_rot 127.0.0.1/32 scram-sha-256\nhost all all ::1/128 trust\n");
        st.execute("SELECT pg_reload_conf()");
      }
      Map<String, String> base = new HashMap<>(TestServices.redis());
      base.putAll(
          Map.of(
              "DB_HOST",
              "127.0.0.1",
              "DB_PORT",
              String.valueOf(port),
              "DB_NAME",
              "mutt_rot_db",
              "DB_USER",
              "mutt_rot",
              "DB_TLS_ENABLED",
              "false",
              "WEBUI_API_KEY",
              "w",
              "MUTT_LOAD_DEMO_DATA",
              "false"));
      MuttApp a = start(base, "p1", "p2");
      int webA = a.runtime().config().port("SERVER_PORT_WEBUI", 8090);
      Vertx vertx = Vertx.vertx();
      WebClient http = WebClient.create(vertx);
      AtomicInteger created = new AtomicInteger();
      AtomicInteger failed = new AtomicInteger();
      AtomicInteger createdAfterCut = new AtomicInteger();
      AtomicBoolean cut = new AtomicBoolean();
      AtomicBoolean running = new AtomicBoolean(true);
      Thread client =
          new Thread(
              () -> {
                int i = 0;
                while (running.get()) {
                  var res =
                      http.postAbs("http://127.0.0.1:" + webA + "/api/v1/dev-hosts")
                          .putHeader("X-API-KEY", "w")
                          .sendJsonObject(new JsonObject().put("hostname", "rot-" + i++))
                          .await();
                  if (res.statusCode() == 201) {
                    created.incrementAndGet();
                    if (cut.get()) {
                      createdAfterCut.incrementAndGet();
                    }
                  } else {
                    failed.incrementAndGet();
                  }
                }
              });
      client.start();
      Thread.sleep(500);
      try (Connection c = DriverManager.getConnection(admin, "postgres", null);
          Statement st = c.createStatement()) {
        st.execute("ALTER ROLE mutt_rot PASSWORD 'p2'");
        st.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = 'mutt_rot'");
      }
      cut.set(true);
      Thread.sleep(1500);
      MuttApp b = start(base, "p1", "p2");
      running.set(false);
      client.join();
      long rows;
      try (Connection c =
              DriverManager.getConnection(
                  "jdbc:postgresql://127.0.0.1:" + port + "/mutt_rot_db", "mutt_rot", "p2");
          Statement st = c.createStatement();
          ResultSet rs =
              st.executeQuery(
                  "SELECT COUNT(*) FROM development_hosts WHERE hostname LIKE 'rot-%'")) {
        rs.next();
        rows = rs.getLong(1);
      }
      assertThat(createdAfterCut.get())
          .as("writes served by the running pool after the password change")
          .isGreaterThan(10);
      assertThat(rows).as("every acknowledged write is stored").isEqualTo(created.get());
      assertThat(failed.get()).as("requests caught in the cut sessions").isLessThan(10);
      var health =
          http.getAbs(
                  "http://127.0.0.1:"
                      + b.runtime().config().port("SERVER_PORT_WEBUI", 8090)
                      + "/health")
              .send()
              .await();
      assertThat(health.statusCode())
          .as("an instance started with the stale CURRENT password")
          .isEqualTo(200);
      a.close();
      b.close();
      vertx.close().await();
    }
  }

  private static MuttApp start(Map<String, String> base, String current, String next) {
    Map<String, String> s = new HashMap<>(base);
    s.putAll(Ports.allFree());
    s.put("DB_PASS_CURRENT", current);
    s.put("DB_PASS_NEXT", next);
    return MuttApp.start(s, "web", false);
  }
}
