package io.mutt.pipeline.rules;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One row of {@code alert_rules} (docs/reference/sql-tables.md), as cached by the Alerter.
 *
 * <p>{@link #fromMap} and {@link #toMap} use the SQL column names, so a database row or a JSON
 * object from the rules API converts directly. Column defaults follow the DDL: {@code match_type}
 * {@code contains}, {@code priority} 100, {@code is_active} true.
 *
 * @param id primary key; ties in priority are broken by ascending id
 * @param matchString text for {@code contains}, pattern for {@code regex}; may be null
 * @param trapOid OID prefix for {@code oid_prefix}, e.g. {@code .1.3.6.1.4.1.9.9.41.2}; may be null
 * @param syslogSeverity optional severity constraint (0–7) for message rules; null = any
 * @param matchType {@code contains}, {@code regex} or {@code oid_prefix} (compared exactly)
 * @param priority lower number is evaluated first and wins
 * @param prodHandling decision for production hosts, e.g. {@code Page_and_ticket}
 * @param devHandling decision for hosts in {@code development_hosts}
 * @param teamAssignment Moogsoft class for matched events
 * @param active inactive rules are never matched
 */
public record Rule(
    int id,
    String matchString,
    String trapOid,
    Integer syslogSeverity,
    String matchType,
    int priority,
    String prodHandling,
    String devHandling,
    String teamAssignment,
    boolean active) {

  /** {@code match_type} for case-insensitive substring rules. */
  public static final String CONTAINS = "contains";

  /** {@code match_type} for case-insensitive RE2 search rules. */
  public static final String REGEX = "regex";

  /** {@code match_type} for trap OID prefix rules. */
  public static final String OID_PREFIX = "oid_prefix";

  static final int DEFAULT_PRIORITY = 100;

  /**
   * Builds a rule from a row keyed by SQL column names. Numbers may arrive as any {@link Number} or
   * numeric string; booleans as {@link Boolean} or {@code "true"/"t"/"false"/"f"}.
   *
   * @throws IllegalArgumentException when a value has the wrong type
   */
  public static Rule fromMap(Map<String, ?> row) {
    return new Rule(
        intValue(row, "id", 0),
        stringValue(row, "match_string"),
        stringValue(row, "trap_oid"),
        integerValue(row, "syslog_severity"),
        defaulted(stringValue(row, "match_type"), CONTAINS),
        intValue(row, "priority", DEFAULT_PRIORITY),
        stringValue(row, "prod_handling"),
        stringValue(row, "dev_handling"),
        stringValue(row, "team_assignment"),
        booleanValue(row, "is_active", true));
  }

  /** The ten columns, in DDL order, in a mutable {@link LinkedHashMap}. */
  public Map<String, Object> toMap() {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", id);
    row.put("match_string", matchString);
    row.put("trap_oid", trapOid);
    row.put("syslog_severity", syslogSeverity);
    row.put("match_type", matchType);
    row.put("priority", priority);
    row.put("prod_handling", prodHandling);
    row.put("dev_handling", devHandling);
    row.put("team_assignment", teamAssignment);
    row.put("is_active", active);
    return row;
  }

  private static String defaulted(String value, String fallback) {
    return value == null ? fallback : value;
  }

  private static String stringValue(Map<String, ?> row, String column) {
    Object value = row.get(column);
    return value == null ? null : value.toString();
  }

  private static int intValue(Map<String, ?> row, String column, int fallback) {
    Integer value = integerValue(row, column);
    return value == null ? fallback : value;
  }

  private static Integer integerValue(Map<String, ?> row, String column) {
    Object value = row.get(column);
    if (value == null) {
      return null;
    }
    if (value instanceof Number number) {
      return Math.toIntExact(number.longValue());
    }
    try {
      return Integer.valueOf(value.toString().trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(column + " is not an integer: " + value, e);
    }
  }

  private static boolean booleanValue(Map<String, ?> row, String column, boolean fallback) {
    Object value = row.get(column);
    if (value == null) {
      return fallback;
    }
    if (value instanceof Boolean bool) {
      return bool;
    }
    switch (value.toString().trim().toLowerCase(java.util.Locale.ROOT)) {
      case "true", "t":
        return true;
      case "false", "f":
        return false;
      default:
        throw new IllegalArgumentException(column + " is not a boolean: " + value);
    }
  }
}
