package io.mutt.pipeline.clearing;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import io.mutt.pipeline.rules.RegexSupport;
import io.mutt.pipeline.rules.Rule;
import java.util.Map;

/**
 * The clearing part of one rule (ADR 0038): the pattern of the events that clear its alerts, the
 * pattern that captures the key an event is about (an interface name, say), and the rule's own
 * flapping limits (null: the global default). Patterns are RE2, case-insensitive, searched anywhere
 * in the message, like {@code regex} rules.
 *
 * @param rule the rule whose alerts are cleared
 * @param clearPattern an event whose message this finds is a clearing event of the rule
 * @param keyPattern captures the key from a message (group 1 when it has a group, else the whole
 *     match); null: one key per host
 * @param flapThreshold {@code flap_threshold}: more changes than this within the window is
 *     flapping; 0 turns flap suppression off for the rule
 * @param flapWindowMinutes {@code flap_window_minutes}
 * @param flapStableMinutes {@code flap_stable_minutes}
 */
public record ClearingRule(
    Rule rule,
    Pattern clearPattern,
    Pattern keyPattern,
    Integer flapThreshold,
    Integer flapWindowMinutes,
    Integer flapStableMinutes) {

  /** The longest key kept; a longer capture is cut. */
  public static final int MAX_KEY = 200;

  /**
   * The clearing part of a rule row (SQL column names), or null when it has no {@code
   * clear_pattern}.
   *
   * @throws com.google.re2j.PatternSyntaxException when a stored pattern does not compile
   */
  public static ClearingRule fromMap(Rule rule, Map<String, ?> row) {
    String clear = text(row.get("clear_pattern"));
    if (clear == null) {
      return null;
    }
    String key = text(row.get("clear_key"));
    return new ClearingRule(
        rule,
        RegexSupport.compile(clear),
        key == null ? null : RegexSupport.compile(key),
        integer(row.get("flap_threshold")),
        integer(row.get("flap_window_minutes")),
        integer(row.get("flap_stable_minutes")));
  }

  /** Whether the message is a clearing event of this rule. */
  public boolean clears(String message) {
    return clearPattern.matcher(message).find();
  }

  /**
   * The key the message is about: the key pattern's group 1 (or whole match), "" when there is no
   * key pattern or it does not find the message.
   */
  public String key(String message) {
    if (keyPattern == null) {
      return "";
    }
    Matcher m = keyPattern.matcher(message);
    if (!m.find()) {
      return "";
    }
    String k = m.groupCount() >= 1 && m.group(1) != null ? m.group(1) : m.group();
    return k.length() > MAX_KEY ? k.substring(0, MAX_KEY) : k;
  }

  /** This rule's flapping limits, each falling back to {@code defaults}. */
  public FlapSettings flapSettings(FlapSettings defaults) {
    return new FlapSettings(
        flapThreshold == null ? defaults.threshold() : flapThreshold,
        flapWindowMinutes == null ? defaults.windowMinutes() : flapWindowMinutes,
        flapStableMinutes == null ? defaults.stableMinutes() : flapStableMinutes);
  }

  private static String text(Object v) {
    return v == null || v.toString().isEmpty() ? null : v.toString();
  }

  private static Integer integer(Object v) {
    if (v == null) {
      return null;
    }
    if (v instanceof Number n) {
      return n.intValue();
    }
    return Integer.valueOf(v.toString().trim());
  }
}
