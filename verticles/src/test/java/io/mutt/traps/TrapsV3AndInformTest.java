package io.mutt.traps;

import static org.assertj.core.api.Assertions.assertThat;

import io.mutt.testsupport.Eventually;
import io.mutt.testsupport.IntakeKit;
import io.mutt.testsupport.MuttTestApp;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
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

  static IntakeKit.Run snmp(String binary, String... args) {
    List<String> cmd = new ArrayList<>(List.of(binary, "-m", "", "-M", "/nonexistent"));
    cmd.addAll(List.of(args));
    return IntakeKit.run(30, cmd.toArray(String[]::new));
  }

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
        snmp(
            snmptrap,
            "-v",
            "3",
            "-u",
            "monitor",
            "-l",
            "authPriv",
            "-a",
            "SHA-256",
            "-A",
            "auth-secret-256",
            "-x",
            "AES",
            "-X",
            "priv-secret-aes",
            "-e",
            "0x80001f8880aabbccdd01",
            target(),
            "",
            "1.3.6.1.4.1.9.9.41.2.0.1",
            "1.3.6.1.2.1.1.5.0",
            "s",
            host);
    assertThat(r.exit()).as(r.output()).isZero();
    JsonObject e = audited(host);
    assertThat(e.getString("snmp_version")).isEqualTo("v3");
    assertThat(e.getString("security_name")).isEqualTo("monitor");
    assertThat(e.getString("trap_oid")).isEqualTo("1.3.6.1.4.1.9.9.41.2.0.1");
    assertThat(e.getString("_audit_handling")).isEqualTo("Page_and_ticket");
  }

  @Test
  void v3_trap_with_a_wrong_passphrase_is_not_queued() {
    String host = host();
    snmp(
        snmptrap,
        "-v",
        "3",
        "-u",
        "monitor",
        "-l",
        "authPriv",
        "-a",
        "SHA-256",
        "-A",
        "not-the-passphrase",
        "-x",
        "AES",
        "-X",
        "priv-secret-aes",
        "-e",
        "0x80001f8880aabbccdd02",
        target(),
        "",
        "1.3.6.1.4.1.9.9.41.2.0.1",
        "1.3.6.1.2.1.1.5.0",
        "s",
        host);
    // a correct trap sent after it arrives, so the wrong one has been processed by then
    String control = host();
    snmp(
        snmptrap,
        "-v",
        "3",
        "-u",
        "monitor",
        "-l",
        "authPriv",
        "-a",
        "SHA-256",
        "-A",
        "auth-secret-256",
        "-x",
        "AES",
        "-X",
        "priv-secret-aes",
        "-e",
        "0x80001f8880aabbccdd02",
        target(),
        "",
        "1.3.6.1.4.1.9.9.41.2.0.1",
        "1.3.6.1.2.1.1.5.0",
        "s",
        control);
    audited(control);
    assertThat(IntakeKit.audited(mutt.app.runtime(), host)).isEmpty();
  }

  @Test
  void v2c_inform_is_acknowledged() {
    String host = host();
    IntakeKit.Run r =
        snmp(
            snmpinform,
            "-v",
            "2c",
            "-c",
            "public",
            "-r",
            "1",
            "-t",
            "5",
            target(),
            "",
            "1.3.6.1.4.1.9.9.41.2.0.2",
            "1.3.6.1.2.1.1.5.0",
            "s",
            host);
    assertThat(r.exit()).as("snmpinform got its answer: " + r.output()).isZero();
    JsonObject e = audited(host);
    assertThat(e.getBoolean("inform")).isTrue();
    assertThat(e.getString("trap_oid")).isEqualTo("1.3.6.1.4.1.9.9.41.2.0.2");
  }

  @Test
  void v3_inform_sha_aes_is_acknowledged() {
    String host = host();
    IntakeKit.Run r =
        snmp(
            snmpinform,
            "-v",
            "3",
            "-u",
            "legacy",
            "-l",
            "authPriv",
            "-a",
            "SHA",
            "-A",
            "legacy-auth-1",
            "-x",
            "AES",
            "-X",
            "legacy-priv-1",
            "-r",
            "1",
            "-t",
            "5",
            target(),
            "",
            "1.3.6.1.4.1.9.9.41.2.0.2",
            "1.3.6.1.2.1.1.5.0",
            "s",
            host);
    assertThat(r.exit()).as("snmpinform got its answer: " + r.output()).isZero();
    JsonObject e = audited(host);
    assertThat(e.getString("snmp_version")).isEqualTo("v3");
    assertThat(e.getString("security_name")).isEqualTo("legacy");
    assertThat(e.getBoolean("inform")).isTrue();
  }
}
