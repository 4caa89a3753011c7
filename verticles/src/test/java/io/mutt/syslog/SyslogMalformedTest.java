package io.mutt.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import io.mutt.runtime.MuttRuntime;
import io.mutt.testsupport.Eventually;
import io.mutt.testsupport.MuttTestApp;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Malformed input is never dropped silently: it is queued with the raw line and a {@code
 * parse_error}, counted by reason; an empty frame is counted only.
 */
class SyslogMalformedTest {

  static MuttTestApp mutt;
  static MuttRuntime rt;

  @BeforeAll
  static void start() {
    mutt = MuttTestApp.start("syslog", Map.of("SYSLOG_MAX_MESSAGE_BYTES", "480"));
    rt = mutt.app.runtime();
  }

  @AfterAll
  static void stop() {
    mutt.close();
  }

  private static List<JsonObject> queued() {
    Response r =
        rt.redis()
            .send(Request.cmd(Command.XRANGE).arg(rt.keys().ingestQueue).arg("-").arg("+"))
            .await();
    List<JsonObject> out = new ArrayList<>();
    r.forEach(e -> out.add(new JsonObject(e.get(1).get(1).toString())));
    return out;
  }

  private static double errors(String listener, String reason) {
    var c =
        rt.registry()
            .find("mutt.listener.parse.errors")
            .tag("listener", listener)
            .tag("reason", reason)
            .counter();
    return c == null ? 0 : c.count();
  }

  @Test
  void malformed_lines_are_queued_with_raw_text_and_counted() throws Exception {
    String longLine = "<13>1 - h a - - - " + "x".repeat(600);
    try (Socket s = new Socket("127.0.0.1", mutt.port("SYSLOG_TCP_PORT"))) {
      OutputStream out = s.getOutputStream();
      out.write(
          ("no pri at all\n<13>1 - h a - - [broken sd\n\n" + longLine + "\n<999>bad pri\n")
              .getBytes(StandardCharsets.UTF_8));
      out.flush();
      Eventually.until(Duration.ofSeconds(20), "4 events queued", () -> queued().size() >= 4);
    }
    try (DatagramSocket udp = new DatagramSocket()) {
      byte[] b = "<13>1 2003-13-45T99:00:00Z h a - - - bad time".getBytes(StandardCharsets.UTF_8);
      udp.send(
          new DatagramPacket(
              b, b.length, InetAddress.getLoopbackAddress(), mutt.port("SYSLOG_UDP_PORT")));
    }
    Eventually.until(Duration.ofSeconds(20), "5 events queued", () -> queued().size() >= 5);
    List<JsonObject> events = queued();
    assertThat(events).hasSize(5);
    assertThat(events)
        .extracting(e -> e.getString("parse_error"))
        .containsExactlyInAnyOrder(
            "no_pri", "bad_structured_data", "too_long", "bad_pri", "bad_timestamp");
    assertThat(events).allSatisfy(e -> assertThat(e.getString("raw")).isNotEmpty());
    assertThat(events.stream().filter(e -> "no_pri".equals(e.getString("parse_error"))))
        .singleElement()
        .satisfies(e -> assertThat(e.getString("raw")).isEqualTo("no pri at all"));
    assertThat(events.stream().filter(e -> "too_long".equals(e.getString("parse_error"))))
        .singleElement()
        .satisfies(e -> assertThat(e.getString("raw")).hasSize(480));
    assertThat(errors("syslog_tcp", "empty")).isEqualTo(1);
    assertThat(errors("syslog_tcp", "no_pri")).isEqualTo(1);
    assertThat(errors("syslog_udp", "bad_timestamp")).isEqualTo(1);
  }
}
