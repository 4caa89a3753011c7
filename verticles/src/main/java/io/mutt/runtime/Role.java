package io.mutt.runtime;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** The roles one JVM can run (DESIGN.md). */
public enum Role {
  INGEST,
  ALERTER,
  FORWARDER,
  REMEDIATION,
  WEB;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code ingest,alerter,...}; fails with a message naming the unknown role. */
  public static Set<Role> parse(String csv) {
    if (csv == null || csv.isBlank() || csv.trim().equalsIgnoreCase("all")) {
      return EnumSet.allOf(Role.class);
    }
    EnumSet<Role> out = EnumSet.noneOf(Role.class);
    for (String part : csv.split(",")) {
      String p = part.trim().toUpperCase(Locale.ROOT);
      if (p.isEmpty()) {
        continue;
      }
      if (p.equals("MOOG") || p.equals("MOOG-FORWARDER") || p.equals("MOOG_FORWARDER")) {
        p = "FORWARDER";
      }
      try {
        out.add(Role.valueOf(p));
      } catch (IllegalArgumentException e) {
        throw new io.mutt.config.ConfigException(
            "--roles: unknown role '"
                + part.trim()
                + "' (expected ingest, alerter, forwarder, remediation, web)");
      }
    }
    if (out.isEmpty()) {
      throw new io.mutt.config.ConfigException("--roles: no role given");
    }
    return out;
  }

  public static boolean needsDatabase(Set<Role> roles) {
    return roles.contains(ALERTER) || roles.contains(WEB) || roles.contains(REMEDIATION);
  }
}
