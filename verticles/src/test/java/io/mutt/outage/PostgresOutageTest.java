package io.mutt.outage;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.mutt.db.DatabaseBreaker;
import io.mutt.testsupport.Eventually;
import io.mutt.testsupport.MuttTestApp;
import io.mutt.testsupport.PgCluster;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.sqlclient.Row;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL stopped for 30 s in the middle of a 20,000-event flood (ADR 0025): ingest, alerter,
 * forwarder and web on real Redis and a PostgreSQL cluster of the test's own, which the test stops
 * with {@code pg_ctl stop -m fast} and starts again. While it is down the alerter reads nothing and
 * reports itself degraded with its rule cache kept, the web role answers 503 with a reason on
 * database routes; afterwards every accepted event is audited exactly once and reaches the Moogsoft
 * stand-in (at least once), and the breakers logged one line per change of state.
 */
class PostgresOutageTest {

  static final int EVENTS = 20_000;
  static final int BATCH = 500;
  static final long OUTAGE_MS = 30_000;

  PgCluster pg;
  MuttTestApp mutt;
  Vertx vertx;
  ListAppender<ILoggingEvent> logs;

  @AfterEach
  void close() {
    if (logs != null) {
      logger(DatabaseBreaker.class).detachAppender(logs);
      logger(io.mutt.alerter.AlerterModule.class.getPackageName()).detachAppender(logs);
    }
    if (vertx != null) {
      vertx.close().await();
    }
    if (mutt != null) {
      mutt.close();
    }
    if (pg != null) {
      pg.close();
    }
  }

  @Test
  void a_30_second_outage_during_a_flood_loses_nothing_and_logs_each_change_once()
      throws Exception {
    pg = PgCluster.start();
    pg.createDatabase("mutt_outage");
    Map<String, String> s = new HashMap<>();
    s.put("DB_HOST", "127.0.0.1");
    s.put("DB_PORT", String.valueOf(pg.port()));
    s.put("DB_NAME", "mutt_outage");
    s.put("DB_USER", "postgres");
    s.put("DB_TLS_ENABLED", "false");
    s.put("RATE_LIMIT_ENABLED", "false");
    s.put("MOOG_RATE_LIMIT", "100000");
    s.put("ALERTER_DB_PROBE_MS", "500");
    s.put("WEBUI_DB_PROBE_MS", "500");
    s.put("UNHANDLED_THRESHOLD", "1000000");
    // The alert queue's own backpressure (shedding to the DLQ) is not under test here.
    s.put("ALERTER_QUEUE_WARN_THRESHOLD", "1000000");
    s.put("ALERTER_QUEUE_SHED_THRESHOLD", "1000000");
    // Every event is counted at Moogsoft: repeats are not coalesced into updates here.
    s.put("ALERT_COALESCE_WINDOW_SECONDS", "0");
    logs = new ListAppender<>();
    logs.start();
    logger(DatabaseBreaker.class).addAppender(logs);
    logger(io.mutt.alerter.AlerterModule.class.getPackageName()).addAppender(logs);
    mutt = MuttTestApp.start("ingest,alerter,forwarder,web", s);
    vertx = Vertx.vertx();
    WebClient http = WebClient.create(vertx);

    long accepted = 0;
    int batches = EVENTS / BATCH;
    int outageAfter = batches / 4;
    long outageStarted = 0;
    boolean restarted = false;
    JsonObject degraded = null;
    HttpResponse<Buffer> rulesWhileDown = null;
    for (int b = 0; b < batches; b++) {
      if (b == outageAfter) {
        pg.stopServer();
        outageStarted = System.currentTimeMillis();
      }
      accepted += ingest(http, b);
      if (outageStarted > 0 && !restarted) {
        if (degraded == null && System.currentTimeMillis() - outageStarted > 5_000) {
          degraded = alerterHealth(http);
          rulesWhileDown =
              http.getAbs(mutt.webUrl() + "/api/v2/rules")
                  .putHeader("X-API-KEY", "test-webui-key-0123456789")
                  .send()
                  .await();
        }
        long left = OUTAGE_MS - (System.currentTimeMillis() - outageStarted);
        if (b == batches - 1 || left <= 0) {
          Thread.sleep(Math.max(0, left));
          pg.startServer();
          restarted = true;
        }
      }
      Thread.sleep(b < outageAfter ? 300 : 700);
    }
    assertThat(restarted).isTrue();
    assertThat(accepted).isEqualTo(EVENTS);

    // While PostgreSQL was down: the alerter is degraded, not unhealthy, and kept its rules; the
    // web role refuses database routes with a reason.
    assertThat(degraded).isNotNull();
    assertThat(degraded.getString("status")).isEqualTo("degraded");
    assertThat(degraded.getString("database")).isEqualTo("unavailable");
    assertThat(degraded.getString("reason")).contains("PostgreSQL unreachable since");
    assertThat(degraded.getInteger("rules_cached")).isEqualTo(5);
    assertThat(rulesWhileDown.statusCode()).isEqualTo(503);
    assertThat(rulesWhileDown.getHeader("Retry-After")).isNotBlank();
    assertThat(rulesWhileDown.bodyAsJsonObject().getString("error"))
        .isEqualTo("Database unavailable");
    assertThat(rulesWhileDown.bodyAsJsonObject().getString("reason"))
        .contains("PostgreSQL unreachable");

    // After: every event audited once and delivered at least once.
    Eventually.until(
        Duration.ofSeconds(240), "every event audited", () -> auditCount()[1] >= EVENTS);
    Eventually.until(
        Duration.ofSeconds(240),
        "every alert delivered",
        () -> moogStats(http).getLong("distinct_external_ids") >= EVENTS);
    Thread.sleep(2000);
    long[] audit = auditCount();
    JsonObject moog = moogStats(http);
    long delivered = moog.getLong("distinct_external_ids");
    long duplicates = moog.getLong("count") - delivered;
    long lost = accepted - audit[1];
    System.out.printf(
        "PostgreSQL outage of %d s during %d events: accepted=%d delivered=%d duplicates=%d"
            + " audited=%d audit_rows=%d lost=%d%n",
        OUTAGE_MS / 1000, EVENTS, accepted, delivered, duplicates, audit[1], audit[0], lost);
    assertThat(audit[0]).as("one audit row per event").isEqualTo(EVENTS);
    assertThat(audit[1]).as("distinct audited events").isEqualTo(EVENTS);
    assertThat(delivered).isEqualTo(EVENTS);
    assertThat(lost).isZero();
    assertThat(health(http)).isEqualTo("healthy");
    assertThat(
            http.getAbs(mutt.webUrl() + "/api/v2/rules")
                .putHeader("X-API-KEY", "test-webui-key-0123456789")
                .send()
                .await()
                .statusCode())
        .isEqualTo(200);

    // One line per change of state, per breaker; no line per failed batch.
    List<String> lines = logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    assertThat(lines.stream().filter(l -> l.startsWith("alerter: PostgreSQL unreachable")))
        .hasSize(1);
    assertThat(lines.stream().filter(l -> l.startsWith("alerter: PostgreSQL reachable again")))
        .hasSize(1);
    assertThat(lines.stream().filter(l -> l.startsWith("web: PostgreSQL unreachable"))).hasSize(1);
    assertThat(lines.stream().filter(l -> l.startsWith("web: PostgreSQL reachable again")))
        .hasSize(1);
    assertThat(lines.stream().filter(l -> l.startsWith("audit write failed"))).isEmpty();
    assertThat(lines.stream().filter(l -> l.contains("dead-lettered"))).isEmpty();
  }

