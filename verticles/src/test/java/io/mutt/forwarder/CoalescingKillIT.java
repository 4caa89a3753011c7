package io.mutt.forwarder;

import static org.assertj.core.api.Assertions.assertThat;

import io.mutt.moog.FaultPlan;
import io.mutt.moog.MockMoogVerticle;
import io.mutt.testsupport.Eventually;
import io.mutt.testsupport.MuttProcess;
import io.mutt.testsupport.Ports;
import io.mutt.testsupport.StandIn;
import io.mutt.testsupport.TestServices;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A MUTT JVM killed with SIGKILL inside a coalescing window (ADR 0016): the window lives in Redis,
 * so the JVM started after it sends the window's one update, counting every repeat accepted before
 * the kill, and nothing is sent twice.
 */
class CoalescingKillIT {

  static final int WINDOW_SECONDS = 12;
  static final String HOST = "kill-window-sw";
  static final String INGEST_KEY = "it-ingest-key-0123456789";

  static Vertx vertx;
  static WebClient http;
  static StandIn moog;
  static Map<String, String> env;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    http = WebClient.create(vertx);
    int moogPort = Ports.free();
    vertx.deployVerticle(new MockMoogVerticle(moogPort, FaultPlan.NONE)).await();
    moog = new StandIn("http://127.0.0.1:" + moogPort);
    env = new HashMap<>(TestServices.redis());
    env.putAll(TestServices.freshDatabase());
    env.putAll(Ports.allFree());
    env.put("INGEST_API_KEY", INGEST_KEY);
    env.put("WEBUI_API_KEY", "it-web-key-0123456789");
    env.put("MOOG_API_KEY", "it-moog-key-0123456789");
    env.put("MOOG_WEBHOOK_URL", "http://127.0.0.1:" + moogPort + "/events");
    env.put("MUTT_LOAD_DEMO_DATA", "true");
    env.put("ALERT_COALESCE_WINDOW_SECONDS", String.valueOf(WINDOW_SECONDS));
    env.put("ALERT_COALESCE_FLUSH_MS", "50");
    env.put("ALERTER_INSTANCES", "1");
    env.put("MUTT_DATA_DIR", System.getProperty("java.io.tmpdir") + "/mutt-coalescing-kill-it");
  }

  @AfterAll
  static void stop() {
    if (moog != null) {
      moog.close();
    }
    if (vertx != null) {
      vertx.close().await();
    }
  }

  @Test
  void the_repeats_of_a_window_open_at_a_kill_reach_moogsoft_once_in_one_counted_update()
      throws Exception {
    String roles = "ingest,alerter,forwarder";
    try (MuttProcess first = MuttProcess.start("kill-a", env, "run", "--roles", roles)) {
      first.awaitOutput("MUTT is up", Duration.ofSeconds(120));
      post("ERROR link down, attempt 1");
      Eventually.until(Duration.ofSeconds(30), "the first alert", () -> moog.count() == 1);
      for (int i = 2; i <= 10; i++) {
        post("ERROR link down, attempt " + i);
      }
      // every repeat decided (audited, folded into the first alert) before the kill
      Eventually.until(Duration.ofSeconds(30), "10 audit rows", () -> auditRows().size() == 10);
      assertThat(moog.count()).as("the window is still open at the kill").isEqualTo(1);
      first.kill();
    }

    try (MuttProcess second = MuttProcess.start("kill-b", env, "run", "--roles", roles)) {
      second.awaitOutput("MUTT is up", Duration.ofSeconds(120));
      Eventually.until(
          Duration.ofSeconds(3L * WINDOW_SECONDS), "the window's update", () -> moog.count() >= 2);
      JsonArray calls = moog.events(10);
      assertThat(calls).hasSize(2);
      JsonObject update = calls.getJsonObject(1);
      assertThat(update.getString("signature")).isEqualTo(HOST);
      assertThat(update.getString("description")).isEqualTo("ERROR link down, attempt 10");
      JsonObject info = update.getJsonObject("custom_info").getJsonObject("mutt_coalesced");
      assertThat(info.getInteger("count")).isEqualTo(9);
      assertThat(info.getInteger("total")).isEqualTo(10);

      List<String> coalescedInto = auditRows();
      assertThat(coalescedInto).hasSize(10);
      assertThat(coalescedInto.stream().filter(v -> v == null)).hasSize(1);
      assertThat(coalescedInto.stream().filter(v -> v != null).distinct())
          .containsExactly(info.getString("first_event_id"));

      // one more window's length later, still exactly the first alert and one update
      long settled = System.nanoTime() + Duration.ofSeconds(WINDOW_SECONDS + 2).toNanos();
      Eventually.until(
          Duration.ofSeconds(WINDOW_SECONDS + 10),
          "a window's length after the update",
          () -> System.nanoTime() > settled || moog.count() > 2);
      assertThat(moog.count()).isEqualTo(2);
    }
  }

  private static void post(String message) {
    var res =
        http.postAbs("http://127.0.0.1:" + env.get("SERVER_PORT_INGESTOR") + "/api/v2/ingest")
            .putHeader("X-API-KEY", INGEST_KEY)
            .sendJsonObject(
                new JsonObject()
                    .put("hostname", HOST)
                    .put("message", message)
                    .put("timestamp", "2025-11-11T16:34:50.6449285Z"))
            .await();
    assertThat(res.statusCode()).as(res.bodyAsString()).isEqualTo(200);
  }

  /** {@code coalesced_into} of each audit row of the host, in insertion order. */
  private static List<String> auditRows() {
    String url =
        "jdbc:postgresql://"
            + env.get("DB_HOST")
            + ":"
            + env.get("DB_PORT")
            + "/"
            + env.get("DB_NAME");
    try (Connection c =
            DriverManager.getConnection(
                url, env.get("DB_USER"), env.getOrDefault("DB_PASS_CURRENT", ""));
        PreparedStatement st =
            c.prepareStatement(
                "SELECT coalesced_into FROM event_audit_log WHERE hostname = ? ORDER BY id")) {
      st.setString(1, HOST);
      List<String> out = new ArrayList<>();
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
      return out;
    } catch (java.sql.SQLException e) {
      // the table does not exist until MUTT's migrations have run
      return List.of();
    }
  }
}
