package io.mutt.pipeline.rules;

import io.mutt.pipeline.testing.RegexPieces;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Random rule sets and events that collide often: literals, regexes and OIDs are drawn from small
 * shared pools, in random case, with the Unicode characters whose case folding differs between
 * {@code toLowerCase} and RE2 (ſ, K, İ, Σ/ς, ß).
 */
final class RandomRuleWorld {

  static final String[] TOKENS = {
    "link",
    "down",
    "UP",
    "%LINK-3-UPDOWN",
    "error",
    "err",
    "Gi0/1",
    "sshd",
    "ss",
    "ſ",
    "K",
    "k",
    "İ",
    "i",
    "Σ",
    "ς",
    "σ",
    "ß",
    "SS",
    "a",
    "ab",
    "abc",
    "-",
    ".",
    "1",
    "12",
    "é",
    "É",
    "x{,2}",
    "(",
    "[",
    "\\",
    "*",
    "?",
    " ",
    "\t",
    "{",
    "}",
    "|",
    "^",
    "$",
    "中"
  };
  static final String[] OIDS = {
    "1.3.6.1.4.1.9.9.41.2",
    "1.3.6.1.4.1.9",
    "1.3.6.1.6.3.1.1.5",
    "1.3.6.1.6.3.1.1.5.3",
    "1.3",
    "",
    "1.3.6.1.4.1.2011"
  };
  private static final String[] REGEX_PARTS =
      RegexPieces.validAnd("\\x{3a3}", "x{,2}", "\\p{Greek}", "{", "a{2}", "\\s", "\\n", "(?U)a+?")
          .toArray(String[]::new);
  private static final String[] BROKEN_REGEXES = {
    "(?=x)", "(a)\\1", "(?P<n>a)(?P=n)", "[unclosed", "a**"
  };

  private final Random random;

  RandomRuleWorld(long seed) {
    this.random = new Random(seed);
  }

  List<Rule> rules(int count) {
    List<Integer> ids = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      ids.add(i);
    }
    Collections.shuffle(ids, random);
    List<Rule> rules = new ArrayList<>();
    for (int id : ids) {
      rules.add(rule(id));
    }
    return rules;
  }

  private Rule rule(int id) {
    int kind = random.nextInt(20);
    String type =
        kind < 8
            ? Rule.CONTAINS
            : kind < 14
                ? Rule.REGEX
                : kind < 19 ? Rule.OID_PREFIX : pick(new String[] {"exact", "CONTAINS", null});
    String matchString =
        switch (type == null ? "" : type) {
          case Rule.CONTAINS ->
              chance(10) ? pick(new String[] {null, ""}) : text(1, chance(60) ? 1 : 3);
          case Rule.REGEX -> chance(8) ? pick(BROKEN_REGEXES) : regex();
          default -> chance(30) ? text(1, 2) : null;
        };
    String trapOid = Rule.OID_PREFIX.equals(type) || chance(25) ? oid() : null;
    Integer severity = chance(60) ? null : chance(90) ? random.nextInt(8) : 9;
    return new Rule(
        id,
        matchString,
        trapOid,
        severity,
        type,
        random.nextInt(5),
        "Page_only",
        "Ignore",
        "T" + id,
        !chance(10));
  }

  String message() {
    if (chance(5)) {
      return pick(new String[] {null, ""});
    }
    return text(0, 7);
  }

  String eventOid() {
    return chance(40)
        ? pick(new String[] {null, ""})
        : oid() + pick(new String[] {"", ".0", ".1.2", "9"});
  }

  Object severity() {
    return pick(
        new Object[] {null, 0, 3, 4, 7, 9, "Error", "warning", "3", " 5 ", "bogus", 4.0, 3L});
  }

  private String oid() {
    String base = pick(OIDS);
    return switch (random.nextInt(6)) {
      case 0 -> "." + base;
      case 1 -> ".." + base;
      default -> base;
    };
  }

  private String text(int minTokens, int maxTokens) {
    StringBuilder out = new StringBuilder();
    int n = minTokens + random.nextInt(maxTokens - minTokens + 1);
    for (int i = 0; i < n; i++) {
      out.append(randomCase(pick(TOKENS)));
      if (chance(20)) {
        out.append((char) ('a' + random.nextInt(26)));
      }
    }
    return out.toString();
  }

  private String regex() {
    StringBuilder out = new StringBuilder();
    int n = 1 + random.nextInt(4);
    for (int i = 0; i < n; i++) {
      if (chance(45)) {
        out.append(com.google.re2j.Pattern.quote(randomCase(pick(TOKENS))));
      } else {
        out.append(pick(REGEX_PARTS));
      }
      if (chance(15)) {
        out.append(pick(new String[] {"?", "*", "+", "{1,2}"}));
      }
    }
    String body = out.toString();
    return chance(15)
        ? "(?:" + body + ")|" + randomCase(pick(TOKENS)).replaceAll("[^A-Za-z0-9]", "") + "z"
        : body;
  }

  private String randomCase(String token) {
    return switch (random.nextInt(3)) {
      case 0 -> token.toUpperCase(Locale.ROOT);
      case 1 -> token.toLowerCase(Locale.ROOT);
      default -> token;
    };
  }

  private boolean chance(int percent) {
    return random.nextInt(100) < percent;
  }

  private <T> T pick(T[] options) {
    return options[random.nextInt(options.length)];
  }
}
