package io.mutt.pipeline.traps;

import io.mutt.pipeline.event.EventJson;
import io.mutt.pipeline.traps.TrapMessage.Varbind;

/**
 * Maps a notification to the ingest event model: {@code hostname} (sysName.0 when bound, else the
 * v1 agent address, else snmpTrapAddress.0, else the peer), {@code timestamp} (arrival), {@code
 * message} ({@code <trap name or OID> oid=value ...}), {@code trap_oid} (so {@code oid_prefix}
 * rules match), {@code trap_name}, {@code varbinds} ({@code {"oid":{"type":..,"value":..}}}),
 * {@code snmp_version}, {@code source} = {@code snmp}, {@code source_ip}, {@code uptime}, the v1
 * header fields, {@code security_name} (v3) and {@code inform}.
 */
public final class TrapEvents {

  static final String SYS_NAME = "1.3.6.1.2.1.1.5.0";
  static final String SNMP_TRAP_ADDRESS = "1.3.6.1.6.3.18.1.3.0";

  private TrapEvents() {}

  public static byte[] encode(
      TrapMessage t, OidNames names, String received, String correlationId, String eventId) {
    String trapName = names.name(t.trapOid());
    StringBuilder message = new StringBuilder(trapName != null ? trapName : t.trapOid());
    String sysName = null;
    String trapAddress = null;
    for (Varbind v : t.varbinds()) {
      String n = names.name(v.oid());
      message.append(' ').append(n != null ? n : v.oid()).append('=').append(v.value());
      if (v.oid().equals(SYS_NAME) && !v.value().isBlank()) {
        sysName = v.value();
      } else if (v.oid().equals(SNMP_TRAP_ADDRESS) && !v.value().isBlank()) {
        trapAddress = v.value();
      }
    }
    String hostname = sysName;
    if (hostname == null && t.v1() != null && !"0.0.0.0".equals(t.v1().agentAddress())) {
      hostname = t.v1().agentAddress();
    }
    if (hostname == null) {
      hostname = trapAddress != null ? trapAddress : t.peer();
    }
    EventJson j = new EventJson(256 + 64 * t.varbinds().size());
    j.field("hostname", hostname)
        .field("timestamp", received)
        .field("message", message.toString())
        .field("trap_oid", t.trapOid())
        .field("trap_name", trapName)
        .field("snmp_version", t.version())
        .field("source", "snmp")
        .field("source_ip", t.peer());
    if (t.uptime() >= 0) {
      j.field("uptime", t.uptime());
    }
    if (t.v1() != null) {
      j.field("enterprise", t.v1().enterprise())
          .field("agent_address", t.v1().agentAddress())
          .field("generic_trap", t.v1().genericTrap())
          .field("specific_trap", t.v1().specificTrap());
    }
    j.field("security_name", t.securityName());
    if (t.inform()) {
      j.field("inform", true);
    }
    j.object("varbinds");
    for (Varbind v : t.varbinds()) {
      j.object(v.oid()).field("type", v.type()).field("value", v.value()).end();
    }
    j.end();
    return j.field("received_at", received)
        .field("_correlation_id", correlationId)
        .field("_event_id", eventId)
        .toBytes();
  }
}
