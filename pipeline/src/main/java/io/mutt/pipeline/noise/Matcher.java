package io.mutt.pipeline.noise;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.mutt.pipeline.validation.InvalidInput;
import java.util.Locale;

/**
 * One condition of a window or silence (docs/reference/noise.md). Kinds: {@code hostname} (exact),
 * {@code hostname_glob} ({@code *} any run, {@code ?} one character), {@code hostname_regex} (RE2,
 * the whole hostname must match), {@code team} (exact), {@code rule_id}, {@code message_contains}
 * (case-sensitive substring). The matchers of one window or silence are AND-ed.
 */
public final class Matcher {

  /** The matcher kinds, as written in the API. */
  public enum Kind {
    HOSTNAME,
    HOSTNAME_GLOB,
    HOSTNAME_REGEX,
    TEAM,
    RULE_ID,
    MESSAGE_CONTAINS;

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }

    static Kind of(String text) {
      for (Kind k : values()) {
        if (k.wire().equals(text)) {
          return k;
        }
      }
      return null;
    }
  }

  /** Longest matcher value accepted. */
  public static final int MAX_VALUE = 1000;

  private final Kind kind;
  private final String value;
  private final Pattern regex;
  private final int ruleId;

  /** A glob's literal head and tail (before the first and after the last wildcard). */
  private final String globHead;

  private final String globTail;

  private Matcher(Kind kind, String value, Pattern regex, int ruleId) {
    this.kind = kind;
    this.value = value;
    this.regex = regex;
    this.ruleId = ruleId;
    if (kind == Kind.HOSTNAME_GLOB) {
      int last = Math.max(value.lastIndexOf('*'), value.lastIndexOf('?'));
      this.globHead = hostPrefix();
      this.globTail = last < 0 ? "" : value.substring(last + 1);
    } else {
      this.globHead = "";
      this.globTail = "";
    }
  }

  /**
   * A validated matcher; bad input is an {@link InvalidInput} naming {@code field} (for example
   * {@code matchers[1].value}).
   */
  public static Matcher of(String kind, String value, String field) {
    Kind k = kind == null ? null : Kind.of(kind);
    if (k == null) {
      throw new InvalidInput(
          field + ".kind",
          field
              + ".kind must be one of hostname, hostname_glob, hostname_regex, team, rule_id,"
              + " message_contains");
    }
    if (value == null || value.isEmpty()) {
      throw new InvalidInput(field + ".value", field + ".value must be a non-empty string");
    }
    if (value.length() > MAX_VALUE) {
      throw new InvalidInput(
          field + ".value", field + ".value must be at most " + MAX_VALUE + " characters");
    }
    switch (k) {
      case HOSTNAME_REGEX:
        try {
          return new Matcher(k, value, Pattern.compile(value), 0);
        } catch (PatternSyntaxException e) {
          throw new InvalidInput(
              field + ".value", field + ".value is not a valid RE2 regular expression");
        }
      case HOSTNAME_GLOB:
        return new Matcher(k, value, Pattern.compile(globToRegex(value)), 0);
      case RULE_ID:
        try {
          int id = Integer.parseInt(value.trim());
          if (id <= 0) {
            throw new NumberFormatException();
          }
          return new Matcher(k, value.trim(), null, id);
        } catch (NumberFormatException e) {
          throw new InvalidInput(
              field + ".value", field + ".value must be a positive rule id for kind rule_id");
        }
      default:
        return new Matcher(k, value, null, 0);
    }
  }

  public Kind kind() {
    return kind;
  }

  public String value() {
    return value;
  }

  int ruleId() {
    return ruleId;
  }

  /**
   * The literal text every hostname this glob or regex accepts starts with ("" when there is none
   * or the kind is not a hostname pattern); used to index patterns by prefix.
   */
  String hostPrefix() {
    if (kind == Kind.HOSTNAME_GLOB) {
      int i = 0;
      while (i < value.length() && value.charAt(i) != '*' && value.charAt(i) != '?') {
        i++;
      }
      return value.substring(0, i);
    }
    if (kind == Kind.HOSTNAME_REGEX) {
      if (value.indexOf('|') >= 0) {
        return "";
      }
      int i = 0;
      while (i < value.length() && "\\.[](){}*+?^$|".indexOf(value.charAt(i)) < 0) {
        i++;
      }
      if (i < value.length() && "*?{".indexOf(value.charAt(i)) >= 0 && i > 0) {
        i--; // the last literal is optional or repeated
      }
      return value.substring(0, i);
    }
    return "";
  }

  /** Whether the event meets this condition. */
  public boolean test(NoiseEvent e) {
    switch (kind) {
      case HOSTNAME:
        return value.equals(e.hostname());
      case HOSTNAME_GLOB:
        // the literal head and tail decide most candidates without running the pattern
        String h = e.hostname();
        return h != null
            && h.length() >= globHead.length() + globTail.length()
            && h.startsWith(globHead)
            && h.endsWith(globTail)
            && regex.matches(h);
      case HOSTNAME_REGEX:
        return e.hostname() != null && regex.matches(e.hostname());
      case TEAM:
        return value.equals(e.team());
      case RULE_ID:
        return ruleId == e.ruleId();
      case MESSAGE_CONTAINS:
        return e.message() != null && e.message().contains(value);
      default:
        return false;
    }
  }

  /** A glob as an RE2 expression: {@code *} any run, {@code ?} one character, the rest literal. */
  static String globToRegex(String glob) {
    StringBuilder b = new StringBuilder(glob.length() + 8);
    StringBuilder literal = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*' || c == '?') {
        if (literal.length() > 0) {
          b.append(Pattern.quote(literal.toString()));
          literal.setLength(0);
        }
        b.append(c == '*' ? "(?s:.*)" : "(?s:.)");
      } else {
        literal.append(c);
      }
    }
    if (literal.length() > 0) {
      b.append(Pattern.quote(literal.toString()));
    }
    return b.toString();
  }

  @Override
  public String toString() {
    return kind.wire() + "=" + value;
  }
}
