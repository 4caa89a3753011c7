package io.mutt.pipeline.traps;

import java.util.List;

/**
 * One received SNMP notification, independent of the SNMP library: version, the notification OID
 * (derived per RFC 3584 §3.1 for v1 traps), and the variable bindings in order.
 *
 * @param version {@code v1}, {@code v2c} or {@code v3}
 * @param peer the sender's address
 * @param trapOid the snmpTrapOID, without a leading dot
 * @param uptime sysUpTime in hundredths of a second, or -1
 * @param v1 the SNMPv1 trap header, or null for v2c/v3
 * @param securityName the v3 USM user, or null (community strings are never kept)
 * @param inform whether it was an InformRequest (acknowledged after the durable write)
 * @param varbinds the bindings other than sysUpTime.0 and snmpTrapOID.0
 */
public record TrapMessage(
    String version,
    String peer,
    String trapOid,
    long uptime,
    V1Header v1,
    String securityName,
    boolean inform,
    List<Varbind> varbinds) {

  /** The SNMPv1 Trap-PDU fields. */
  public record V1Header(
      String enterprise, String agentAddress, int genericTrap, int specificTrap) {}

  /** One variable binding: OID (no leading dot), SMI type name and value as text. */
  public record Varbind(String oid, String type, String value) {}

  /** snmpTraps (RFC 3418): the generic v1 traps are snmpTraps.(generic + 1). */
  public static final String SNMP_TRAPS = "1.3.6.1.6.3.1.1.5";

  /**
   * RFC 3584 §3.1: the snmpTrapOID of a v1 trap — {@code snmpTraps.(generic+1)} for a generic trap
   * (0–5), {@code enterprise.0.specific} for an enterprise-specific one (6).
   */
  public static String v1TrapOid(String enterprise, int genericTrap, int specificTrap) {
    if (genericTrap >= 0 && genericTrap < 6) {
      return SNMP_TRAPS + "." + (genericTrap + 1);
    }
    return strip(enterprise) + ".0." + specificTrap;
  }

  /** An OID without a leading dot. */
  public static String strip(String oid) {
    return oid != null && oid.startsWith(".") ? oid.substring(1) : oid;
  }
}
