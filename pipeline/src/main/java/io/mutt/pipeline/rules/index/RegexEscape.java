package io.mutt.pipeline.rules.index;

import io.mutt.pipeline.rules.index.RegexLiterals.Info;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one backslash escape outside a character class, as RE2 defines them: Perl classes and
 * Unicode groups are "some character", assertions match the empty string, escaped punctuation and
 * {@code \Q...\E} are literal text. Unknown escapes make the parser give up.
 */
final class RegexEscape {

  private RegexEscape() {}

  /** Called with the parser just past the backslash; leaves it after the escape. */
  static Info read(RegexLiteralParser parser) throws RegexLiteralParser.Unsupported {
    String p = parser.pattern();
    int pos = parser.position();
    if (pos >= p.length()) {
      throw new RegexLiteralParser.Unsupported("trailing backslash");
    }
    char c = p.charAt(pos);
    parser.advanceTo(pos + 1);
    switch (c) {
      case 'd', 'D', 'w', 'W', 's', 'S':
        return Info.UNKNOWN;
      case 'b', 'B', 'A', 'z':
        return Info.EMPTY;
      case 'p', 'P', 'x':
        parser.skipBracedOr(c == 'x' ? 2 : 1);
        return Info.UNKNOWN;
      case '0', '1', '2', '3', '4', '5', '6', '7':
        int end = pos + 1;
        while (end < p.length() && end < pos + 3 && p.charAt(end) >= '0' && p.charAt(end) <= '7') {
          end++;
        }
        parser.advanceTo(end);
        return Info.UNKNOWN;
      case 'a', 'f', 't', 'n', 'r', 'v':
        return Info.literal("\u0007\f\t\n\r\u000b".charAt("aftnrv".indexOf(c)));
      case 'Q':
        return quoted(parser);
      default:
        if (c < 128 && !Character.isLetterOrDigit(c)) {
          return Info.literal(c);
        }
        throw new RegexLiteralParser.Unsupported("escape \\" + c);
    }
  }

  /** {@code \Q...\E}: every character literal, up to {@code \E} or the end of the pattern. */
  private static Info quoted(RegexLiteralParser parser) {
    String p = parser.pattern();
    int start = parser.position();
    int end = p.indexOf("\\E", start);
    int stop = end < 0 ? p.length() : end;
    List<Info> items = new ArrayList<>();
    for (int i = start; i < stop; i++) {
      items.add(Info.literal(p.charAt(i)));
    }
    parser.advanceTo(end < 0 ? p.length() : end + 2);
    return Info.concat(items);
  }
}
