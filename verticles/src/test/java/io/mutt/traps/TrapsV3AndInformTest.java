package io.mutt.traps;

import static org.assertj.core.api.Assertions.assertThat;

import io.mutt.testsupport.Eventually;
import io.mutt.testsupport.IntakeKit;
import io.mutt.testsupport.MuttTestApp;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SNMPv3 (USM users from configuration, passphrases from secrets) and informs, sent by net-snmp's
 * snmptrap and snmpinform: authPriv with SHA and SHA-256 and AES, a wrong passphrase refused, and
 * informs acknowledged (snmpinform exits 0 only when answered) once the event is queued.
 */
class TrapsV3AndInformTest {

  static MuttTestApp mutt;
  static String snmptrap;
  static String snmpinform;

  @BeforeAll
  static void start() {
    snmptrap = IntakeKit.require("snmptrap", "snmp");
    snmpinform = IntakeKit.require("snmpinform", "snmp");
    mutt =
        MuttTestApp.start(
            "traps,alerter",
            Map.of(
                "SNMP_TRAP_V3_USERS", "monitor:SHA-256:AES,legacy:SHA:AES",
                "SNMP_TRAP_V3_AUTH_PASS_MONITOR", "auth-secret-256",
                "SNMP_TRAP_V3_PRIV_PASS_MONITOR", "priv-secret-aes",
                "SNMP_TRAP_V3_AUTH_PASS_LEGACY", "legacy-auth-1",
                "SNMP_TRAP_V3_PRIV_PASS_LEGACY", "legacy-priv-1"));
  }

  @AfterAll
  static void stop() {
    if (mutt != null) {
      mutt.close();
    }
  }

  /** SNMPv3 authPriv as {@code user}, AES privacy. */
  static List<String> v3(String user, String authProtocol, String authPass, String privPass) {
    return List.of(
        "-v",
        "3",
        "-u",
        user,
        "-l",
        "authPriv",
        "-a",
        authProtocol,
        "-A",
        authPass,
        "-x",
        "AES",
        "-X",
        privPass);
  }

  /** A notification to MUTT's trap port: {@code trapOid} with sysName.0 = {@code host}. */
  static List<String> notification(String trapOid, String host) {
    return List.of(target(), "", trapOid, "1.3.6.1.2.1.1.5.0", "s", host);
  }

  /** Inform options: one retry, 5 s timeout. */
  static final List<String> INFORM_RETRY = List.of("-r", "1", "-t", "5");

  static final String TRAP_OID = "1.3.6.1.4.1.9.9.41.2.0.1";
  static final String INFORM_OID = "1.3.6.1.4.1.9.9.41.2.0.2";

  static String target() {
    return "127.0.0.1:" + mutt.settings.get("SNMP_TRAP_PORT");
  }

  static String host() {
    return "v3-" + UUID.randomUUID().toString().substring(0, 8);
  }

  static String diag() {
    var reg = mutt.app.runtime().registry();
    StringBuilder sb = new StringBuilder();
    reg.getMeters().stream()
        .filter(
            m ->
                m.getId().getName().startsWith("mutt.listener")
                    || m.getId().getName().startsWith("mutt.alerter"))
        .forEach(
            m ->
                m.measure()
                    .forEach(
                        x -> {
                          if (x.getValue() > 0)
                            sb.append(m.getId().getName())
                                .append(m.getId().getTags())
                                .append('=')
                                .append(x.getValue())
                                .append(' ');
                        }));
    return sb.toString();
  }

  static JsonObject audited(String token) {
    return Eventually.value(
            Duration.ofSeconds(30),
            "audit row for " + token + " " + diag(),
            () -> IntakeKit.audited(mutt.app.runtime(), token),
            l -> !l.isEmpty())
        .get(0);
  }

  @Test
  void v3_auth_priv_trap_sha256_aes() {
    String host = host();
    IntakeKit.Run r =
        IntakeKit.netSnmp(
            snmptrap,
            v3("monitor", "SHA-256", "auth-secret-256", "priv-secret-aes"),
            List.of("-e", "0x80001f8880aabbccdd01"),
            notification(TRAP_OID, host));
    assertThat(r.exit()).as(r.output()).isZero();
    JsonObject e = audited(host);
    assertThat(e.getString("snmp_version")).isEqualTo("v3");
    assertThat(e.getString("security_name")).isEqualTo("monitor");
    assertThat(e.getString("trap_oid")).isEqualTo(TRAP_OID);
    assertThat(e.getString("_audit_handling")).isEqualTo("Page_and_ticket");
  }

