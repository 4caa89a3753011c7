package io.mutt.pipeline.validation;

import io.mutt.pipeline.rules.RegexSupport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Validation of rule bodies for the rules API (docs/reference/http-api.md,
 * docs/reference/sql-tables.md): required keys, match criteria, match type, severity range, integer
 * priority, boolean is_active, column lengths and RE2-compilable regex patterns. Returns the values
 * to store, keyed by column name, so the caller never writes anything it did not check.
 */
public final class RuleValidator {

  /** The writable columns, in DDL order (the clearing and flapping ones from V40, ADR 0038). */
  public static final List<String> WRITABLE =
      List.of(
          "match_string",
          "trap_oid",
          "syslog_severity",
          "match_type",
          "priority",
          "prod_handling",
          "dev_handling",
          "team_assignment",
          "is_active",
          "clear_pattern",
          "clear_key",
          "flap_threshold",
          "flap_window_minutes",
          "flap_stable_minutes");

  /** The clearing and flapping columns: each needs {@code clear_pattern}. */
  static final List<String> CLEARING =
      List.of("clear_key", "flap_threshold", "flap_window_minutes", "flap_stable_minutes");

  /** Longest {@code clear_pattern} / {@code clear_key} (VARCHAR(1000)). */
  public static final int MAX_CLEAR_PATTERN = 1000;

  /** Largest {@code flap_threshold}. */
  public static final int MAX_FLAP_THRESHOLD = 1000;

  /** Largest flap window and stable time, in minutes (a week). */
  public static final int MAX_FLAP_MINUTES = 10_080;

  private static final List<String> REQUIRED =
      List.of("prod_handling", "dev_handling", "team_assignment");
  private static final Set<String> MATCH_TYPES = Set.of("contains", "regex", "oid_prefix");

  private RuleValidator() {}

  /** The nine stored fields of a new rule, with the DDL defaults filled in. */
  public static Map<String, Object> forCreate(Map<String, ?> body) {
    List<String> missing = new ArrayList<>();
    for (String k : REQUIRED) {
      if (!body.containsKey(k)) {
        missing.add(k);
      }
    }
    if (!missing.isEmpty()) {
      throw new InvalidInput(missing.get(0), "Missing required fields: " + pythonList(missing));
    }
    Map<String, Object> merged = new LinkedHashMap<>();
    merged.put("match_string", null);
    merged.put("trap_oid", null);
    merged.put("syslog_severity", null);
    merged.put("match_type", "contains");
    merged.put("priority", 100);
    merged.put("is_active", true);
    merged.put("clear_pattern", null);
    CLEARING.forEach(k -> merged.put(k, null));
    for (String k : WRITABLE) {
      if (body.containsKey(k)) {
        merged.put(k, field(k, body));
      }
    }
    checkWhole(merged);
    Map<String, Object> ordered = new LinkedHashMap<>();
    WRITABLE.forEach(k -> ordered.put(k, merged.get(k)));
    return ordered;
  }

  /**
   * The supplied writable fields of an update, checked alone and together with the stored row
   * {@code current} (keyed by column name).
   */
  public static Map<String, Object> forUpdate(Map<String, ?> body, Map<String, ?> current) {
    Map<String, Object> changes = new LinkedHashMap<>();
    for (String k : WRITABLE) {
      if (body.containsKey(k)) {
        changes.put(k, field(k, body));
      }
    }
    if (changes.isEmpty()) {
      throw new InvalidInput("body", "No fields to update");
    }
    Map<String, Object> merged = new LinkedHashMap<>(current);
    merged.putAll(changes);
    checkWhole(merged);
    return changes;
  }

  /** A draft rule for the rule tester: as {@link #forCreate}. */
  public static Map<String, Object> forDraft(Map<String, ?> body) {
    return forCreate(body);
  }

  private static Object field(String k, Map<String, ?> body) {
    Object v = body.get(k);
    return switch (k) {
      case "match_string", "trap_oid" -> {
        String s = Fields.optionalString(body, k, 255);
        yield s == null || s.isEmpty() ? null : s;
      }
      case "prod_handling", "dev_handling", "team_assignment" ->
          Fields.requiredString(body, k, 100);
      case "match_type" -> {
        if (!(v instanceof String s) || !MATCH_TYPES.contains(s)) {
          throw new InvalidInput(k, "match_type must be one of contains, regex, oid_prefix");
        }
        yield s;
      }
      case "syslog_severity" -> {
        if (v == null) {
          yield null;
        }
        Integer sev = Fields.integer(v, k, "syslog_severity must be null or an integer 0-7");
        if (sev < 0 || sev > 7) {
          throw new InvalidInput(k, "syslog_severity must be null or an integer 0-7");
        }
        yield sev;
      }
      case "priority" -> Fields.integer(v, k, "priority must be an integer");
      case "clear_pattern", "clear_key" -> {
        String p = Fields.optionalString(body, k, MAX_CLEAR_PATTERN);
        if (p == null || p.isEmpty()) {
          yield null;
        }
        Optional<String> err = RegexSupport.compileError(p);
        if (err.isPresent()) {
          throw new InvalidInput(k, k + " is not a valid regular expression: " + err.get());
        }
        yield p;
      }
      case "flap_threshold" -> bounded(v, k, 0, MAX_FLAP_THRESHOLD);
      case "flap_window_minutes", "flap_stable_minutes" -> bounded(v, k, 1, MAX_FLAP_MINUTES);
      case "is_active" -> {
        if (!(v instanceof Boolean b)) {
          throw new InvalidInput(k, "is_active must be true or false");
        }
        yield b;
      }
      default -> throw new IllegalArgumentException(k);
    };
  }

  /** Null, or an integer within [min, max]. */
  private static Integer bounded(Object v, String k, int min, int max) {
    if (v == null) {
      return null;
    }
    String message = k + " must be null or an integer " + min + "-" + max;
    Integer n = Fields.integer(v, k, message);
    if (n < min || n > max) {
      throw new InvalidInput(k, message);
    }
    return n;
  }

  private static void checkWhole(Map<String, ?> rule) {
    if (rule.get("clear_pattern") == null) {
      for (String k : CLEARING) {
        if (rule.get(k) != null) {
          throw new InvalidInput(k, k + " needs clear_pattern");
        }
      }
    }
    if (Fields.blank(rule.get("match_string")) && Fields.blank(rule.get("trap_oid"))) {
      throw new InvalidInput("match_string", "Either match_string or trap_oid is required");
    }
    if ("regex".equals(rule.get("match_type"))
        && rule.get("match_string") instanceof String pattern) {
      Optional<String> err = RegexSupport.compileError(pattern);
      if (err.isPresent()) {
        throw new InvalidInput(
            "match_string", "match_string is not a valid regular expression: " + err.get());
      }
    }
  }

  /**
   * Python's repr of a list of strings, as the original's message showed it: {@code ['a', 'b']}.
   */
  static String pythonList(List<String> items) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < items.size(); i++) {
      sb.append(i == 0 ? "" : ", ").append('\'').append(items.get(i)).append('\'');
    }
    return sb.append(']').toString();
  }
}
