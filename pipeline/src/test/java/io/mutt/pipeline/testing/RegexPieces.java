package io.mutt.pipeline.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * Pieces of RE2 syntax that random regexes are built from: classes, anchors, flags, quoting,
 * escapes, groups, alternation and repetition — each valid on its own.
 */
public final class RegexPieces {

  /** The pieces every generator of random regexes uses. */
  public static final List<String> VALID =
      List.of(
          "\\d+",
          "\\w*",
          ".",
          "[a-z]+",
          "[^x]",
          "[]a]",
          "[[:alpha:]]",
          "\\b",
          "^",
          "$",
          "(?i)",
          "(?-i:K)",
          "\\Qa.b\\E",
          "\\x41",
          "\\.",
          "\\pL",
          "(?:link|down)",
          "(err|error)",
          "(?P<n>ss)",
          "colou?r",
          "s+",
          "k*",
          "\\101",
          "(?s:.)",
          "[\\]s]",
          "|",
          "(?:)",
          "z{1,3}");

  private RegexPieces() {}

  /** {@link #VALID} followed by {@code more}. */
  public static List<String> validAnd(String... more) {
    List<String> out = new ArrayList<>(VALID);
    out.addAll(List.of(more));
    return List.copyOf(out);
  }
}
