package io.mutt.traps;

import static org.assertj.core.api.Assertions.assertThat;

import io.mutt.testsupport.Eventually;
import io.mutt.testsupport.IntakeKit;
import io.mutt.testsupport.MuttTestApp;
import io.mutt.testsupport.Resources;
import io.mutt.testsupport.StandIn;
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
 * net-snmp's snmptrap sends v1 and v2c traps to the listener; each must be audited with the demo
 * {@code oid_prefix} rule's decision (Cisco syslog notification → NetOps, page and ticket) and
 * reach the Moogsoft stand-in. A trap with a community not configured is counted and not queued.
 */
class TrapsInteropTest {

  static final String CISCO_SYSLOG_ENTERPRISE = "1.3.6.1.4.1.9.9.41.2";
  static MuttTestApp mutt;
  static StandIn moog;
  static String snmptrap;

  @BeforeAll
  static void start() {
    snmptrap = IntakeKit.require("snmptrap", "snmp");
    mutt =
        MuttTestApp.start(
            "traps,alerter,forwarder",
            Map.of(
                "SNMP_TRAP_COMMUNITIES",
                "public,netops-ro",
                // every trap comes from this machine: one alert per trap here
                "ALERT_COALESCE_WINDOW_SECONDS",
                "0"));
    moog = mutt.standIn();
  }

  @AfterAll
  static void stop() throws Exception {
    Resources.close(moog, mutt);
  }

  static String target() {
    return "127.0.0.1:" + mutt.settings.get("SNMP_TRAP_PORT");
  }

  /** The trap listener's drops for {@code reason}. */
  static double dropped(String reason) {
    return IntakeKit.listenerCount(
        mutt.app.runtime(), "mutt.listener.dropped", "snmp_trap", reason);
  }

  /** snmptrap with numeric OIDs only (no MIB files needed). */
  static void send(String... args) {
    List<String> cmd = new ArrayList<>(List.of(snmptrap, "-m", "", "-M", "/nonexistent"));
    cmd.addAll(List.of(args));
    IntakeKit.ok(20, cmd.toArray(String[]::new));
  }

  /**
   * A v1 trap (community public) from {@code enterprise} with the agent address, generic and
   * specific trap numbers, and one string varbind.
   */
  static void sendV1(
      String enterprise,
      String agent,
      String generic,
      String specific,
      String varbindOid,
      String value) {
    send(
        "-v",
        "1",
        "-c",
        "public",
        target(),
        enterprise,
        agent,
        generic,
        specific,
        "",
        varbindOid,
        "s",
        value);
  }

  static JsonObject audited(String token) {
    List<JsonObject> rows = IntakeKit.awaitAudited(mutt.app.runtime(), token);
    assertThat(rows).hasSize(1);
    IntakeKit.awaitForwarded(moog, token);
    return rows.get(0);
  }

  @Test
  void v2c_trap_is_matched_by_the_oid_prefix_rule() {
    String host = "trap-" + UUID.randomUUID().toString().substring(0, 8);
    send(
        "-v",
        "2c",
        "-c",
        "netops-ro",
        target(),
        "",
        CISCO_SYSLOG_ENTERPRISE + ".0.1",
        "1.3.6.1.2.1.1.5.0",
        "s",
        host,
        "1.3.6.1.4.1.9.9.41.1.2.3.1.5.7",
        "s",
        "Interface Gi0/1 down",
        "1.3.6.1.2.1.2.2.1.1.7",
        "i",
        "7");
    JsonObject e = audited(host);
    assertThat(e.getString("hostname")).isEqualTo(host);
    assertThat(e.getString("trap_oid")).isEqualTo(CISCO_SYSLOG_ENTERPRISE + ".0.1");
    assertThat(e.getString("snmp_version")).isEqualTo("v2c");
    assertThat(e.getString("source")).isEqualTo("snmp");
    assertThat(e.getString("source_ip")).isEqualTo("127.0.0.1");
    assertThat(e.getString("_audit_handling")).isEqualTo("Page_and_ticket");
    assertThat(e.getJsonObject("varbinds").getJsonObject("1.3.6.1.2.1.2.2.1.1.7"))
        .isEqualTo(new JsonObject().put("type", "Integer32").put("value", "7"));
    assertThat(e.getString("message"))
        .contains("1.3.6.1.4.1.9.9.41.1.2.3.1.5.7=Interface Gi0/1 down");
    assertThat(e.getLong("uptime")).isNotNull();
  }

  @Test
  void v1_trap_gets_its_rfc3584_trap_oid() {
    String host = "trap-" + UUID.randomUUID().toString().substring(0, 8);
    sendV1(CISCO_SYSLOG_ENTERPRISE, "192.0.2.33", "6", "1", "1.3.6.1.2.1.1.5.0", host);
    JsonObject e = audited(host);
    assertThat(e.getString("trap_oid")).isEqualTo(CISCO_SYSLOG_ENTERPRISE + ".0.1");
    assertThat(e.getString("snmp_version")).isEqualTo("v1");
    assertThat(e.getString("agent_address")).isEqualTo("192.0.2.33");
    assertThat(e.getInteger("generic_trap")).isEqualTo(6);
    assertThat(e.getInteger("specific_trap")).isEqualTo(1);
    assertThat(e.getString("_audit_handling")).isEqualTo("Page_and_ticket");
  }

  @Test
  void v1_generic_trap_without_sysname_is_named_by_its_agent_address() {
    String token = UUID.randomUUID().toString().substring(0, 8);
    sendV1(
        "1.3.6.1.4.1.8072", "192.0.2.44", "2", "0", "1.3.6.1.2.1.2.2.1.2.3", "ERROR link " + token);
    List<JsonObject> rows = IntakeKit.awaitAudited(mutt.app.runtime(), token);
    JsonObject e = rows.get(0);
    assertThat(e.getString("trap_oid")).isEqualTo("1.3.6.1.6.3.1.1.5.3"); // linkDown
    assertThat(e.getString("hostname")).isEqualTo("192.0.2.44");
  }

  @Test
  void a_wrong_community_is_counted_and_not_queued() {
    String host = "trap-" + UUID.randomUUID().toString().substring(0, 8);
    double before = dropped("community");
    send(
        "-v",
        "2c",
        "-c",
        "guessed",
        target(),
        "",
        "1.3.6.1.6.3.1.1.5.1",
        "1.3.6.1.2.1.1.5.0",
        "s",
        host);
    Eventually.until(
        Duration.ofSeconds(20), "dropped counted", () -> dropped("community") > before);
    Eventually.pause(1000);
    assertThat(IntakeKit.audited(mutt.app.runtime(), host)).isEmpty();
  }

  @Test
  void a_get_sent_to_the_trap_port_is_not_answered_and_is_counted() {
    String snmpget = IntakeKit.require("snmpget", "snmp");
    double before = dropped("not_a_notification");
    IntakeKit.Run r =
        IntakeKit.netSnmp(
            snmpget,
            List.of("-v", "2c", "-c", "public", "-r", "0", "-t", "1", target()),
            List.of("1.3.6.1.2.1.1.5.0"));
    assertThat(r.exit()).as("no answer to a get: " + r.output()).isNotZero();
    assertThat(r.output()).contains("Timeout");
    Eventually.until(
        Duration.ofSeconds(10),
        "the get counted",
        () -> dropped("not_a_notification") == before + 1);
  }
}
