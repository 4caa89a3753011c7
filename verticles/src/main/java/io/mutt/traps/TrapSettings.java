package io.mutt.traps;

import io.mutt.config.ConfigException;
import io.mutt.config.MuttConfig;
import io.mutt.config.Secrets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The SNMP trap listener settings, read and checked once.
 *
 * @param bindHost {@code SNMP_TRAP_BIND_HOST}, default 0.0.0.0
 * @param port {@code SNMP_TRAP_PORT}, default 1162; 0 = off
 * @param communities v1/v2c communities accepted ({@code SNMP_TRAP_COMMUNITIES}, default {@code
 *     public})
 * @param users SNMPv3 USM users ({@code SNMP_TRAP_V3_USERS}, passphrases from the secrets)
 * @param oidNames the OID name table file ({@code SNMP_TRAP_OID_NAMES}), or empty
 * @param maxInFlight notifications waiting for their write beyond which new ones are dropped
 */
public record TrapSettings(
    String bindHost,
    int port,
    List<String> communities,
    List<UsmUserSpec> users,
    String oidNames,
    int maxInFlight) {

  /**
   * One USM user: {@code name:auth:priv} in {@code SNMP_TRAP_V3_USERS}; the passphrases are the
   * secrets {@code SNMP_TRAP_V3_AUTH_PASS_<NAME>} and {@code SNMP_TRAP_V3_PRIV_PASS_<NAME>} (NAME
   * upper-cased, other than letters and digits as {@code _}).
   */
  public record UsmUserSpec(
      String name, String auth, String priv, String authPass, String privPass) {

    @Override
    public String toString() {
      return name + ":" + auth + ":" + priv; // never the passphrases
    }
  }

  /** The community every SNMP tool sends by default, and {@code SNMP_TRAP_COMMUNITIES}' default. */
  static final String PUBLIC = "public";

  /**
   * Whether v1/v2c traps with the well-known community {@code public} are accepted: the default,
   * also when a configuration file spells it out (conf/mutt.yaml does), so the start-up warning
   * stays until an operator chooses other communities.
   */
  public boolean acceptsPublic() {
    return communities.contains(PUBLIC);
  }

  static final List<String> AUTH = List.of("SHA", "SHA-224", "SHA-256", "SHA-384", "SHA-512");
  static final List<String> PRIV = List.of("NONE", "AES", "AES-192", "AES-256");

  public static TrapSettings from(MuttConfig c, Secrets secrets) {
    int port = c.intValue("SNMP_TRAP_PORT", 1162);
    if (port < 0 || port > 65535) {
      throw new ConfigException(
          "SNMP_TRAP_PORT must be 0 (off) or a port between 1 and 65535, got " + port);
    }
    List<UsmUserSpec> users = new ArrayList<>();
    for (String spec : c.list("SNMP_TRAP_V3_USERS", "")) {
      String[] p = spec.split(":");
      if (p.length < 2 || p.length > 3 || p[0].isBlank()) {
        throw new ConfigException(
            "SNMP_TRAP_V3_USERS: '"
                + spec
                + "' is not name:auth[:priv] (e.g. monitor:SHA-256:AES)");
      }
      String auth = p[1].toUpperCase(Locale.ROOT);
      String priv = p.length == 3 ? p[2].toUpperCase(Locale.ROOT) : "NONE";
      if (!AUTH.contains(auth)) {
        throw new ConfigException(
            "SNMP_TRAP_V3_USERS: user " + p[0] + ": auth must be one of " + AUTH + ", got " + p[1]);
      }
      if (!PRIV.contains(priv)) {
        throw new ConfigException(
            "SNMP_TRAP_V3_USERS: user " + p[0] + ": priv must be one of " + PRIV + ", got " + p[2]);
      }
      String key = p[0].toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
      String authPass =
          secrets
              .get("SNMP_TRAP_V3_AUTH_PASS_" + key)
              .orElseThrow(
                  () ->
                      new ConfigException(
                          "SNMP_TRAP_V3_USERS: user "
                              + p[0]
                              + " needs the secret SNMP_TRAP_V3_AUTH_PASS_"
                              + key));
      String privPass = null;
      if (!priv.equals("NONE")) {
        privPass =
            secrets
                .get("SNMP_TRAP_V3_PRIV_PASS_" + key)
                .orElseThrow(
                    () ->
                        new ConfigException(
                            "SNMP_TRAP_V3_USERS: user "
                                + p[0]
                                + " needs the secret SNMP_TRAP_V3_PRIV_PASS_"
                                + key));
      }
      if (authPass.length() < 8 || (privPass != null && privPass.length() < 8)) {
        throw new ConfigException(
            "SNMP_TRAP_V3_USERS: user " + p[0] + ": passphrases need at least 8 characters");
      }
      users.add(new UsmUserSpec(p[0], auth, priv, authPass, privPass));
    }
    return new TrapSettings(
        c.string("SNMP_TRAP_BIND_HOST", "0.0.0.0"),
        port,
        c.list("SNMP_TRAP_COMMUNITIES", "public"),
        List.copyOf(users),
        c.string("SNMP_TRAP_OID_NAMES", ""),
        c.atLeast("SNMP_TRAP_MAX_IN_FLIGHT", 50_000, 1));
  }
}
