package io.mutt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mutt.testsupport.Eventually;
import io.mutt.testsupport.MuttTestApp;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ingest role's {@code /health} and {@code mutt status} report every native listener of the
 * process (enabled, bound port, state, connections), driven by real sockets: connections open and
 * close, a TCP connection is paused at the ingest cap and resumed when room is made, and a listener
 * configured off shows as disabled.
 */
class ListenerStatusTest {

  static final int CAP = 1000;
  static MuttTestApp mutt;

  @BeforeAll
  static void start() {
    mutt =
        MuttTestApp.start(
            "ingest,syslog,traps",
            Map.of("MAX_INGEST_QUEUE_SIZE", String.valueOf(CAP), "SYSLOG_TCP_MAX_PENDING", "5"));
  }

  @AfterAll
  static void stop() {
    mutt.close();
  }

  static JsonObject health() throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(mutt.ingestUrl() + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return new JsonObject(r.body());
  }

  static JsonObject listener(String name) {
    try {
      return health().getJsonObject("listeners").getJsonObject(name);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String[] status(String... extra) {
    return StatusArgs.of(mutt, extra);
  }

  static void send(OutputStream out, String tag, int from, int n) throws Exception {
    StringBuilder sb = new StringBuilder();
    for (int i = from; i < from + n; i++) {
      String msg = "<13>1 - status-host app - - - " + tag + " line " + i;
      sb.append(msg.length()).append(' ').append(msg);
    }
    out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  static long xlen() {
    var rt = mutt.app.runtime();
    return rt.redis().send(Request.cmd(Command.XLEN).arg(rt.keys().ingestQueue)).await().toLong();
  }

  @Test
  void each_listener_reports_its_port_state_and_connections_and_a_paused_connection_shows()
      throws Exception {
    JsonObject all = health().getJsonObject("listeners");
    assertThat(all.fieldNames())
        .containsExactlyInAnyOrder("syslog_udp", "syslog_tcp", "syslog_tls", "snmp_trap");
    JsonObject udp = all.getJsonObject("syslog_udp");
    assertThat(udp.getBoolean("enabled")).isTrue();
    assertThat(udp.getString("transport")).isEqualTo("udp");
    assertThat(udp.getInteger("port")).isEqualTo(mutt.port("SYSLOG_UDP_PORT"));
    assertThat(udp.getString("state")).isEqualTo("listening");
    assertThat(udp.getValue("connections")).as("UDP has no connections").isNull();
    JsonObject tcp = all.getJsonObject("syslog_tcp");
    assertThat(tcp.getInteger("port")).isEqualTo(mutt.port("SYSLOG_TCP_PORT"));
    assertThat(tcp.getString("state")).isEqualTo("listening");
    assertThat(tcp.getLong("connections")).isZero();
    JsonObject tls = all.getJsonObject("syslog_tls");
    assertThat(tls.getBoolean("enabled")).as("no certificate configured").isFalse();
    assertThat(tls.getString("state")).isEqualTo("disabled");
    assertThat(tls.getValue("port")).isNull();
    JsonObject trap = all.getJsonObject("snmp_trap");
    assertThat(trap.getInteger("port")).isEqualTo(mutt.port("SNMP_TRAP_PORT"));
    assertThat(trap.getString("state")).isEqualTo("listening");

    byte[] datagram = "<13>1 - status-host app - - - over udp".getBytes(StandardCharsets.UTF_8);
    try (DatagramSocket s = new DatagramSocket()) {
      s.send(
          new DatagramPacket(
              datagram,
              datagram.length,
              InetAddress.getLoopbackAddress(),
              mutt.port("SYSLOG_UDP_PORT")));
    }
    Eventually.until(
        Duration.ofSeconds(10),
        "the datagram queued",
        () -> listener("syslog_udp").getLong("queued") == 1);

    try (Socket a = new Socket("127.0.0.1", mutt.port("SYSLOG_TCP_PORT"));
        Socket b = new Socket("127.0.0.1", mutt.port("SYSLOG_TCP_PORT"))) {
      send(a.getOutputStream(), "a", 0, 3);
      Eventually.until(
          Duration.ofSeconds(10),
          "two connections, three lines queued",
          () -> {
            JsonObject t = listener("syslog_tcp");
            return t.getLong("connections") == 2 && t.getLong("queued") == 3;
          });
      Cli text = Cli.run(status());
      assertThat(text.toString())
          .contains(
              "syslog_tcp   :" + mutt.port("SYSLOG_TCP_PORT") + " tcp listening, 2 connections")
          .contains("syslog_udp   :" + mutt.port("SYSLOG_UDP_PORT") + " udp listening, 1 queued")
          .contains("syslog_tls   disabled");

      send(b.getOutputStream(), "b", 0, 1100);
      JsonObject paused =
          Eventually.value(
              Duration.ofSeconds(15),
              "connection b paused at the cap",
              () -> listener("syslog_tcp"),
              t -> "paused".equals(t.getString("state")));
      assertThat(paused.getLong("paused_connections")).isEqualTo(1);
      assertThat(xlen()).as("the cap holds").isLessThanOrEqualTo(CAP);
      Cli json = Cli.run(status("--json"));
      assertThat(json.exit()).as(json.toString()).isZero();
      assertThat(
              json.jsonObject()
                  .getJsonObject("listeners")
                  .getJsonObject("syslog_tcp")
                  .getString("state"))
          .isEqualTo("paused");

      var rt = mutt.app.runtime();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (listener("syslog_tcp").getLong("queued") < 1103 && System.nanoTime() < deadline) {
        rt.redis()
            .send(Request.cmd(Command.XTRIM).arg(rt.keys().ingestQueue).arg("MAXLEN").arg(0))
            .await();
        Eventually.pause(50);
      }
      JsonObject resumed =
          Eventually.value(
              Duration.ofSeconds(10),
              "every line queued and the connection resumed",
              () -> listener("syslog_tcp"),
              t -> t.getLong("queued") == 1103 && "listening".equals(t.getString("state")));
      assertThat(resumed.getLong("paused_connections")).isZero();
      assertThat(resumed.getLong("dropped")).isZero();
    }
    Eventually.until(
        Duration.ofSeconds(10),
        "both connections closed",
        () -> listener("syslog_tcp").getLong("connections") == 0);
  }
}
