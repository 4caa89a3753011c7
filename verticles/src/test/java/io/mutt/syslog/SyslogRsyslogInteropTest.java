package io.mutt.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import io.mutt.testsupport.Eventually;
import io.mutt.testsupport.IntakeKit;
import io.mutt.testsupport.MuttTestApp;
import io.mutt.testsupport.Ports;
import io.mutt.testsupport.Resources;
import io.mutt.testsupport.Rsyslog;
import io.mutt.testsupport.StandIn;
import io.mutt.testsupport.TestCerts;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Stock rsyslog forwards to MUTT with {@code omfwd}: over TCP with octet counting, and over TLS
 * (RFC 5425, {@code gtls} driver) presenting a client certificate to a listener that requires one.
 * logger feeds rsyslog over UDP; each line must be audited and reach the Moogsoft stand-in.
 */
class SyslogRsyslogInteropTest {

  static TestCerts certs;
  static MuttTestApp mutt;
  static Rsyslog rsyslog;
  static StandIn moog;
  static String logger;
  static int plainIn;
  static int tlsIn;

  @BeforeAll
  static void start() {
    logger = IntakeKit.require("logger", "bsdutils");
    IntakeKit.require("rsyslogd", "rsyslog");
    certs = TestCerts.create();
    mutt =
        MuttTestApp.start(
            "syslog,alerter,forwarder",
            Map.of(
                "SYSLOG_TLS_CERT", certs.path("server.pem"),
                "SYSLOG_TLS_KEY", certs.path("server.key"),
                "SYSLOG_TLS_CLIENT_CA", certs.path("ca.pem"),
                // every line comes from this machine's hostname: one alert per line here
                "ALERT_COALESCE_WINDOW_SECONDS", "0"));
    moog = mutt.standIn();
    plainIn = Ports.free();
    tlsIn = Ports.free();
    rsyslog =
        Rsyslog.start(
            """
            global(workDirectory="@DIR@"
                   defaultNetstreamDriverCAFile="%s"
                   defaultNetstreamDriverCertFile="%s"
                   defaultNetstreamDriverKeyFile="%s")
            module(load="imudp")
            input(type="imudp" address="127.0.0.1" port="%d" ruleset="plain")
            input(type="imudp" address="127.0.0.1" port="%d" ruleset="tls")
            ruleset(name="plain") {
              action(type="omfwd" target="127.0.0.1" port="%s" protocol="tcp"
                     TCP_Framing="octet-counted" template="RSYSLOG_SyslogProtocol23Format")
            }
            ruleset(name="tls") {
              action(type="omfwd" target="127.0.0.1" port="%s" protocol="tcp"
                     StreamDriver="gtls" StreamDriverMode="1" StreamDriverAuthMode="x509/name"
                     StreamDriverPermittedPeers="localhost"
                     TCP_Framing="octet-counted" template="RSYSLOG_SyslogProtocol23Format")
            }
            """
                .formatted(
                    certs.path("ca.pem"),
                    certs.path("client.pem"),
                    certs.path("client.key"),
                    plainIn,
                    tlsIn,
                    mutt.settings.get("SYSLOG_TCP_PORT"),
                    mutt.settings.get("SYSLOG_TLS_PORT")));
  }

  @AfterAll
  static void stop() throws Exception {
    Resources.close(rsyslog, moog, mutt);
  }

  private static JsonObject viaRsyslog(int port, String listener) {
    String token = UUID.randomUUID().toString().substring(0, 12);
    // rsyslog may still be starting: resend until the line arrives (UDP into rsyslog is lossy then)
    List<JsonObject> rows =
        Eventually.value(
            Duration.ofSeconds(40),
            "audit row for " + token + " (rsyslog output: " + rsyslog.output() + ")",
            () -> {
              List<JsonObject> found = IntakeKit.audited(mutt.app.runtime(), token);
              if (found.isEmpty()) {
                IntakeKit.ok(
                    10,
                    logger,
                    "-n",
                    "127.0.0.1",
                    "-P",
                    String.valueOf(port),
                    "--udp",
                    "--rfc5424",
                    "-t",
                    "relayed",
                    "-p",
                    "user.crit",
                    "CRITICAL relayed " + token);
                Eventually.pause(400);
              }
              return found;
            },
            l -> !l.isEmpty());
    JsonObject e = rows.get(0);
    assertThat(e.getString("syslog_format")).isEqualTo("rfc5424");
    assertThat(e.getString("program")).isEqualTo("relayed");
    assertThat(e.getInteger("syslog_severity")).isEqualTo(2);
    assertThat(e.getString("message")).isEqualTo("CRITICAL relayed " + token);
    assertThat(e.getString("_audit_handling")).isEqualTo("Page_and_ticket");
    assertThat(
            mutt.app
                .runtime()
                .registry()
                .find("mutt.listener.queued")
                .tag("listener", listener)
                .counter()
                .count())
        .isGreaterThanOrEqualTo(1);
    IntakeKit.awaitForwarded(moog, token);
    return e;
  }

  @Test
  void omfwd_over_tcp_octet_counted() {
    viaRsyslog(plainIn, "syslog_tcp");
  }

  @Test
  void omfwd_over_tls_with_a_client_certificate() {
    viaRsyslog(tlsIn, "syslog_tls");
  }
}
