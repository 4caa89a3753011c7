package io.mutt.pipeline.rules;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Map;

/**
 * Normalises an event's {@code syslog_severity} before it is compared with a rule's (SPEC.md §5.5 [D]).
 *
 * <p>Fixtures and rsyslog send names ({@code "Warning"}), the rules table holds integers 0–7; the
 * original compared them raw so severity-constrained rules never matched named severities.
 */
public final class Severity {

  private static final Map<String, Integer> NAMES = Map.ofEntries(
      Map.entry("emerg", 0), Map.entry("emergency", 0),
      Map.entry("alert", 1),
      Map.entry("crit", 2), Map.entry("critical", 2),
      Map.entry("err", 3), Map.entry("error", 3),
      Map.entry("warn", 4), Map.entry("warning", 4),
      Map.entry("notice", 5),
      Map.entry("info", 6), Map.entry("informational", 6),
      Map.entry("debug", 7));

  private Severity() {
  }

  /**
   * Coerces a raw severity to an int.
   *
   * @param raw an integral number ({@code 3}, {@code 3L}, {@code 3.0}), a numeric string
   *            ({@code "3"}, {@code " 3 "}, {@code "+3"}) or a syslog name, case-insensitive
   * @return the integer, or null when the value is absent or cannot be coerced (booleans,
   *         fractions, out-of-int-range numbers, unknown names); null never equals a rule severity
   */
  public static Integer coerce(Object raw) {
    if (raw instanceof Integer || raw instanceof Short || raw instanceof Byte) {
      return ((Number) raw).intValue();
    }
    if (raw instanceof Long value) {
      return fitsInt(value) ? (int) (long) value : null;
    }
    if (raw instanceof BigInteger value) {
      return value.bitLength() < Integer.SIZE ? value.intValue() : null;
    }
    if (raw instanceof Double || raw instanceof Float) {
      return fromDouble(((Number) raw).doubleValue());
    }
    if (raw instanceof BigDecimal value) {
      return fromBigDecimal(value);
    }
    if (raw instanceof CharSequence text) {
      return fromText(text.toString().trim());
    }
    return null;
  }

  private static Integer fromText(String text) {
    Integer named = NAMES.get(text.toLowerCase(Locale.ROOT));
    if (named != null) {
      return named;
    }
    if (!text.matches("[+-]?[0-9]{1,10}")) {
      return null;
    }
    long value = Long.parseLong(text);
    return fitsInt(value) ? (int) value : null;
  }

  private static Integer fromDouble(double value) {
    boolean integral = value == Math.rint(value) && !Double.isInfinite(value);
    return integral && value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE ? (int) value : null;
  }

  private static Integer fromBigDecimal(BigDecimal value) {
    try {
      return value.intValueExact();
    } catch (ArithmeticException notIntegral) {
      return null;
    }
  }

  private static boolean fitsInt(long value) {
    return value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE;
  }
}
