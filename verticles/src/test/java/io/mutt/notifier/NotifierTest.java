package io.mutt.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.mutt.testsupport.Eventually;
import io.mutt.testsupport.MuttTestApp;
import io.mutt.testsupport.Ports;
import io.mutt.testsupport.StandIn;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The notifier through real parts: Redis, a webhook receiver over HTTP, GreenMail as the SMTP
 * server (TLS and login, in this JVM), and for the fallback the ingest, alerter and forwarder roles
 * with the Moogsoft stand-in failing until the circuit opens.
 */
class NotifierTest {

  static final String PASSWORD = "s3cret-Pa55";
  @TempDir static Path tls;
  static Path trustStore;

  Vertx vertx;
  HttpServer receiver;
  final List<Received> webhook = new CopyOnWriteArrayList<>();
  int webhookPort;
  GreenMail mail;
  final List<MuttTestApp> apps = new ArrayList<>();

  record Received(long atMs, String text) {}

  /**
   * A certificate for 127.0.0.1 (GreenMail's own has no subject alternative name, and MUTT verifies
   * host names): GreenMail serves it, MUTT trusts it through NOTIFY_SMTP_TRUST_STORE.
   */
  @BeforeAll
  static void certificate() throws Exception {
    trustStore = tls.resolve("smtp.p12");
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "smtp",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-validity",
                "2",
                "-dname",
                "CN=127.0.0.1",
                "-ext",
                "SAN=ip:127.0.0.1,dns:localhost",
                "-storetype",
                "PKCS12",
                "-keystore",
                trustStore.toString(),
                "-storepass",
                "changeit",
                "-keypass",
                "changeit")
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(out).isZero();
    System.setProperty("greenmail.tls.keystore.file", trustStore.toString());
    System.setProperty("greenmail.tls.keystore.password", "changeit");
    System.setProperty("greenmail.tls.key.password", "changeit");
  }

  @BeforeEach
  void receiver() {
    vertx = Vertx.vertx();
    receiver =
        vertx
            .createHttpServer()
            .requestHandler(
                req ->
                    req.body()
                        .onSuccess(
                            b -> {
                              webhook.add(
                                  new Received(
                                      System.currentTimeMillis(),
                                      b.toJsonObject().getString("text")));
                              req.response().setStatusCode(200).end("ok");
                            }))
            .listen(0, "127.0.0.1")
            .await();
    webhookPort = receiver.actualPort();
  }

  @AfterEach
  void stop() {
    apps.forEach(MuttTestApp::close);
    if (mail != null) {
      mail.stop();
    }
    vertx.close().await();
  }

  private GreenMail startMail(String protocol) {
    ServerSetup setup = new ServerSetup(Ports.free(), "127.0.0.1", protocol);
    setup.setServerStartupTimeout(30_000);
    mail = new GreenMail(setup);
    mail.setUser("mutt@example.com", "mutt", PASSWORD);
    mail.start();
    return mail;
  }

  private Map<String, String> notifier(String prefix, String tlsMode) {
    Map<String, String> s = new HashMap<>();
    s.put("MUTT_KEY_PREFIX", prefix);
    s.put("NOTIFY_SLACK_WEBHOOK_URL", "http://127.0.0.1:" + webhookPort + "/hooks/T000/B000/xyz");
    s.put("NOTIFY_SMTP_HOST", "127.0.0.1");
    s.put(
        "NOTIFY_SMTP_PORT",
        String.valueOf(
            mail.getSmtps() != null ? mail.getSmtps().getPort() : mail.getSmtp().getPort()));
    s.put("NOTIFY_SMTP_TLS", tlsMode);
    s.put("NOTIFY_SMTP_USER", "mutt");
    s.put("NOTIFY_SMTP_PASSWORD", PASSWORD);
    s.put("NOTIFY_SMTP_FROM", "mutt@example.com");
    s.put("NOTIFY_SMTP_TO", "oncall@example.com");
    s.put("NOTIFY_SMTP_TRUST_STORE", trustStore.toString());
    s.put("NOTIFY_SMTP_TRUST_STORE_PASSWORD", "changeit");
    s.put("NOTIFY_CHECK_MS", "100");
    s.put("NOTIFY_INTERVAL_MS", "2000");
    s.put("NOTIFY_DLQ_THRESHOLD", "50");
    return s;
  }

  private MuttTestApp start(String roles, Map<String, String> s) {
    MuttTestApp app = MuttTestApp.start(roles, s);
    apps.add(app);
    return app;
  }

  private static Response redis(MuttTestApp app, Request r) {
    return app.app.runtime().redis().send(r).await();
  }

  private static List<JsonObject> auditLog(MuttTestApp app) {
    List<JsonObject> out = new ArrayList<>();
    Response r =
        redis(
            app,
            Request.cmd(Command.XRANGE).arg(app.app.runtime().keys().notifyLog).arg("-").arg("+"));
    for (Response entry : r) {
      JsonObject o = new JsonObject();
      Response f = entry.get(1);
      for (int i = 0; i + 1 < f.size(); i += 2) {
        o.put(f.get(i).toString(), f.get(i + 1).toString());
      }
      out.add(o);
    }
    return out;
  }

  @Test
  void a_dead_letter_storm_gives_one_message_per_interval_from_one_of_two_instances()
      throws Exception {
    startMail("smtps");
    String prefix = "t" + UUID.randomUUID().toString().substring(0, 8);
    MuttTestApp a = start("notifier", notifier(prefix, "implicit"));
    MuttTestApp b = start("notifier", notifier(prefix, "implicit"));
    String dead = a.app.runtime().keys().deadLetters;
    String state = a.app.runtime().keys().notifyState;
    redis(a, Request.cmd(Command.LPUSH).arg(dead).arg("{\"hostname\":\"before\"}"));
    Eventually.until(
        Duration.ofSeconds(10),
        "the sender has looked once",
        () -> redis(a, Request.cmd(Command.HGET).arg(state).arg("dead_head")) != null);

    // A storm: 1,000 dead letters over ~3 s, and the alerter DLQ past the threshold.
    long stormStart = System.currentTimeMillis();
    for (int i = 0; i < 20; i++) {
      Request push = Request.cmd(Command.LPUSH).arg(dead);
      for (int j = 0; j < 50; j++) {
        push.arg(
            new JsonObject().put("hostname", "h" + i + "-" + j).put("reason", "poison").encode());
      }
      redis(a, push);
      Request dlq = Request.cmd(Command.LPUSH).arg(a.app.runtime().keys().alerterDlq);
      for (int j = 0; j < 6; j++) {
        dlq.arg("{\"n\":" + j + "}");
      }
      redis(a, dlq);
      Thread.sleep(150);
    }
    Eventually.until(
        Duration.ofSeconds(20),
        "all 1,000 dead letters told",
        () ->
            auditLog(a).stream()
                    .mapToLong(e -> new JsonObject(e.getString("summary")).getLong("dead_letters"))
                    .sum()
                == 1000);
    long elapsed = System.currentTimeMillis() - stormStart;
    Thread.sleep(2500);

    List<JsonObject> log = auditLog(a);
    Eventually.until(
        Duration.ofSeconds(10),
        "every e-mail arrived",
        () -> mail.getReceivedMessages().length == log.size());
    assertThat(log).as("batched: far fewer messages than dead letters").hasSizeLessThan(10);
    assertThat(log.size()).isLessThanOrEqualTo((int) (elapsed / 2000) + 2);
    assertThat(webhook).hasSize(log.size());
    for (int i = 1; i < webhook.size(); i++) {
      assertThat(webhook.get(i).atMs() - webhook.get(i - 1).atMs())
          .as("rate limit: one message per interval")
          .isGreaterThanOrEqualTo(1900);
    }
    assertThat(webhook.get(0).text()).contains("new dead letter(s)").contains("mutt dlq list");
    assertThat(webhook.stream().anyMatch(w -> w.text().contains("DLQ alerter holds"))).isTrue();
    assertThat(log)
        .allSatisfy(
            e ->
                assertThat(new JsonObject(e.getString("channels")))
                    .isEqualTo(new JsonObject().put("slack", "sent").put("email", "sent")));
    MimeMessage[] received = mail.getReceivedMessages();
    assertThat(received).hasSize(log.size());
    assertThat(received[0].getSubject()).startsWith("[MUTT]").contains("new dead letter(s)");

    // One sender: exactly one of the two instances holds the lease.
    String la = a.app.runtime().registry().scrape();
    String lb = b.app.runtime().registry().scrape();
    assertThat(List.of(la, lb).stream().filter(t -> t.contains("mutt_notifier_leader 1.0")).count())
        .isEqualTo(1);
    assertThat(la + lb)
        .contains("mutt_notifier_messages_total{channel=\"slack\",outcome=\"sent\"}")
        .doesNotContain(PASSWORD)
        .doesNotContain("B000/xyz");
  }

  @Test
  void starttls_is_required_so_a_server_without_it_gets_nothing() throws Exception {
    startMail("smtp");
    String prefix = "t" + UUID.randomUUID().toString().substring(0, 8);
    MuttTestApp a = start("notifier", notifier(prefix, "starttls"));
    redis(a, Request.cmd(Command.LPUSH).arg(a.app.runtime().keys().deadLetters).arg("{}"));
    Eventually.until(
        Duration.ofSeconds(10),
        "looked once",
        () ->
            redis(
                    a,
                    Request.cmd(Command.HGET)
                        .arg(a.app.runtime().keys().notifyState)
                        .arg("dead_head"))
                != null);
    redis(a, Request.cmd(Command.LPUSH).arg(a.app.runtime().keys().deadLetters).arg("{\"x\":1}"));
    Eventually.until(Duration.ofSeconds(10), "a message", () -> !auditLog(a).isEmpty());

    JsonObject channels = new JsonObject(auditLog(a).get(0).getString("channels"));
    assertThat(channels.getString("slack")).isEqualTo("sent");
    assertThat(channels.getString("email")).startsWith("failed: SMTP 127.0.0.1:");
    assertThat(channels.encode()).doesNotContain(PASSWORD);
    assertThat(mail.getReceivedMessages()).isEmpty();
    assertThat(webhook).hasSize(1);
    assertThat(a.app.runtime().config().toPublicJson().encode())
        .as("the webhook URL and the SMTP password are secrets")
        .doesNotContain("B000/xyz")
        .doesNotContain(PASSWORD);
  }

  @Test
  void while_moogsoft_is_down_critical_alerts_go_out_instead_and_not_again_after()
      throws Exception {
    fallback("instead", 1);
  }

  @Test
  void with_partitioned_alert_streams_the_fallback_finds_the_alert_in_its_partition()
      throws Exception {
    fallback("instead", 3);
  }

  @Test
  void configured_to_send_both_moogsoft_gets_the_alert_after_it_recovers() throws Exception {
    fallback("both", 1);
  }

  private void fallback(String mode, int partitions) throws Exception {
    startMail("smtps");
    Map<String, String> s =
        notifier("t" + UUID.randomUUID().toString().substring(0, 8), "implicit");
    s.put("NOTIFY_FALLBACK_TEAMS", "NETO");
    s.put("NOTIFY_FALLBACK_MODE", mode);
    s.put("NOTIFY_INTERVAL_MS", "500");
    s.put("CIRCUIT_BREAKER_THRESHOLD", "2");
    s.put("ALERT_COALESCE_WINDOW_SECONDS", "0");
    s.put("CIRCUIT_BREAKER_TIMEOUT", "4");
    s.put("MOOG_RETRY_BASE_DELAY", "0.2");
    s.put("MOOG_RETRY_MAX_DELAY", "1");
    s.put("REDIS_PARTITIONS", String.valueOf(partitions));
    if (partitions > 1) {
      // one consumer per role, so the partitions are not rebalanced in the middle of the test (what
      // is tested is the notifier reading every partition, not a handover while the circuit is
      // open)
      s.put("ALERTER_INSTANCES", "1");
      s.put("FORWARDER_INSTANCES", "1");
    }
    MuttTestApp app = start("ingest,alerter,forwarder,notifier", s);
    // with partitions, a critical host whose alerts go to a partition other than the first
    String criticalHost = "edge9.example.com";
    for (int i = 10;
        app.app.runtime().keys().partitions.of(criticalHost) == 0 && partitions > 1;
        i++) {
      criticalHost = "edge" + i + ".example.com";
    }
    StandIn moog = app.standIn();
    WebClient http = WebClient.create(vertx);
    try {
      moog.faults(new JsonObject().put("mode", "status").put("status", 503));
      ingest(http, app, "router1.prod.example.com", "LINK-DOWN warm-up 1");
      ingest(http, app, "router1.prod.example.com", "LINK-DOWN warm-up 2");
      Eventually.until(
          Duration.ofSeconds(20),
          "circuit open",
          () -> {
            Response st =
                redis(app, Request.cmd(Command.GET).arg(app.app.runtime().keys().circuitState));
            return st != null && st.toString().equals("OPEN");
          });

      String tag = UUID.randomUUID().toString().substring(0, 8);
      String critical = "CRITICAL power supply failed " + tag;
      String other = "LINK-DOWN on uplink " + tag;
      ingest(http, app, criticalHost, critical);
      ingest(http, app, "router1.prod.example.com", other);
      Eventually.until(
          Duration.ofSeconds(15),
          "fallback message",
          () -> webhook.stream().anyMatch(w -> w.text().contains(critical)));
      Received msg =
          webhook.stream().filter(w -> w.text().contains(critical)).findFirst().orElseThrow();
      assertThat(msg.text())
          .contains("Critical alerts held while the Moogsoft circuit is open")
          .contains("[NETO] " + criticalHost)
          .doesNotContain(other);
      Eventually.until(
          Duration.ofSeconds(10), "the e-mail", () -> mail.getReceivedMessages().length > 0);
      assertThat(mail.getReceivedMessages()[0].getSubject())
          .isEqualTo("[MUTT] 1 critical alert(s) while Moogsoft is unreachable");

      moog.healthy();
      Eventually.until(
          Duration.ofSeconds(30),
          "Moogsoft gets the other alert after recovery",
          () -> delivered(moog, other) == 1);
      Thread.sleep(2000);
      assertThat(delivered(moog, critical)).isEqualTo(mode.equals("both") ? 1 : 0);
      assertThat(webhook.stream().filter(w -> w.text().contains(critical)))
          .as("the fallback alert is told once")
          .hasSize(1);
      JsonObject summary = new JsonObject(auditLog(app).get(0).getString("summary"));
      assertThat(summary.getString("fallback_mode")).isEqualTo(mode);
      assertThat(summary.getJsonArray("fallback_event_ids")).hasSize(1);
    } finally {
      moog.close();
    }
  }

  private static long delivered(StandIn moog, String message) {
    JsonArray events = moog.eventsWithMeta(1000);
    return events.stream()
        .map(JsonObject.class::cast)
        .filter(e -> message.equals(e.getJsonObject("event").getString("description")))
        .count();
  }

  private static void ingest(WebClient http, MuttTestApp app, String host, String message) {
    int code =
        http.postAbs(app.ingestUrl() + "/api/v2/ingest")
            .putHeader("X-API-KEY", "test-ingest-key-0123456789")
            .sendJsonObject(
                new JsonObject()
                    .put("hostname", host)
                    .put("timestamp", java.time.Instant.now().toString())
                    .put("message", message))
            .await()
            .statusCode();
    assertThat(code).isEqualTo(200);
  }
}
