package io.mutt.pipeline.validation;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Dynamic-config writes (docs/reference/http-api.md, docs/reference/configuration.md): the key
 * pattern, the stored string form of a JSON value, and a type check for the keys MUTT reads so that
 * a typo cannot silently switch a role to its fallback value.
 */
public final class ConfigValidator {

  private static final Pattern KEY = Pattern.compile("^[a-z0-9_]{1,100}$");
  private static final Set<String> INTEGER_KEYS =
      Set.of(
          "max_ingest_queue_size",
          "ingest_max_rate",
          "ingest_rate_window",
          "cache_reload_interval",
          "unhandled_threshold",
          "unhandled_expiry_seconds",
          "alerter_queue_warn_threshold",
          "alerter_queue_shed_threshold",
          "alerter_defer_sleep_ms",
          "alert_coalesce_window_seconds",
          "moog_rate_limit",
          "moog_rate_period",
          "circuit_breaker_threshold",
          "circuit_breaker_timeout",
          "remediation_interval",
          "remediation_batch_size",
          "max_poison_retries",
          "slo_window_hours",
          "event_retention_days",
          "event_archive_retention_years",
          "config_audit_retention_days",
          "flap_threshold",
          "flap_window_minutes",
          "flap_stable_minutes");
  private static final Set<String> NUMBER_KEYS =
      Set.of(
          "slo_ingest_success_target",
          "slo_forward_success_target",
          "slo_burn_rate_warning",
          "slo_burn_rate_critical",
          "remediation_replay_rate");
  private static final Set<String> BOOLEAN_KEYS =
      Set.of("retention_enforcement_enabled", "audit_unhandled");
  private static final Map<String, List<String>> ENUM_KEYS =
      Map.of("alerter_shed_mode", List.of("dlq", "defer"));

  private ConfigValidator() {}

  /**
   * Every fixed key whose value is checked (the SLO keys per SLO name are patterns, not listed).
   */
  public static Set<String> knownKeys() {
    Set<String> all = new java.util.TreeSet<>(INTEGER_KEYS);
    all.addAll(NUMBER_KEYS);
    all.addAll(BOOLEAN_KEYS);
    all.addAll(ENUM_KEYS.keySet());
    return all;
  }

  public static void key(String key) {
    if (key == null || !KEY.matcher(key).matches() || key.equals("updates")) {
      throw new InvalidInput(
          "key", "Invalid config key: must match ^[a-z0-9_]{1,100}$ and not be 'updates'");
    }
  }

  /**
   * The string stored in Redis for a JSON value: booleans {@code true}/{@code false}, numbers as
   * written.
   */
  public static String storedForm(String key, Map<String, ?> body) {
    if (!body.containsKey("value")) {
      throw new InvalidInput("value", "Missing 'value' in request body");
    }
    Object v = body.get("value");
    if (v == null) {
      throw new InvalidInput("value", "value must not be null");
    }
    if (!(v instanceof String || v instanceof Number || v instanceof Boolean)) {
      throw new InvalidInput("value", "value must be a string, number or boolean");
    }
    String s = v instanceof Number n ? plainNumber(n) : String.valueOf(v);
    checkType(key, s);
    return s;
  }

  private static String plainNumber(Number n) {
    BigDecimal d = new BigDecimal(n.toString());
    return d.scale() <= 0 || d.stripTrailingZeros().scale() <= 0
        ? d.toBigInteger().toString()
        : d.toPlainString();
  }

  private static void checkType(String key, String s) {
    boolean integerKey =
        INTEGER_KEYS.contains(key) || (key.startsWith("slo_") && key.endsWith("_window_hours"));
    boolean numberKey =
        NUMBER_KEYS.contains(key)
            || (key.startsWith("slo_")
                && (key.endsWith("_burn_rate_warning")
                    || key.endsWith("_burn_rate_critical")
                    || key.endsWith("_upper_bound_warning")
                    || key.endsWith("_upper_bound_critical")));
    if (integerKey && !s.trim().matches("[0-9]{1,18}")) {
      throw new InvalidInput("value", key + " must be a non-negative integer");
    }
    if (numberKey) {
      try {
        double d = Double.parseDouble(s.trim());
        if (Double.isNaN(d) || Double.isInfinite(d) || d < 0) {
          throw new NumberFormatException();
        }
      } catch (NumberFormatException e) {
        throw new InvalidInput("value", key + " must be a non-negative number");
      }
    }
    if (key.equals("remediation_replay_rate")) {
      double d = Double.parseDouble(s.trim());
      if (d <= 0 || d > 1) {
        throw new InvalidInput("value", key + " must be a fraction in (0, 1]");
      }
    }
    if (BOOLEAN_KEYS.contains(key) && !s.equals("true") && !s.equals("false")) {
      throw new InvalidInput("value", key + " must be true or false");
    }
    List<String> allowed = ENUM_KEYS.get(key);
    if (allowed != null && !allowed.contains(s)) {
      throw new InvalidInput("value", key + " must be one of " + String.join(", ", allowed));
    }
  }
}
