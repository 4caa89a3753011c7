package io.mutt.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.mutt.testsupport.Eventually;
import io.mutt.testsupport.Fixtures;
import io.mutt.testsupport.Flood;
import io.mutt.testsupport.MuttTestApp;
import io.mutt.testsupport.RedisServers;
import io.mutt.testsupport.StandIn;
import io.mutt.testsupport.TestServices;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * MUTT (every role, one JVM) on a Redis topology started by the test, with the Moogsoft stand-in:
 * what the Sentinel and Cluster tests share — the end-to-end check and the flood with a fault.
 */
final class TopologyRun implements AutoCloseable {

  static final String INGEST_KEY = "test-ingest-key-0123456789";

  /** Events of the flood ({@code -Dmutt.flood.events}; the fault scripts run 40,000). */
  static final int FLOOD_EVENTS = Integer.getInteger("mutt.flood.events", 6000);

  /** How long a flood of {@link #FLOOD_EVENTS} may take to be sent, and then to drain. */
  static Duration floodTimeout() {
    return Duration.ofSeconds(60 + FLOOD_EVENTS / 300);
  }

  final MuttTestApp mutt;
  final StandIn moog;
  private final Vertx vertx = Vertx.vertx();
  private final WebClient http = WebClient.create(vertx);

  TopologyRun(Map<String, String> redis, Map<String, String> extra) {
    Map<String, String> s = new HashMap<>(TestServices.freshDatabase());
    s.put("INGEST_API_KEY", INGEST_KEY);
    s.put("WEBUI_API_KEY", "test-webui-key-0123456789");
    s.put("MOOG_API_KEY", "test-moog-key-0123456789");
    s.put("MUTT_LOAD_DEMO_DATA", "true");
    // one alert per event: the flood's events repeat hosts (coalescing is tested on its own)
    s.put("ALERT_COALESCE_WINDOW_SECONDS", "0");
    s.put("UNHANDLED_THRESHOLD", "100000");
    // Moogsoft's shared rate limit (50/s by default) is not what these runs measure
    s.put("MOOG_RATE_LIMIT", "100000");
    // entries whose acknowledgement failed in the failover are taken over after this
    s.put("ALERTER_JANITOR_TIMEOUT", "5");
    s.put("MOOG_WEBHOOK_TIMEOUT", "2");
    s.put("MOOG_JANITOR_TIMEOUT", "5");
    s.putAll(redis);
    s.putAll(extra);
    mutt = MuttTestApp.start("all", s);
    moog = mutt.standIn();
  }

  /** The spec's demo events in over HTTP: 12 alerts at the stand-in, 13 audit rows. */
  void demoEventsArriveAndAreAudited() {
    List<JsonObject> events = new java.util.ArrayList<>(Fixtures.syslogTestData());
    events.addAll(Fixtures.snmpTraps());
    events.add(
        new JsonObject()
            .put("hostname", "dev-router1")
            .put("timestamp", java.time.Instant.now().toString())
            .put("message", "CRITICAL power supply"));
    events.add(
        new JsonObject()
            .put("hostname", "test-switch1")
            .put("timestamp", java.time.Instant.now().toString())
            .put("message", "ERROR on port 3"));
    long before = moog.count();
    for (JsonObject e : events) {
      var res =
          http.postAbs(mutt.ingestUrl() + "/api/v2/ingest")
              .putHeader("X-API-KEY", INGEST_KEY)
              .sendJsonObject(e)
              .await();
      assertThat(res.statusCode()).as(res.bodyAsString()).isEqualTo(200);
    }
    // 6 syslog events match rule 2, 5 traps rule 5, the dev host's CRITICAL rule 1: 12 alerts
    Eventually.until(
        Duration.ofSeconds(60), "12 alerts at the stand-in", () -> moog.count() - before >= 12);
    Eventually.until(Duration.ofSeconds(60), "13 audit rows", () -> auditRows() >= 13);
    assertThat(moog.count() - before).isEqualTo(12);
    assertThat(auditRows()).isEqualTo(13);
  }

  long auditRows() {
    return mutt.auditRowCount();
  }

  /** The web role's {@code /health} topology. */
  JsonObject topology() {
    JsonObject h = http.getAbs(mutt.webUrl() + "/health").send().await().bodyAsJsonObject();
    return h.getJsonObject("redis_topology", new JsonObject().put("health", h));
  }

  /**
   * A flood of {@link #FLOOD_EVENTS} with a kill -9 of the Redis server on {@code port} half way:
   * nothing acknowledged is lost and the flood completes.
   */
  Flood.Outcome floodKilling(RedisServers servers, int port) throws Exception {
    Flood.Outcome o = flood(FLOOD_EVENTS, () -> servers.kill(port), floodTimeout());
    assertThat(o.lost()).as(o.figures()).isZero();
    assertThat(o.accepted()).as("the flood completes").isEqualTo(o.sent());
    return o;
  }