  private long ingest(WebClient http, int batch) {
    StringBuilder ndjson = new StringBuilder();
    String now = Instant.now().toString();
    for (int i = 0; i < BATCH; i++) {
      ndjson
          .append(
              new JsonObject()
                  .put("hostname", "router1.prod.example.com")
                  .put("timestamp", now)
                  .put("message", "%LINK-3-UPDOWN: ERROR on Gi0/" + (batch * BATCH + i))
                  .encode())
          .append('\n');
    }
    HttpResponse<Buffer> res =
        http.postAbs(mutt.ingestUrl() + "/api/v2/ingest")
            .putHeader("X-API-KEY", "test-ingest-key-0123456789")
            .putHeader("Content-Type", "application/x-ndjson")
            .sendBuffer(Buffer.buffer(ndjson.toString()))
            .await();
    assertThat(res.statusCode()).as(res.bodyAsString()).isEqualTo(200);
    return BATCH;
  }

  private JsonObject alerterHealth(WebClient http) {
    HttpResponse<Buffer> res =
        http.getAbs("http://127.0.0.1:" + mutt.port("HEALTH_PORT_ALERTER") + "/health")
            .send()
            .await();
    assertThat(res.statusCode()).as(res.bodyAsString()).isEqualTo(200);
    return res.bodyAsJsonObject();
  }

  private String health(WebClient http) {
    return alerterHealth(http).getString("status");
  }

  private JsonObject moogStats(WebClient http) {
    return http.getAbs(mutt.moogUrl() + "/stats")
        .putHeader("X-API-KEY", mutt.settings.get("MOOG_API_KEY"))
        .send()
        .await()
        .bodyAsJsonObject();
  }

  /** {rows, distinct event ids} of event_audit_log, or zeros while the database cannot answer. */
  private long[] auditCount() {
    try {
      Row r =
          mutt.app
              .runtime()
              .pg()
              .query("SELECT count(*), count(DISTINCT event_id) FROM event_audit_log")
              .execute()
              .await()
              .iterator()
              .next();
      return new long[] {r.getLong(0), r.getLong(1)};
    } catch (RuntimeException e) {
      return new long[] {0, 0};
    }
  }

  private static Logger logger(Class<?> type) {
    return (Logger) LoggerFactory.getLogger(type);
  }

  private static Logger logger(String name) {
    return (Logger) LoggerFactory.getLogger(name);
  }
}
