package io.mutt.pipeline.validation;

import java.math.BigDecimal;
import java.util.Map;

/**
 * Typed reads of JSON-decoded values (String, Number, Boolean, null) with errors that name the
 * field.
 */
final class Fields {

  private Fields() {}

  /**
   * A string of at most {@code maxLength} code points, or null when absent/null; blank is kept as
   * given.
   */
  static String optionalString(Map<String, ?> body, String field, int maxLength) {
    Object v = body.get(field);
    if (v == null) {
      return null;
    }
    if (!(v instanceof String s)) {
      throw new InvalidInput(field, field + " must be a string");
    }
    if (s.codePointCount(0, s.length()) > maxLength) {
      throw new InvalidInput(field, field + " must be at most " + maxLength + " characters");
    }
    return s;
  }

  /** A non-blank string of at most {@code maxLength} code points. */
  static String requiredString(Map<String, ?> body, String field, int maxLength) {
    String s = optionalString(body, field, maxLength);
    if (s == null || s.isBlank()) {
      throw new InvalidInput(field, field + " must be a non-empty string");
    }
    return s;
  }

  /**
   * An integral JSON number (5 or 5.0) or integral numeric string that fits an int; else the error.
   */
  static Integer integer(Object v, String field, String message) {
    if (v instanceof Boolean) {
      throw new InvalidInput(field, message);
    }
    try {
      BigDecimal d;
      if (v instanceof Number n) {
        d = new BigDecimal(n.toString());
      } else if (v instanceof String s && s.trim().matches("[+-]?[0-9]{1,10}")) {
        d = new BigDecimal(s.trim());
      } else {
        throw new InvalidInput(field, message);
      }
      return d.intValueExact();
    } catch (ArithmeticException | NumberFormatException e) {
      throw new InvalidInput(field, message);
    }
  }

  static boolean blank(Object v) {
    return v == null || (v instanceof String s && s.isBlank());
  }
}
