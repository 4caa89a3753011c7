package io.mutt.pipeline.rules;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Normalises an event's {@code syslog_severity} before it is compared with a rule's.
 *
 * <p>Fixtures and rsyslog send names ({@code "Warning"}), the rules table holds integers 0–7; the
 * original compared them raw so severity-constrained rules never matched named severities.
 */
public final class Severity {

  private static final String[] NAMES = {
    "emerg",
    "emergency",
    "alert",
    "crit",
    "critical",
    "err",
    "error",
    "warn",
    "warning",
    "notice",
    "info",
    "informational",
    "debug"
  };
  private static final int[] VALUES = {0, 0, 1, 2, 2, 3, 3, 4, 4, 5, 6, 6, 7};

  private Severity() {}

  /**
   * Coerces a raw severity to an int.
   *
   * @param raw an integral number ({@code 3}, {@code 3L}, {@code 3.0}), a numeric string ({@code
   *     "3"}, {@code " 3 "}, {@code "+3"}) or a syslog name, case-insensitive
   * @return the integer, or null when the value is absent or cannot be coerced (booleans,
   *     fractions, out-of-int-range numbers, unknown names); null never equals a rule severity
   */
  public static Integer coerce(Object raw) {
    if (raw instanceof String text) {
      return fromText(text.strip());
    }
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
      return fromText(text.toString().strip());
    }
    return null;
  }

  private static Integer fromText(String text) {
    Integer named = named(text);
    if (named != null) {
      return named;
    }
    if (!isDecimal(text)) {
      return null;
    }
    long value = Long.parseLong(text);
    return fitsInt(value) ? (int) value : null;
  }

  /** Case-insensitive name lookup without allocating; ASCII only, so a dotless ı is not an i. */
  private static Integer named(String text) {
    for (int i = 0; i < NAMES.length; i++) {
      if (NAMES[i].length() == text.length() && NAMES[i].equalsIgnoreCase(text) && isAscii(text)) {
        return VALUES[i];
      }
    }
    return null;
  }

  private static boolean isAscii(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) >= 128) {
        return false;
      }
    }
    return true;
  }

  /** An optional sign and 1–10 ASCII digits. */
  private static boolean isDecimal(String text) {
    int start = !text.isEmpty() && (text.charAt(0) == '+' || text.charAt(0) == '-') ? 1 : 0;
    int digits = text.length() - start;
    if (digits < 1 || digits > 10) {
      return false;
    }
    for (int i = start; i < text.length(); i++) {
      if (text.charAt(i) < '0' || text.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static Integer fromDouble(double value) {
    boolean integral = value == Math.rint(value) && !Double.isInfinite(value);
    return integral && value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE
        ? (int) value
        : null;
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
