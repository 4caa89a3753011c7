package io.mutt.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import io.mutt.config.MuttConfig;
import io.mutt.queue.DurableQueue;
import io.mutt.queue.QueueEntry;
import io.mutt.testsupport.CertAuthority;
import io.mutt.testsupport.RedisServers;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIf;
import org.slf4j.LoggerFactory;

/**
 * {@code REDIS_TLS_ENABLED=true} with {@code REDIS_MODE} sentinel and cluster against processes
 * started here that listen on TLS only ({@code port 0}, certificates made by openssl, verified by
 * MUTT against their CA and 127.0.0.1): a Sentinel set (master, replica, three sentinels, with
 * replication and Sentinel's own links over TLS) and a three-master cluster ({@code tls-cluster
 * yes}). Both require a password that MUTT holds as its next one: its current one is refused, it
 * logs in with the next, and no log line carries either. On each, MUTT's stream queue is written
 * and read through {@link RedisConnector}, a CA that did not sign the servers is refused, and MUTT
 * (every role) carries the demo events end to end (ingest, alerter, forwarder to the Moogsoft
 * stand-in, audit) while health lists the masters.
 */
@EnabledIf("io.mutt.testsupport.RedisServers#available")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RedisTlsTopologyTest {

  static final String NEXT = "tls-topology-next-pass-0123";
  static final String OLD = "tls-topology-old-pass-4567";

  static Path certs;
  static RedisServers.Tls tls;
  static Path otherCa;
  static Vertx vertx;

  @BeforeAll
  static void certificates() throws Exception {
    certs = Files.createTempDirectory("mutt-redis-tls-");
    tls = RedisServers.Tls.create(certs);
    otherCa = CertAuthority.authority(certs, "other").ca;
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    if (vertx != null) {
      vertx.close().await();
    }
  }

  @Test
  void sentinel_over_tls_with_the_next_password_carries_events_end_to_end() throws Exception {
    try (Logs logs = new Logs();
        RedisServers.Sentinel redis = RedisServers.sentinel("mutt-tls", NEXT, tls)) {
      Map<String, String> settings = midRotation(redis.settings());
      queueRoundTrip(settings, "mutt:tls-check");
      refusesAnotherCa(settings, logs);
      try (TopologyRun run = new TopologyRun(settings, Map.of())) {
        run.demoEventsArriveAndAreAudited();
        JsonObject t = run.topology();
        assertThat(t.getString("mode")).as(t.encode()).isEqualTo("sentinel");
        JsonObject master = t.getJsonArray("masters").getJsonObject(0);
        assertThat(master.getString("address")).isEqualTo("127.0.0.1:" + redis.master());
        assertThat(master.getInteger("replicas")).isEqualTo(1);
      }
      logs.showFallbackWithoutSecrets();
    }
  }

  @Test
  void cluster_over_tls_with_the_next_password_carries_events_end_to_end() throws Exception {
    try (Logs logs = new Logs();
        RedisServers.Cluster redis = RedisServers.cluster(NEXT, tls, 0)) {
      Map<String, String> settings = midRotation(redis.settings());
      queueRoundTrip(settings, "{mutt}:tls-check");
      refusesAnotherCa(settings, logs);
      try (TopologyRun run = new TopologyRun(settings, Map.of("MUTT_KEY_PREFIX", "{mutt}"))) {
        run.demoEventsArriveAndAreAudited();
        JsonObject t = run.topology();
        assertThat(t.getString("mode")).as(t.encode()).isEqualTo("cluster");
        assertThat(
                t.getJsonArray("masters").stream().map(m -> ((JsonObject) m).getString("address")))
            .as(t.encode())
            .containsExactlyInAnyOrderElementsOf(
                redis.ports().stream().map(p -> "127.0.0.1:" + p).toList());
      }
      logs.showFallbackWithoutSecrets();
    }
  }

  /** The servers know only the next password: MUTT's current one is refused. */
  private static Map<String, String> midRotation(Map<String, String> redis) {
    Map<String, String> s = new HashMap<>(redis);
    assertThat(s).containsEntry("REDIS_TLS_ENABLED", "true");
    s.put("REDIS_PASS_CURRENT", OLD);
    s.put("REDIS_PASS_NEXT", NEXT);
    return s;
  }

  /**
   * {@link RedisConnector#connect} with {@code settings}, then MUTT's stream queue appends, reads
   * and acknowledges an entry on {@code key}.
   */
  private static void queueRoundTrip(Map<String, String> settings, String key) throws Exception {
    MuttConfig config = new MuttConfig(new JsonObject(new HashMap<>(settings)));
    Redis redis = RedisConnector.connect(vertx, config).await(30, TimeUnit.SECONDS);
    try {
      DurableQueue queue = DurableQueue.redisStream(redis, key, "tls-check");
      queue.ensureGroup().await(10, TimeUnit.SECONDS);
      String id = queue.append("{\"hostname\":\"tls-host\"}").await(10, TimeUnit.SECONDS);
      List<QueueEntry> read = queue.read("c1", 10, 0).await(10, TimeUnit.SECONDS);
      assertThat(read).extracting(QueueEntry::id).containsExactly(id);
      assertThat(read.get(0).payload()).contains("tls-host");
      queue.ack(List.of(id)).await(10, TimeUnit.SECONDS);
      assertThat(queue.depth().await(10, TimeUnit.SECONDS)).isZero();
    } finally {
      redis.close();
    }
  }

  /**
   * With a CA that did not sign the servers, the start fails at once and names the topology, and is
   * not taken for a refused password (no next password is tried).
   */
  private static void refusesAnotherCa(Map<String, String> settings, Logs logs) {
    long fallbacksBefore = logs.fallbacks();
    Map<String, String> wrong = new HashMap<>(settings);
    wrong.put("REDIS_CA_CERT_PATH", otherCa.toString());
    MuttConfig config = new MuttConfig(new JsonObject(new HashMap<>(wrong)));
    assertThatThrownBy(() -> RedisConnector.connect(vertx, config).await(40, TimeUnit.SECONDS))
        .hasMessageContaining("Redis (" + RedisMode.from(config).describe() + ") is not reachable");
    assertThat(logs.fallbacks()).as("password fallbacks logged").isEqualTo(fallbacksBefore);
  }

  /** Every log line (with stack traces) while open. */
  private static final class Logs extends AppenderBase<ILoggingEvent> implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    Logs() {
      start();
      root.addAppender(this);
    }

    @Override
    protected void append(ILoggingEvent e) {
      lines.add(
          e.getLoggerName()
              + " "
              + e.getFormattedMessage()
              + (e.getThrowableProxy() == null
                  ? ""
                  : " " + ThrowableProxyUtil.asString(e.getThrowableProxy())));
    }

    long fallbacks() {
      return lines.stream().filter(l -> l.contains("trying the next password")).count();
    }

    /** The current password was refused and the next one used, and no line names either. */
    void showFallbackWithoutSecrets() {
      assertThat(lines).anyMatch(l -> l.contains("trying the next password"));
      assertThat(lines).noneMatch(l -> l.contains(NEXT) || l.contains(OLD));
    }

    @Override
    public void close() {
      root.detachAppender(this);
      stop();
    }
  }
}
