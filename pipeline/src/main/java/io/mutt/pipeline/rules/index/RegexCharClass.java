package io.mutt.pipeline.rules.index;

/**
 * Skips a bracketed character class the way RE2 delimits it: a {@code ]} right after {@code [} or
 * {@code [^} is a member, {@code [:name:]} is one item when {@code :]} follows, escapes are opaque.
 * The class itself carries no literal (it is treated as "some character").
 */
final class RegexCharClass {

  private RegexCharClass() {}

  /** Called with the parser just past {@code [}; leaves it just past the closing {@code ]}. */
  static void skip(RegexLiteralParser parser) throws RegexLiteralParser.Unsupported {
    String p = parser.pattern();
    int i = parser.position();
    if (i < p.length() && p.charAt(i) == '^') {
      i++;
    }
    boolean first = true;
    while (i < p.length() && (p.charAt(i) != ']' || first)) {
      first = false;
      int posix = p.startsWith("[:", i) ? p.indexOf(":]", i + 2) : -1;
      if (posix >= 0) {
        i = posix + 2;
      } else if (p.charAt(i) == '\\') {
        i = skipEscape(parser, i + 1);
      } else {
        i++;
      }
    }
    if (i >= p.length()) {
      throw new RegexLiteralParser.Unsupported("unterminated class");
    }
    parser.advanceTo(i + 1);
  }

  private static int skipEscape(RegexLiteralParser parser, int at)
      throws RegexLiteralParser.Unsupported {
    String p = parser.pattern();
    if (at >= p.length()) {
      throw new RegexLiteralParser.Unsupported("trailing backslash in class");
    }
    char c = p.charAt(at);
    parser.advanceTo(at + 1);
    if (c == 'p' || c == 'P' || c == 'x') {
      parser.skipBracedOr(c == 'x' ? 2 : 1);
      return parser.position();
    }
    int i = at + 1;
    if (c >= '0' && c <= '7') {
      for (int n = 0; n < 2 && i < p.length() && p.charAt(i) >= '0' && p.charAt(i) <= '7'; n++) {
        i++;
      }
    }
    return i;
  }
}
