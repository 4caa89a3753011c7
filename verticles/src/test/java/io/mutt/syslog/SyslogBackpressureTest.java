package io.mutt.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import io.mutt.runtime.MuttRuntime;
import io.mutt.testsupport.Eventually;
import io.mutt.testsupport.IntakeKit;
import io.mutt.testsupport.MuttTestApp;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A storm of syslog lines over one TCP connection while the ingest cap is reached: the connection
 * is paused, not dropped, and every line is queued once room is made (here by a stand-in consumer
 * that deletes what it read).
 */
class SyslogBackpressureTest {

  static final int LINES = 100_000;
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

  private static double metric(String name, String listener) {
    return IntakeKit.listenerCount(rt, name, listener);
  }

  @Test
  void the_connection_pauses_at_the_cap_and_every_line_is_queued_later() throws Exception {
    String stream = rt.keys().ingestQueue;
    try (Socket s = new Socket("127.0.0.1", mutt.port("SYSLOG_TCP_PORT"))) {
      OutputStream out = s.getOutputStream();
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < LINES; i++) {
        String msg = "<13>1 - storm-host app - - - line " + i;
        sb.append(msg.length()).append(' ').append(msg);
      }
      Thread writer =
          new Thread(
              () -> {
                try {
                  out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
                  out.flush();
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      writer.start();
      Eventually.value(
          Duration.ofSeconds(30),
          "the cap is reached and the connection paused",
          () ->
              List.of(
                  metric("mutt.listener.paused", "syslog_tcp"),
                  (double) xlen(stream),
                  metric("mutt.listener.received", "syslog_tcp")),
          v -> v.get(0) >= 1 && v.get(1) >= 1 && v.get(2) < LINES);
      Eventually.pause(500);
      assertThat(xlen(stream)).as("the cap holds while nobody consumes").isLessThanOrEqualTo(1000);

      BitSet seen = new BitSet(LINES);
      long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      while (seen.cardinality() < LINES && System.nanoTime() < deadline) {
        Response entries =
            rt.redis()
                .send(
                    Request.cmd(Command.XRANGE).arg(stream).arg("-").arg("+").arg("COUNT").arg(500))
                .await();
        if (entries.size() == 0) {
          Eventually.pause(20);
          continue;
        }
        Request del = Request.cmd(Command.XDEL).arg(stream);
        for (Response e : entries) {
          JsonObject event = new JsonObject(e.get(1).get(1).toString());
          String m = event.getString("message");
          int n = Integer.parseInt(m.substring(m.lastIndexOf(' ') + 1));
          assertThat(seen.get(n)).as("line %d queued twice", n).isFalse();
          seen.set(n);
          del.arg(e.get(0).toString());
        }
        rt.redis().send(del).await();
      }
      writer.join(10_000);
      assertThat(seen.cardinality()).as("lines queued").isEqualTo(LINES);
      assertThat(metric("mutt.listener.queued", "syslog_tcp")).isEqualTo(LINES);
      assertThat(metric("mutt.listener.received", "syslog_tcp")).isEqualTo(LINES);
      assertThat(s.isClosed()).isFalse();
    }
  }

  private static long xlen(String stream) {
    return rt.redis().send(Request.cmd(Command.XLEN).arg(stream)).await().toLong();
  }
}
