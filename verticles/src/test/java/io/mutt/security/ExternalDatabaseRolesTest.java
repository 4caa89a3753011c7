package io.mutt.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mutt.app.MuttApp;
import io.mutt.testsupport.Ports;
import io.mutt.testsupport.TestServices;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.sqlclient.Row;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * An external database (the test PostgreSQL: MUTT_TEST_PG_URI, a container or the embedded one)
 * with the split of ADR 0043: DB_ADMIN_USER creates and migrates the database, MUTT's queries run
 * as a plain login that migration V50 and the start-up grant {@code mutt_app} to. Writes through
 * the API work; the login cannot run programs, drop or alter tables, or touch the migration
 * history.
 */
class ExternalDatabaseRolesTest {

  @Test
  void a_plain_login_holding_mutt_app_serves_mutt_and_can_do_nothing_more() throws Exception {
    Map<String, String> db = TestServices.freshDatabase();
    String login = "mutt_rt_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    String password = "rt-" + UUID.randomUUID();
    String adminUrl =
        "jdbc:postgresql://"
            + db.get("DB_HOST")
            + ":"
            + db.get("DB_PORT")
            + "/"
            + db.get("DB_NAME");
    try (Connection c =
            DriverManager.getConnection(adminUrl, db.get("DB_USER"), db.get("DB_PASS_CURRENT"));
        Statement st = c.createStatement()) {
      st.execute("CREATE ROLE " + login + " LOGIN PASSWORD '" + password + "'");
    }
    Map<String, String> s = new HashMap<>(TestServices.all());
    s.putAll(db);
    s.putAll(Ports.allFree());
    s.put("DB_ADMIN_USER", db.get("DB_USER"));
    if (db.containsKey("DB_PASS_CURRENT")) {
      s.put("DB_ADMIN_PASS", db.get("DB_PASS_CURRENT"));
    }
    s.put("DB_USER", login);
    s.put("DB_PASS_CURRENT", password);
    s.put("MUTT_LOAD_DEMO_DATA", "true");
    Vertx vertx = Vertx.vertx();
    WebClient http = WebClient.create(vertx);
    MuttApp app = MuttApp.start(s, "web", false);
    try {
      Row who =
          app.runtime()
              .pg()
              .query(
                  "SELECT current_user::text, rolsuper, pg_has_role(current_user, 'mutt_app',"
                      + " 'member') FROM pg_roles WHERE rolname = current_user")
              .execute()
              .await()
              .iterator()
              .next();
      assertThat(who.getString(0)).isEqualTo(login);
      assertThat(who.getBoolean(1)).as("superuser").isFalse();
      assertThat(who.getBoolean(2)).as("member of mutt_app").isTrue();

      String web = "http://127.0.0.1:" + s.get("SERVER_PORT_WEBUI");
      assertThat(
              http.postAbs(web + "/api/v2/dev-hosts")
                  .putHeader("X-API-KEY", s.get("WEBUI_API_KEY"))
                  .sendJsonObject(new JsonObject().put("hostname", "roles-check"))
                  .await()
                  .statusCode())
          .isEqualTo(201);
      assertThat(
              http.getAbs(web + "/api/v2/rules")
                  .putHeader("X-API-KEY", s.get("WEBUI_API_KEY"))
                  .send()
                  .await()
                  .bodyAsString())
          .contains("ERROR");
      for (String sql :
          List.of(
              "COPY (SELECT 1) TO PROGRAM 'true'",
              "DROP TABLE alert_rules",
              "ALTER TABLE development_hosts ADD COLUMN planted int",
              "TRUNCATE config_audit_log",
              "SELECT * FROM flyway_schema_history")) {
        assertThatThrownBy(() -> app.runtime().pg().query(sql).execute().await())
            .as(sql)
            .hasMessageContaining("42501");
      }
    } finally {
      app.close();
      vertx.close().await();
      try (Connection c =
              DriverManager.getConnection(adminUrl, db.get("DB_USER"), db.get("DB_PASS_CURRENT"));
          Statement st = c.createStatement()) {
        st.execute("DROP OWNED BY " + login);
        st.execute("DROP ROLE " + login);
      }
    }
  }
}
