package io.mutt.traps;

import static org.assertj.core.api.Assertions.assertThat;

import io.mutt.testsupport.Eventually;
import io.mutt.testsupport.IntakeKit;
import io.mutt.testsupport.MuttTestApp;
import io.mutt.testsupport.Ports;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An inform is acknowledged only after its event is durably queued: with MUTT's Redis (a
 * redis-server of this test) killed, snmpinform gets no answer; once Redis is back, the inform is
 * answered and its event is in the queue.
 */
class TrapsInformDurabilityTest {

  static String redisServer;
  static String snmpinform;
  static int redisPort;
  static Path redisDir;
  static Process redis;
  static MuttTestApp mutt;

  @BeforeAll
  static void start() throws Exception {
    redisServer = IntakeKit.require("redis-server", "redis-server");
    snmpinform = IntakeKit.require("snmpinform", "snmp");
    redisPort = Ports.free();
    redisDir = Files.createTempDirectory("mutt-redis-");
    startRedis();
    mutt =
        MuttTestApp.start(
            "traps",
            Map.of(
                "REDIS_HOST", "127.0.0.1",
                "REDIS_PORT", String.valueOf(redisPort),
                "REDIS_PASS_CURRENT", "",
                "SNMP_TRAP_COMMUNITIES", "public"));
  }

  static void startRedis() throws Exception {
    redis =
        new ProcessBuilder(
                redisServer,
                "--port",
                String.valueOf(redisPort),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                redisDir.toString())
            .redirectErrorStream(true)
            .redirectOutput(redisDir.resolve("redis.log").toFile())
            .start();
    Eventually.until(
        Duration.ofSeconds(10),
        "redis-server answers",
        () ->
            IntakeKit.run(5, "redis-cli", "-p", String.valueOf(redisPort), "ping")
                .output()
                .contains("PONG"));
  }

  static void stopRedis() throws Exception {
    redis.destroyForcibly();
    redis.waitFor(10, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    if (mutt != null) {
      mutt.close();
    }
    if (redis != null) {
      stopRedis();
    }
  }

  static IntakeKit.Run inform(String host, int timeoutSeconds) {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                snmpinform,
                "-m",
                "",
                "-M",
                "/nonexistent",
                "-v",
                "2c",
                "-c",
                "public",
                "-r",
                "0",
                "-t",
                String.valueOf(timeoutSeconds),
                "127.0.0.1:" + mutt.settings.get("SNMP_TRAP_PORT"),
                "",
                "1.3.6.1.6.3.1.1.5.3",
                "1.3.6.1.2.1.1.5.0",
                "s",
                host));
    return IntakeKit.run(timeoutSeconds + 20, cmd.toArray(String[]::new));
  }

  static boolean queued(String host) {
    var r =
        mutt.app
            .runtime()
            .redis()
            .send(
                Request.cmd(Command.XRANGE)
                    .arg(mutt.app.runtime().keys().ingestQueue)
                    .arg("-")
                    .arg("+"))
            .await();
    for (var e : r) {
      if (e.get(1).get(1).toString().contains(host)) {
        return true;
      }
    }
    return false;
  }

  @Test
  void no_answer_while_redis_is_down_then_answered_once_written() throws Exception {
    String before = "inform-" + UUID.randomUUID().toString().substring(0, 8);
    assertThat(inform(before, 5).exit()).as("answered with Redis up").isZero();
    assertThat(queued(before)).isTrue();

    stopRedis();
    String during = "inform-" + UUID.randomUUID().toString().substring(0, 8);
    IntakeKit.Run r = inform(during, 3);
    assertThat(r.exit()).as("snmpinform must time out: " + r.output()).isNotZero();
    assertThat(r.output()).containsIgnoringCase("timeout");

    startRedis();
    String after = "inform-" + UUID.randomUUID().toString().substring(0, 8);
    Eventually.value(
        Duration.ofSeconds(60),
        "an inform answered after Redis is back",
        () -> inform(after, 3),
        run -> run.exit() == 0);
    assertThat(queued(after)).isTrue();
  }
}
