package io.mutt.pipeline.rules;

import java.util.ArrayList;
import java.util.List;

/**
 * Rewrites the Python {@code re} constructs that RE2 spells differently, and notes the ones RE2
 * cannot express. Escapes and character classes are copied untouched, so {@code \(?P<} or {@code
 * [(?P<]} are not rewritten.
 */
final class PythonRegex {

  /**
   * @param re2 the rewritten pattern
   * @param backreferences Python backreferences found, as written
   * @param lookarounds lookahead and lookbehind openings found ({@code (?=}, {@code (?!}, {@code
   *     (?<=}, {@code (?<!}), as written
   */
  record Translation(String re2, List<String> backreferences, List<String> lookarounds) {}

  private final String source;
  private final StringBuilder out = new StringBuilder();
  private final List<String> backreferences = new ArrayList<>();
  private final List<String> lookarounds = new ArrayList<>();
  private int pos;

  private PythonRegex(String source) {
    this.source = source;
  }

  static Translation translate(String pattern) {
    PythonRegex scanner = new PythonRegex(pattern);
    scanner.run();
    return new Translation(
        scanner.out.toString(),
        List.copyOf(scanner.backreferences),
        List.copyOf(scanner.lookarounds));
  }

  private void run() {
    while (pos < source.length()) {
      char c = source.charAt(pos);
      if (c == '\\') {
        escape();
      } else if (c == '[') {
        characterClass();
      } else if (source.startsWith("(?P<", pos)) {
        out.append("(?<");
        pos += 4;
      } else if (source.startsWith("(?P=", pos)) {
        namedBackreference();
      } else if (lookaround() != null) {
        String opening = lookaround();
        lookarounds.add(opening);
        out.append(opening);
        pos += opening.length();
      } else if (source.startsWith("{,", pos) && pos > 0) {
        openLowerBound();
      } else {
        out.append(c);
        pos++;
      }
    }
  }

  /**
   * {@code \Z} is Python's end of text ({@code \z} in RE2); {@code \1}–{@code \99} are
   * backreferences.
   */
  private void escape() {
    if (pos + 1 >= source.length()) {
      out.append('\\');
      pos++;
      return;
    }
    char next = source.charAt(pos + 1);
    if (next == 'Z') {
      out.append("\\z");
      pos += 2;
    } else if (next >= '1' && next <= '9' && !isThreeDigitOctal(pos + 1)) {
      int end = pos + 2;
      if (end < source.length() && Character.isDigit(source.charAt(end))) {
        end++;
      }
      backreferences.add(source.substring(pos, end));
      out.append(source, pos, end);
      pos = end;
    } else {
      out.append('\\').append(next);
      pos += 2;
    }
  }

  private boolean isThreeDigitOctal(int at) {
    if (at + 3 > source.length()) {
      return false;
    }
    for (int i = at; i < at + 3; i++) {
      char d = source.charAt(i);
      if (d < '0' || d > '7') {
        return false;
      }
    }
    return true;
  }

  /**
   * {@code (?P=name)} becomes {@code \k<name>}, which RE2 then refuses; it is recorded as a
   * backreference.
   */
  private void namedBackreference() {
    int close = source.indexOf(')', pos);
    if (close < 0) {
      out.append(source, pos, source.length());
      pos = source.length();
      return;
    }
    String name = source.substring(pos + 4, close);
    backreferences.add(source.substring(pos, close + 1));
    out.append("\\k<").append(name).append('>');
    pos = close + 1;
  }

  /** The lookahead or lookbehind opening at {@code pos}, or null. */
  private String lookaround() {
    for (String opening : new String[] {"(?<=", "(?<!", "(?=", "(?!"}) {
      if (source.startsWith(opening, pos)) {
        return opening;
      }
    }
    return null;
  }

  /** Python reads {@code x{,3}} as {@code x{0,3}}; RE2 would read it as literal text. */
  private void openLowerBound() {
    int i = pos + 2;
    while (i < source.length() && Character.isDigit(source.charAt(i))) {
      i++;
    }
    if (i > pos + 2 && i < source.length() && source.charAt(i) == '}') {
      out.append("{0,");
      pos += 2;
    } else {
      out.append('{');
      pos++;
    }
  }

  /** Copies {@code [...]} verbatim; a {@code ]} right after {@code [} or {@code [^} is a member. */
  private void characterClass() {
    int i = pos + 1;
    if (i < source.length() && source.charAt(i) == '^') {
      i++;
    }
    if (i < source.length() && source.charAt(i) == ']') {
      i++;
    }
    while (i < source.length() && source.charAt(i) != ']') {
      i += source.charAt(i) == '\\' ? 2 : 1;
    }
    int end = Math.min(i + 1, source.length());
    out.append(source, pos, end);
    pos = end;
  }
}
