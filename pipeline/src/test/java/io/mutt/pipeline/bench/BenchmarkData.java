package io.mutt.pipeline.bench;

import io.mutt.pipeline.rules.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Deterministic, realistic-looking rule sets and events for {@link RuleMatchBenchmark}: about 60%
 * {@code contains} rules on Cisco-style mnemonics ({@code %LINK-3-UPDOWN-<n>}), 25% {@code regex}
 * rules and 15% {@code oid_prefix} rules; events are vendor-style lines of ~80–120 characters,
 * about one in ten built to hit some rule and a fifth carrying a trap OID.
 */
public final class BenchmarkData {

  /** One event's three matching inputs. */
  public record Event(String message, String trapOid, Object severity) {}

  private static final String[] FACILITIES = {
    "LINK",
    "LINEPROTO",
    "BGP",
    "OSPF",
    "SYS",
    "SEC",
    "DOT1X",
    "STORM_CONTROL",
    "PLATFORM_ENV",
    "PIX",
    "ASA",
    "AUTHMGR",
    "SNMP",
    "CDP",
    "SPANTREE",
    "DHCP_SNOOPING",
    "IP",
    "TCP",
    "ILPOWER",
    "ENVMON",
    "HSRP",
    "EIGRP",
    "LACP",
    "DUAL",
    "PM"
  };
  private static final String[] MNEMONICS = {
    "UPDOWN",
    "CHANGED",
    "ADJCHANGE",
    "NOTIFICATION",
    "CONFIG_I",
    "RESTART",
    "FAIL",
    "ERR",
    "DUPADDR",
    "SHUTDOWN",
    "FRU_PS_FAIL",
    "NBRCHANGE",
    "IPACCESSLOGP",
    "LOGIN_FAILED",
    "AUTHFAIL",
    "STATECHANGE",
    "ERR_DISABLE",
    "POWER_DENY"
  };
  private static final String[] APPS = {
    "sshd",
    "named",
    "dhcpd",
    "haproxy",
    "radiusd",
    "mysqld",
    "kernel",
    "bacula-dir",
    "php-fpm",
    "tomcat",
    "vpxa",
    "hostd",
    "snort",
    "ntpd",
    "crond"
  };
  private static final String[] TAILS = {
    "Interface GigabitEthernet0/0/1, changed state to down",
    "Line protocol on Interface TenGigabitEthernet1/1/4, changed state to up",
    "Neighbor 10.1.2.3 (Vlan200) is Down: Interface down",
    "Configured from console by admin on vty0",
    "Deny tcp src outside:203.0.113.45/4431 dst inside:192.168.10.5/443 by access-group",
    "connection reset by peer while reading response header from upstream",
    "Failed password for invalid user oracle from 198.51.100.7 port 52144 ssh2",
    "temperature sensor 3 reading 71C exceeds warning threshold",
    "backup job 4411 finished OK"
  };
  private static final String OID_ROOT = "1.3.6.1.4.1.";

  private BenchmarkData() {}

  public static List<Rule> rules(int count, long seed) {
    Random random = new Random(seed);
    List<Rule> rules = new ArrayList<>(count);
    for (int id = 1; id <= count; id++) {
      int kind = random.nextInt(100);
      int priority = 10 + random.nextInt(200);
      Integer severity = random.nextInt(10) == 0 ? random.nextInt(8) : null;
      if (kind < 60) {
        rules.add(
            new Rule(
                id,
                containsLiteral(id),
                null,
                severity,
                Rule.CONTAINS,
                priority,
                "Ticket_only",
                "Ignore",
                "NETO",
                true));
      } else if (kind < 85) {
        rules.add(
            new Rule(
                id,
                regex(id, random),
                null,
                severity,
                Rule.REGEX,
                priority,
                "Page_only",
                "Ignore",
                "NetOps",
                true));
      } else {
        rules.add(
            new Rule(
                id,
                null,
                "." + oid(id),
                null,
                Rule.OID_PREFIX,
                priority,
                "Page_and_ticket",
                "Ignore",
                "NetOps",
                true));
      }
    }
    return rules;
  }

  /**
   * @param hitRules events in every {@code 1 / hitEvery} are built from one of these rules
   */
  public static Event[] events(int count, List<Rule> hitRules, int hitEvery, long seed) {
    Random random = new Random(seed);
    Event[] events = new Event[count];
    for (int i = 0; i < count; i++) {
      boolean hit = i % hitEvery == 0 && !hitRules.isEmpty();
      events[i] =
          hit ? hitting(hitRules.get(random.nextInt(hitRules.size())), random) : background(random);
    }
    return events;
  }

  private static Event hitting(Rule rule, Random random) {
    Object sev = rule.syslogSeverity() == null ? "Warning" : rule.syslogSeverity();
    return switch (rule.matchType()) {
      case Rule.OID_PREFIX ->
          new Event(background(random).message(), rule.trapOid().substring(1) + ".0.1", sev);
      case Rule.CONTAINS ->
          new Event("<189>" + rule.matchString() + ": " + pick(TAILS, random), null, sev);
      default -> new Event(regexHit(rule.id()), null, sev);
    };
  }

  private static Event background(Random random) {
    String message =
        random.nextBoolean()
            ? "%"
                + pick(FACILITIES, random)
                + "-"
                + random.nextInt(8)
                + "-"
                + pick(MNEMONICS, random)
                + ": "
                + pick(TAILS, random)
            : pick(APPS, random)
                + "["
                + (1000 + random.nextInt(9000))
                + "]: "
                + pick(TAILS, random);
    String oid = random.nextInt(5) == 0 ? OID_ROOT + "99999." + random.nextInt(50) + ".0.1" : null;
    return new Event(
        message, oid, pick(new String[] {"Notice", "Warning", "Error", "Info"}, random));
  }

  private static String containsLiteral(int id) {
    return "%"
        + FACILITIES[id % FACILITIES.length]
        + "-"
        + (id % 8)
        + "-"
        + MNEMONICS[(id / FACILITIES.length) % MNEMONICS.length]
        + "-"
        + id;
  }

  /** Operator-style patterns, each with a required literal that names the rule. */
  private static String regex(int id, Random random) {
    String app = APPS[id % APPS.length];
    return switch (random.nextInt(4)) {
      case 0 ->
          "%"
              + FACILITIES[id % FACILITIES.length]
              + "-\\d-"
              + MNEMONICS[id % MNEMONICS.length]
              + "-"
              + id
              + ": Interface (Gi|Te)\\S+";
      case 1 -> "^" + app + id + "\\[\\d+\\]: .*(error|fail)";
      case 2 -> "(?P<iface>GigabitEthernet\\d+/\\d+/" + id + ") changed state to (down|up)";
      default -> "backup job " + id + " (failed|error)( with code \\d+)?";
    };
  }

  /** A line that satisfies whichever of the four {@link #regex} shapes rule {@code id} has. */
  private static String regexHit(int id) {
    return APPS[id % APPS.length]
        + id
        + "[42]: read error; %"
        + FACILITIES[id % FACILITIES.length]
        + "-3-"
        + MNEMONICS[id % MNEMONICS.length]
        + "-"
        + id
        + ": Interface Gi0/1; GigabitEthernet1/0/"
        + id
        + " changed state to down; backup job "
        + id
        + " failed with code 7";
  }

  private static String oid(int id) {
    return OID_ROOT + (id % 97) + "." + (id % 13) + "." + id;
  }

  private static <T> T pick(T[] options, Random random) {
    return options[random.nextInt(options.length)];
  }
}
