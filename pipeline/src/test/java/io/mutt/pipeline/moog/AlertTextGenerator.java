package io.mutt.pipeline.moog;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Builds alert texts: random subsets of the read keys, random value kinds, escapes, unicode and
 * whitespace.
 */
final class AlertTextGenerator {

  private static final String[] KEYS = {
    "hostname",
    "_correlation_id",
    "team_assignment",
    "severity",
    "message_body",
    "raw_json",
    "_moog_retry_count",
    "_event_id",
    "_coalesced"
  };
  private static final String[] NEAR_KEYS = {
    "Hostname",
    "hostname ",
    "host",
    "raw",
    "rawjson",
    "severity\u0000",
    "_correlation_id_",
    "timestamp",
    "rule_id",
    "handling",
    "syslog_severity",
    "",
    "\uD83D\uDE00"
  };
  private static final String[] SEVERITIES = {
    "Critical",
    "Major",
    "Warning",
    "Minor",
    "Info",
    "Clear",
    "critical",
    "CLEAR",
    "Informational",
    "",
    " Major"
  };
  private static final String[] NUMBERS = {
    "0",
    "-0",
    "7",
    "-3",
    "42",
    "2147483647",
    "2147483648",
    "-2147483649",
    "4294967298",
    "9223372036854775807",
    "9223372036854775808",
    "123456789012345678901234567",
    "1.5",
    "-0.0",
    "2.50",
    "1e3",
    "1E-2",
    "6.02e+23",
    "-1.0E10",
    "0.1000000000000000055511151231257827",
    "1e-400",
    "3.0",
    "100"
  };
  private static final String CHARS =
      "aZ09 _-.:%/\"\\\u0000\u0001\u001f\u007f\u00e9\u00ff\u0100\u4e2d\u2028"
          + "\u2029\uFEFF\uFFFF\uD83D\uDE00\uD834\uDD1E\uD800\uDFFF";

  private final Random random;
  private final boolean mayBeLong;
  private final StringBuilder out = new StringBuilder();

  AlertTextGenerator(Random random, boolean mayBeLong) {
    this.random = random;
    this.mayBeLong = mayBeLong;
  }

  String alert() {
    List<Runnable> members = new ArrayList<>();
    for (String key : KEYS) {
      int copies = random.nextInt(10) < 7 ? 1 : 0;
      if (random.nextInt(10) == 0) {
        copies++;
      }
      for (int c = 0; c < copies; c++) {
        members.add(() -> member(key, () -> valueFor(key)));
      }
    }
    for (int extra = random.nextInt(5); extra > 0; extra--) {
      String key = random.nextBoolean() ? NEAR_KEYS[random.nextInt(NEAR_KEYS.length)] : text(8);
      members.add(() -> member(key, () -> value(3)));
    }
    if (mayBeLong && random.nextInt(100) == 0) { // long enough to be parsed through a Reader
      members.add(
          () -> member("padding", () -> string("x".repeat(32_000 + random.nextInt(8_000)))));
    }
    java.util.Collections.shuffle(members, random);
    ws();
    out.append('{');
    for (int i = 0; i < members.size(); i++) {
      if (i > 0) {
        ws();
        out.append(',');
      }
      members.get(i).run();
    }
    ws();
    out.append('}');
    ws();
    return out.toString();
  }

  private void member(String key, Runnable value) {
    ws();
    string(key);
    ws();
    out.append(':');
    ws();
    value.run();
  }

  private void valueFor(String key) {
    int roll = random.nextInt(100);
    switch (key) {
      case "severity" -> {
        if (roll < 70) {
          string(SEVERITIES[random.nextInt(SEVERITIES.length)]);
        } else {
          value(2);
        }
      }
      case "_moog_retry_count" -> {
        if (roll < 50) {
          number();
        } else if (roll < 75) {
          string(
              List.of("3", " 7 ", "+4", "-2", "x", "2.0", "99999999999", "", "\u0661")
                  .get(random.nextInt(9)));
        } else {
          value(2);
        }
      }
      case "raw_json" -> {
        if (roll < 60) {
          object(4);
        } else {
          value(4);
        }
      }
      default -> value(3);
    }
  }

  private void value(int depth) {
    int roll = random.nextInt(100);
    if (roll < 45 || depth == 0 && roll < 80) {
      string(text(12));
    } else if (roll < 60 || depth == 0) {
      number();
    } else if (roll < 65) {
      out.append(random.nextBoolean() ? "true" : "false");
    } else if (roll < 75) {
      out.append("null");
    } else if (roll < 88) {
      object(depth - 1);
    } else {
      array(depth - 1);
    }
  }

  /**
   * Keys inside are distinct, so a container's compact text can be compared with Vert.x's exactly.
   */
  private void object(int depth) {
    out.append('{');
    int n = random.nextInt(4);
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        ws();
        out.append(',');
      }
      String key = "k" + i + text(3);
      member(key, () -> value(Math.max(0, depth)));
    }
    ws();
    out.append('}');
  }

  private void array(int depth) {
    out.append('[');
    int n = random.nextInt(4);
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        ws();
        out.append(',');
      }
      ws();
      value(Math.max(0, depth));
    }
    ws();
    out.append(']');
  }

  private void number() {
    out.append(
        random.nextInt(3) == 0
            ? String.valueOf(random.nextInt(2000) - 1000)
            : NUMBERS[random.nextInt(NUMBERS.length)]);
  }

  private String text(int maxLength) {
    StringBuilder text = new StringBuilder();
    for (int n = random.nextInt(maxLength + 1); n > 0; n--) {
      int pick = random.nextInt(CHARS.length() + 26);
      if (pick >= CHARS.length()) {
        text.append((char) ('a' + pick - CHARS.length()));
      } else if (Character.isHighSurrogate(CHARS.charAt(pick))
          && pick + 1 < CHARS.length()
          && random.nextInt(4) > 0) {
        text.append(CHARS, pick, pick + 2); // mostly whole pairs, sometimes a lone half
      } else {
        text.append(CHARS.charAt(pick));
      }
    }
    return text.toString();
  }

  /** A JSON string literal, escaping what must be and, at random, what may be. */
  private void string(String text) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      int roll = random.nextInt(10);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        String shortForm =
            switch (c) {
              case '\b' -> "\\b";
              case '\f' -> "\\f";
              case '\n' -> "\\n";
              case '\r' -> "\\r";
              case '\t' -> "\\t";
              default -> null;
            };
        out.append(shortForm != null && roll < 5 ? shortForm : unicodeEscape(c));
      } else if (c == '/' && roll < 3) {
        out.append("\\/");
      } else if (roll == 0) {
        out.append(unicodeEscape(c));
      } else {
        out.append(c);
      }
    }
    out.append('"');
  }

  private String unicodeEscape(char c) {
    String hex = String.format("\\u%04x", (int) c);
    return random.nextBoolean() ? hex : "\\u" + hex.substring(2).toUpperCase();
  }

  private void ws() {
    if (random.nextInt(3) > 0) {
      return;
    }
    for (int n = 1 + random.nextInt(3); n > 0; n--) {
      out.append(" \t\n\r".charAt(random.nextInt(4)));
    }
  }
}
