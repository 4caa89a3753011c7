package io.mutt.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import io.mutt.runtime.MuttRuntime;
import io.mutt.testsupport.Eventually;
import io.mutt.testsupport.IntakeKit;
import io.mutt.testsupport.MuttTestApp;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Senders that write a burst and close at once while MUTT holds their connections paused at the
 * ingest cap: every line they wrote is read whole and queued once room is made.
 */
class SyslogCloseWhilePausedTest {

  static final int CONNECTIONS = 4;
  static final int LINES = 20_000;
  static MuttTestApp mutt;
  static MuttRuntime rt;

  @BeforeAll
  static void start() {
    mutt =
        MuttTestApp.start(
            "syslog", Map.of("MAX_INGEST_QUEUE_SIZE", "1000", "SYSLOG_TCP_MAX_PENDING", "500"));
    rt = mutt.app.runtime();
  }

  @AfterAll
  static void stop() {
    mutt.close();
  }

  static double queued() {
    return IntakeKit.listenerCount(rt, "mutt.listener.queued", "syslog_tcp");
  }

  @Test
  void lines_of_connections_closed_while_paused_are_all_queued() throws Exception {
    for (int c = 0; c < CONNECTIONS; c++) {
      try (Socket s = new Socket("127.0.0.1", mutt.port("SYSLOG_TCP_PORT"))) {
        OutputStream out = s.getOutputStream();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < LINES; i++) {
          String msg = "<13>1 - close-host app - - - conn " + c + " line " + i;
          sb.append(msg.length()).append(' ').append(msg);
        }
        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
    }
    Eventually.value(
        Duration.ofSeconds(15),
        "the cap is reached",
        () ->
            "xlen="
                + rt.redis()
                    .send(Request.cmd(Command.XLEN).arg(rt.keys().ingestQueue))
                    .await()
                    .toLong()
                + " received="
                + rt.registry()
                    .find("mutt.listener.received")
                    .tag("listener", "syslog_tcp")
                    .counter()
                    .count()
                + " queued="
                + queued(),
        v -> Long.parseLong(v.substring(5, v.indexOf(" "))) >= 500);
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (queued() < CONNECTIONS * LINES && System.nanoTime() < deadline) {
      rt.redis()
          .send(Request.cmd(Command.XTRIM).arg(rt.keys().ingestQueue).arg("MAXLEN").arg(0))
          .await();
      Eventually.pause(20);
    }
    Eventually.pause(1000);
    var received =
        rt.registry().find("mutt.listener.received").tag("listener", "syslog_tcp").counter();
    assertThat(received.count()).as("lines read").isEqualTo(CONNECTIONS * LINES);
    assertThat(queued()).as("lines queued").isEqualTo(CONNECTIONS * LINES);
    assertThat(
            rt
                .registry()
                .find("mutt.listener.parse.errors")
                .tag("listener", "syslog_tcp")
                .counters()
                .stream()
                .mapToDouble(c -> c.count())
                .sum())
        .as("no frame cut at the close")
        .isZero();
  }
}