  /** A listener counter of the trap listener, by reason. */
  static double counted(String name, String reason) {
    return IntakeKit.listenerCount(mutt.app.runtime(), name, "snmp_trap", reason);
  }

  @Test
  void v3_trap_with_a_wrong_passphrase_is_not_queued() {
    double auth = counted("mutt.listener.dropped", "auth");
    String host = host();
    List<String> engine = List.of("-e", "0x80001f8880aabbccdd02");
    IntakeKit.netSnmp(
        snmptrap,
        v3("monitor", "SHA-256", "not-the-passphrase", "priv-secret-aes"),
        engine,
        notification(TRAP_OID, host));
    // a correct trap sent after it arrives, so the wrong one has been processed by then
    String control = host();
    IntakeKit.netSnmp(
        snmptrap,
        v3("monitor", "SHA-256", "auth-secret-256", "priv-secret-aes"),
        engine,
        notification(TRAP_OID, control));
    audited(control);
    assertThat(IntakeKit.audited(mutt.app.runtime(), host)).isEmpty();
    assertThat(counted("mutt.listener.dropped", "auth"))
        .as("the refused trap is counted, once")
        .isEqualTo(auth + 1);
  }

  @Test
  void v3_trap_from_an_unknown_user_is_counted_as_refused() {
    double auth = counted("mutt.listener.dropped", "auth");
    IntakeKit.Run r =
        IntakeKit.netSnmp(
            snmptrap,
            v3("intruder", "SHA-256", "some-passphrase", "some-passphrase"),
            List.of("-e", "0x80001f8880aabbccdd03"),
            notification(TRAP_OID, host()));
    assertThat(r.exit()).as(r.output()).isZero();
    Eventually.until(
        Duration.ofSeconds(10),
        "the unknown user's trap counted " + diag(),
        () -> counted("mutt.listener.dropped", "auth") == auth + 1);
  }

  @Test
  void a_datagram_that_is_no_snmp_message_is_a_parse_error() throws Exception {
    double bad = counted("mutt.listener.parse.errors", "bad_pdu");
    byte[] junk = "this is not BER".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    try (java.net.DatagramSocket s = new java.net.DatagramSocket()) {
      s.send(
          new java.net.DatagramPacket(
              junk,
              junk.length,
              java.net.InetAddress.getLoopbackAddress(),
              Integer.parseInt(mutt.settings.get("SNMP_TRAP_PORT"))));
    }
    Eventually.until(
        Duration.ofSeconds(10),
        "the junk datagram counted " + diag(),
        () -> counted("mutt.listener.parse.errors", "bad_pdu") == bad + 1);
  }

  @Test
  void v2c_inform_is_acknowledged() {
    String host = host();
    IntakeKit.Run r =
        IntakeKit.netSnmp(
            snmpinform,
            List.of("-v", "2c", "-c", "public"),
            INFORM_RETRY,
            notification(INFORM_OID, host));
    assertThat(r.exit()).as("snmpinform got its answer: " + r.output()).isZero();
    JsonObject e = audited(host);
    assertThat(e.getBoolean("inform")).isTrue();
    assertThat(e.getString("trap_oid")).isEqualTo(INFORM_OID);
  }

  @Test
  void v3_inform_sha_aes_is_acknowledged() {
    String host = host();
    IntakeKit.Run r =
        IntakeKit.netSnmp(
            snmpinform,
            v3("legacy", "SHA", "legacy-auth-1", "legacy-priv-1"),
            INFORM_RETRY,
            notification(INFORM_OID, host));
    assertThat(r.exit()).as("snmpinform got its answer: " + r.output()).isZero();
    JsonObject e = audited(host);
    assertThat(e.getString("snmp_version")).isEqualTo("v3");
    assertThat(e.getString("security_name")).isEqualTo("legacy");
    assertThat(e.getBoolean("inform")).isTrue();
  }
}
