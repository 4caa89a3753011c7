package io.mutt.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mutt.app.MuttApp;
import io.mutt.testsupport.Eventually;
import io.mutt.testsupport.Ports;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.sqlclient.Row;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The review's local-run finding, on a real local run (no REDIS_HOST, no DB_HOST: MUTT starts its
 * embedded Redis, embedded PostgreSQL and the Moogsoft stand-in in a fresh data folder): the
 * servers listen on the loopback only; Redis wants the generated password and has no CONFIG;
 * PostgreSQL trusts nobody and MUTT's queries run as a plain role that cannot run programs; the
 * stand-in answers the Moogsoft key only; the data is private. A second run on the same folder
 * comes up with the stored passwords.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalRunExposureTest {

  static Path data;
  static Map<String, String> settings;
  static MuttApp app;
  static Vertx vertx;
  static WebClient http;

  @BeforeAll
  static void start() throws Exception {
    data = Files.createTempDirectory("mutt-local-run-").resolve(".mutt");
    settings = new HashMap<>(Ports.allFree());
    settings.put("MUTT_DATA_DIR", data.toString());
    app = MuttApp.start(settings, "all", false);
    vertx = Vertx.vertx();
    http = WebClient.create(vertx);
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
    if (vertx != null) {
      vertx.close();
    }
  }

  static String secret(String name) throws Exception {
    return Files.readString(data.resolve("secrets").resolve(name)).trim();
  }

  static int redisPort() {
    return app.runtime().config().port("REDIS_PORT", 0);
  }

  static int pgPort() {
    return app.runtime().config().port("DB_PORT", 0);
  }

  static int moogPort() {
    return Integer.parseInt(settings.get("MOCK_MOOG_PORT"));
  }

  @Test
  @Order(1)
  void the_embedded_servers_and_the_stand_in_listen_on_the_loopback_only() throws Exception {
    for (int port : new int[] {redisPort(), pgPort(), moogPort()}) {
      assertThat(ReviewFindingsTest.listeners(port))
          .as("listening addresses of port %d", port)
          .isNotEmpty()
          .allMatch(a -> a.endsWith("0100007F") || a.equals("00000000000000000000000001000000"));
    }
  }

  @Test
  @Order(2)
  void the_embedded_redis_wants_the_generated_password_and_has_no_config_command()
      throws Exception {
    String password = secret("REDIS_PASS_CURRENT");
    assertThat(password).hasSizeGreaterThanOrEqualTo(32);
    try (Socket s = new Socket("127.0.0.1", redisPort())) {
      assertThat(inline(s, "PING")).startsWith("-NOAUTH");
      assertThat(inline(s, "AUTH wrong-password")).startsWith("-");
      assertThat(inline(s, "AUTH " + password)).isEqualTo("+OK");
      assertThat(inline(s, "PING")).isEqualTo("+PONG");
      assertThat(inline(s, "CONFIG SET dir /tmp")).startsWith("-ERR unknown command");
      assertThat(inline(s, "CONFIG GET requirepass")).startsWith("-ERR unknown command");
      assertThat(inline(s, "DEBUG SLEEP 0")).startsWith("-ERR unknown command");
      assertThat(inline(s, "MODULE LIST")).startsWith("-ERR unknown command");
    }
  }

  @Test
  @Order(3)
  void the_embedded_postgres_trusts_no_login() throws Exception {
    for (String user : List.of("postgres", "mutt_user")) {
      assertThatThrownBy(() -> login(user, null).close())
          .as("%s without a password", user)
          .isInstanceOf(SQLException.class);
      assertThatThrownBy(() -> login(user, "not-the-password").close())
          .as("%s with a wrong password", user)
          .isInstanceOf(SQLException.class)
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("28P01"));
    }
    try (Connection c = login("postgres", secret("DB_ADMIN_PASS"))) {
      assertThat(c.isValid(2)).isTrue();
    }
  }

  @Test
  @Order(4)
  void mutt_queries_run_as_a_plain_role_that_cannot_run_programs_or_change_the_schema()
      throws Exception {
    Row who =
        app.runtime()
            .pg()
            .query(
                "SELECT current_user::text, r.rolsuper, r.rolcreaterole, r.rolcreatedb"
                    + " FROM pg_roles r WHERE r.rolname = current_user")
            .execute()
            .await()
            .iterator()
            .next();
    assertThat(who.getString(0)).isEqualTo("mutt_user");
    assertThat(who.getBoolean(1)).as("superuser").isFalse();
    assertThat(who.getBoolean(2)).as("may create roles").isFalse();
    assertThat(who.getBoolean(3)).as("may create databases").isFalse();
    for (String sql :
        List.of(
            "COPY (SELECT 1) TO PROGRAM 'true'",
            "COPY alert_rules FROM PROGRAM 'true'",
            "SELECT pg_read_file('PG_VERSION')",
            "DROP TABLE alert_rules",
            "CREATE TABLE planted (x int)",
            "ALTER TABLE alert_rules ADD COLUMN planted int",
            "CREATE ROLE planted LOGIN SUPERUSER",
            "DELETE FROM flyway_schema_history")) {
      assertThatThrownBy(() -> app.runtime().pg().query(sql).execute().await())
          .as(sql)
          .hasMessageContaining("42501");
    }
    // the DDL MUTT itself runs while serving goes through its owner's functions
    Row dropped =
        app.runtime()
            .pg()
            .query(
                "SELECT create_monthly_partition(DATE '2299-01-01') IS NULL,"
                    + " drop_audit_partition_if_empty('event_audit_log_2299_01')")
            .execute()
            .await()
            .iterator()
            .next();
    assertThat(dropped.getBoolean(1)).isTrue();
    assertThatThrownBy(
            () ->
                app.runtime()
                    .pg()
                    .query("SELECT drop_audit_partition_if_empty('alert_rules')")
                    .execute()
                    .await())
        .hasMessageContaining("not an audit partition");
  }

  @Test
  @Order(5)
  void an_event_flows_end_to_end_with_those_grants_to_a_stand_in_that_wants_the_key()
      throws Exception {
    String moogKey = secret("MOOG_API_KEY");
    String stats = "http://127.0.0.1:" + moogPort() + "/stats";
    assertThat(http.getAbs(stats).send().await().statusCode()).isEqualTo(401);
    assertThat(
            http.getAbs("http://127.0.0.1:" + moogPort() + "/events?limit=5")
                .putHeader("X-API-KEY", "wrong-key-0123456789")
                .send()
                .await()
                .statusCode())
        .isEqualTo(401);
    assertThat(
            http.postAbs("http://127.0.0.1:" + moogPort() + "/admin/faults")
                .sendJsonObject(new JsonObject().put("mode", "status").put("status", 500))
                .await()
                .statusCode())
        .isEqualTo(401);
    assertThat(
            http.postAbs("http://127.0.0.1:" + moogPort() + "/events")
                .sendJsonObject(new JsonObject().put("planted", true))
                .await()
                .statusCode())
        .isEqualTo(401);
    assertThat(
            http.getAbs("http://127.0.0.1:" + moogPort() + "/health").send().await().statusCode())
        .isEqualTo(200);

    int ingest = Integer.parseInt(settings.get("SERVER_PORT_INGESTOR"));
    var res =
        http.postAbs("http://127.0.0.1:" + ingest + "/api/v2/ingest")
            .putHeader("X-API-KEY", secret("INGEST_API_KEY"))
            .sendJsonObject(
                new JsonObject()
                    .put("hostname", "router1.prod.example.com")
                    .put("timestamp", Instant.now().toString())
                    .put("message", "%LINK-3-UPDOWN: ERROR on Gi0/1"))
            .await();
    assertThat(res.statusCode()).isEqualTo(200);
    String id = res.bodyAsJsonObject().getString("correlation_id");
    Eventually.until(
        Duration.ofSeconds(30),
        "the alert at the stand-in",
        () ->
            http.getAbs(stats)
                    .putHeader("X-API-KEY", moogKey)
                    .send()
                    .await()
                    .bodyAsJsonObject()
                    .getLong("count")
                > 0);
    JsonObject last =
        http.getAbs(stats)
            .putHeader("X-API-KEY", moogKey)
            .send()
            .await()
            .bodyAsJsonObject()
            .getJsonObject("last");
    assertThat(last.getString("external_id")).isEqualTo(id);
    try (Connection c = login("mutt_user", secret("DB_PASS_CURRENT"));
        Statement st = c.createStatement();
        var rs =
            st.executeQuery(
                "SELECT COUNT(*) FROM event_audit_log"
                    + " WHERE hostname = 'router1.prod.example.com' AND forwarded_to_moog")) {
      rs.next();
      assertThat(rs.getLong(1)).as("audit rows written by mutt_user").isEqualTo(1);
    }
  }

  @Test
  @Order(6)
  void the_data_folder_and_every_secret_are_private_to_the_owner() throws Exception {
    Set<PosixFilePermission> dir = PosixFilePermissions.fromString("rwx------");
    Set<PosixFilePermission> file = PosixFilePermissions.fromString("rw-------");
    assertThat(Files.getPosixFilePermissions(data)).isEqualTo(dir);
    for (String sub : List.of("secrets", "redis", "postgres")) {
      assertThat(Files.getPosixFilePermissions(data.resolve(sub))).as(sub).isEqualTo(dir);
    }
    for (String name :
        List.of(
            "INGEST_API_KEY",
            "WEBUI_API_KEY",
            "MOOG_API_KEY",
            "REDIS_PASS_CURRENT",
            "DB_ADMIN_PASS",
            "DB_PASS_CURRENT")) {
      assertThat(Files.getPosixFilePermissions(data.resolve("secrets").resolve(name)))
          .as(name)
          .isEqualTo(file);
    }
    try (Stream<Path> files = Files.walk(data)) {
      files
          .filter(Files::isRegularFile)
          .forEach(
              f -> {
                try {
                  assertThat(Files.getPosixFilePermissions(f))
                      .as(f.toString())
                      .doesNotContain(
                          PosixFilePermission.GROUP_READ,
                          PosixFilePermission.GROUP_WRITE,
                          PosixFilePermission.OTHERS_READ,
                          PosixFilePermission.OTHERS_WRITE);
                } catch (java.nio.file.NoSuchFileException gone) {
                  // a file the servers removed meanwhile
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
    }
  }

  @Test
  @Order(7)
  void a_second_run_on_the_same_folder_starts_with_the_stored_passwords() throws Exception {
    String redis = secret("REDIS_PASS_CURRENT");
    String db = secret("DB_PASS_CURRENT");
    app.close();
    app = null;
    settings = new HashMap<>(Ports.allFree());
    settings.put("MUTT_DATA_DIR", data.toString());
    app = MuttApp.start(settings, "ingest,web", false);
    assertThat(secret("REDIS_PASS_CURRENT")).isEqualTo(redis);
    assertThat(secret("DB_PASS_CURRENT")).isEqualTo(db);
    assertThatThrownBy(() -> login("postgres", null).close()).isInstanceOf(SQLException.class);
    int web = Integer.parseInt(settings.get("SERVER_PORT_WEBUI"));
    assertThat(
            http.getAbs("http://127.0.0.1:" + web + "/api/v2/rules")
                .putHeader("X-API-KEY", secret("WEBUI_API_KEY"))
                .send()
                .await()
                .statusCode())
        .isEqualTo(200);
  }

  static Connection login(String user, String password) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", user);
    if (password != null) {
      p.setProperty("password", password);
    }
    p.setProperty("connectTimeout", "5");
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pgPort() + "/mutt_db", p);
  }

  /** One inline Redis command; answers the first line of the reply. */
  static String inline(Socket s, String command) throws Exception {
    OutputStream out = s.getOutputStream();
    out.write((command + "\r\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
    s.setSoTimeout(5000);
    java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
    int b;
    while ((b = s.getInputStream().read()) != -1 && b != '\n') {
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.UTF_8);
  }
}