  /**
   * Waits up to 10 s for the health topology to list a master whose address contains {@code
   * address}.
   */
  void untilHealthListsMaster(String what, String address) {
    Eventually.until(
        Duration.ofSeconds(10),
        what,
        () ->
            topology()
                .getJsonArray("masters", new io.vertx.core.json.JsonArray())
                .encode()
                .contains(address));
  }

  /**
   * Floods {@code events} events, runs {@code fault} when half are acknowledged, waits until the
   * flood is through and the pipeline drained, and answers what became of the events.
   */
  Flood.Outcome flood(int events, Runnable fault, Duration within) throws Exception {
    Flood flood = new Flood(mutt.ingestUrl(), INGEST_KEY, events, 20, 8).atHalf(fault);
    try {
      flood
          .run()
          .toCompletionStage()
          .toCompletableFuture()
          .get(within.toMillis(), TimeUnit.MILLISECONDS);
      int accepted = flood.accepted.size();
      try {
        Eventually.until(
            within,
            "every acknowledged event delivered (accepted " + accepted + ")",
            () -> flood.outcome(standInIds()).lost() == 0 || quiet());
      } finally {
        diagnose();
        Flood.Outcome o = flood.outcome(standInIds());
        System.out.println("FIGURES " + o.figures());
        o.lostIds().stream()
            .limit(3)
            .forEach(id -> System.out.println("DIAG lost " + id + " " + whereIs(id)));
      }
      Flood.Outcome o = flood.outcome(standInIds());
      System.out.println("FIGURES " + o.figures());
      return o;
    } finally {
      flood.close();
    }
  }

  private String whereIs(String correlationId) {
    return http.getAbs(mutt.webUrl() + "/api/v2/events/" + correlationId)
        .putHeader("X-API-KEY", "test-webui-key-0123456789")
        .send()
        .await()
        .bodyAsString();
  }

  /** Prints the streams' groups and the stages' counters (read when a run goes wrong). */
  void diagnose() {
    var rt = mutt.app.runtime();
    List<String> streams = new java.util.ArrayList<>(rt.keys().ingestPartitions);
    rt.keys().alertPartitions.forEach(p -> streams.add(p.stream()));
    for (String key : streams) {
      try {
        System.out.println(
            "DIAG "
                + key
                + " xlen="
                + rt.redis()
                    .send(
                        io.vertx.redis.client.Request.cmd(io.vertx.redis.client.Command.XLEN)
                            .arg(key))
                    .await()
                + " groups="
                + rt.redis()
                    .send(
                        io.vertx.redis.client.Request.cmd(io.vertx.redis.client.Command.XINFO)
                            .arg("GROUPS")
                            .arg(key))
                    .await());
      } catch (Throwable e) { // a Redis error reply (ErrorType) is a Throwable, not an Exception
        System.out.println("DIAG " + key + ": " + e.getMessage());
      }
    }
    for (String port : List.of("METRICS_PORT_MOOG", "METRICS_PORT_ALERTER")) {
      String text =
          http.getAbs("http://127.0.0.1:" + mutt.port(port) + "/metrics")
              .send()
              .await()
              .bodyAsString();
      text.lines()
          .filter(
              l ->
                  !l.startsWith("#")
                      && (l.startsWith("mutt_moog")
                          || l.startsWith("mutt_forwarder")
                          || l.startsWith("mutt_alerter")
                          || l.startsWith("mutt_circuit")
                          || l.startsWith("mutt_redis")))
          .filter(l -> !l.contains("_bucket"))
          .forEach(l -> System.out.println("DIAG " + l));
    }
  }

  /**
   * Both streams are empty (every entry acknowledged) and the stand-in received nothing for 3 s: an
   * acknowledged event still missing will not come.
   */
  private boolean quiet() {
    long c1 = moog.count();
    Eventually.pause(3000);
    return moog.count() == c1 && streamLength(true) == 0 && streamLength(false) == 0;
  }

  /**
   * Entries in the ingest (or alert) stream, over its partitions; -1 when Redis does not answer.
   */
  private long streamLength(boolean ingest) {
    var rt = mutt.app.runtime();
    try {
      return (ingest ? io.mutt.queue.Streams.ingest(rt) : io.mutt.queue.Streams.alerts(rt))
          .depth()
          .await();
    } catch (RuntimeException e) {
      return -1;
    }
  }

  JsonObject standInIds() {
    return http.getAbs(mutt.moogUrl() + "/external_ids")
        .putHeader("X-API-KEY", mutt.settings.get("MOOG_API_KEY"))
        .send()
        .await()
        .bodyAsJsonObject();
  }

  @Override
  public void close() {
    moog.close();
    http.close();
    vertx.close();
    mutt.close();
  }
}
