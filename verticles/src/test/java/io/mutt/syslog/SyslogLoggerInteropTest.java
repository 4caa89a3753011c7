package io.mutt.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import io.mutt.testsupport.IntakeKit;
import io.mutt.testsupport.MuttTestApp;
import io.mutt.testsupport.Resources;
import io.mutt.testsupport.StandIn;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * util-linux {@code logger} sends to the syslog listener over UDP and TCP, both framings, RFC 5424
 * and RFC 3164; each line must go through the queue, the alerter's rules and the audit log, and
 * reach the Moogsoft stand-in, exactly as an HTTP event with the same text would.
 */
class SyslogLoggerInteropTest {

  static MuttTestApp mutt;
  static StandIn moog;
  static String logger;

  @BeforeAll
  static void start() {
    logger = IntakeKit.require("logger", "bsdutils");
    mutt =
        MuttTestApp.start(
            "syslog,alerter,forwarder",
            // every line comes from this machine's hostname: one alert per line here
            Map.of("ALERT_COALESCE_WINDOW_SECONDS", "0"));
    moog = mutt.standIn();
  }

  @AfterAll
  static void stop() throws Exception {
    Resources.close(moog, mutt);
  }

  /** logger's options to reach MUTT over UDP, TCP (LF framed) or TCP with octet counting. */
  private static List<String> udp() {
    return List.of("--udp", "-P", mutt.settings.get("SYSLOG_UDP_PORT"));
  }

  private static List<String> tcp() {
    return List.of("--tcp", "-P", mutt.settings.get("SYSLOG_TCP_PORT"));
  }

  private static List<String> tcpOctetCounted() {
    return List.of("--tcp", "--octet-count", "-P", mutt.settings.get("SYSLOG_TCP_PORT"));
  }

  private static JsonObject sendAndAudit(String token, List<String> transport, String... options) {
    List<String> cmd = new ArrayList<>(List.of(logger, "-n", "127.0.0.1"));
    cmd.addAll(transport);
    cmd.addAll(List.of(options));
    cmd.add("ERROR interop " + token);
    IntakeKit.ok(20, cmd.toArray(String[]::new));
    List<JsonObject> rows = IntakeKit.awaitAudited(mutt.app.runtime(), token);
    assertThat(rows).hasSize(1);
    JsonObject e = rows.get(0);
    assertThat(e.getString("source")).isEqualTo("syslog");
    assertThat(e.getString("source_ip")).isEqualTo("127.0.0.1");
    assertThat(e.getString("message")).endsWith("ERROR interop " + token);
    assertThat(e.getString("_audit_handling")).isEqualTo("Ticket_only");
    assertThat(e.getValue("_audit_forwarded")).isEqualTo(true);
    assertThat(e.containsKey("parse_error")).as(e.encode()).isFalse();
    IntakeKit.awaitForwarded(moog, token);
    return e;
  }

  private static String token() {
    return UUID.randomUUID().toString().substring(0, 12);
  }

  @Test
  void rfc5424_over_udp_with_structured_data() {
    String t = token();
    JsonObject e =
        sendAndAudit(
            t,
            udp(),
            "--rfc5424",
            "-t",
            "interop-app",
            "-p",
            "local4.err",
            "--msgid",
            "ID47",
            "--sd-id",
            "mutt@32473",
            "--sd-param",
            "token=\"" + t + "\"");
    assertThat(e.getString("syslog_format")).isEqualTo("rfc5424");
    assertThat(e.getInteger("syslog_severity")).isEqualTo(3);
    assertThat(e.getString("facility")).isEqualTo("local4");
    assertThat(e.getString("program")).isEqualTo("interop-app");
    assertThat(e.getString("msgid")).isEqualTo("ID47");
    assertThat(e.getJsonObject("structured_data").getJsonObject("mutt@32473").getString("token"))
        .isEqualTo(t);
  }

  @Test
  void rfc3164_over_udp() {
    JsonObject e =
        sendAndAudit(token(), udp(), "--rfc3164", "-t", "bsdapp", "-p", "daemon.warning");
    assertThat(e.getString("syslog_format")).isEqualTo("rfc3164");
    assertThat(e.getInteger("syslog_severity")).isEqualTo(4);
    assertThat(e.getString("facility")).isEqualTo("daemon");
    assertThat(e.getString("program")).isEqualTo("bsdapp");
  }

  @Test
  void rfc5424_over_tcp_lf_framed() {
    JsonObject e = sendAndAudit(token(), tcp(), "--rfc5424", "-t", "tcpapp");
    assertThat(e.getString("syslog_format")).isEqualTo("rfc5424");
    assertThat(e.getString("program")).isEqualTo("tcpapp");
  }

  @Test
  void rfc5424_over_tcp_octet_counted() {
    JsonObject e = sendAndAudit(token(), tcpOctetCounted(), "--rfc5424", "-t", "countedapp");
    assertThat(e.getString("program")).isEqualTo("countedapp");
  }

  @Test
  void rfc3164_over_tcp_octet_counted() {
    JsonObject e = sendAndAudit(token(), tcpOctetCounted(), "--rfc3164", "-t", "countedbsd");
    assertThat(e.getString("syslog_format")).isEqualTo("rfc3164");
    assertThat(e.getString("program")).isEqualTo("countedbsd");
  }
}
