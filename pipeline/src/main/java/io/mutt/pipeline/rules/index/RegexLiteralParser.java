package io.mutt.pipeline.rules.index;

import io.mutt.pipeline.rules.index.RegexLiterals.Info;
import java.util.ArrayList;
import java.util.List;

/**
 * A recursive-descent reader of RE2 syntax that computes {@link Info} bottom-up. It follows RE2's
 * own parsing decisions where they matter for soundness (a {@code {} that is not a valid repeat is
 * a literal, {@code [:} opens a POSIX class only when {@code :]} follows) and throws
 * {@link Unsupported} for anything else it does not recognise.
 */
final class RegexLiteralParser {

  /** The pattern uses syntax this reader does not model; no literals can be promised. */
  static final class Unsupported extends Exception {
    Unsupported(String what) {
      super(what, null, false, false);
    }
  }

  private static final int UNBOUNDED = -1;

  /** Deeper group nesting is not analysed (and keeps recursion bounded). */
  private static final int MAX_DEPTH = 64;

  private final String p;
  private int pos;
  private int depth;

  RegexLiteralParser(String pattern) {
    this.p = pattern;
  }

  Info parse() throws Unsupported {
    Info info = alternation();
    if (pos != p.length()) {
      throw new Unsupported("unbalanced ')'");
    }
    return info;
  }

  private Info alternation() throws Unsupported {
    List<Info> branches = new ArrayList<>();
    branches.add(concatenation());
    while (peek('|')) {
      pos++;
      branches.add(concatenation());
    }
    return branches.size() == 1 ? branches.get(0) : Info.alternate(branches);
  }

  private Info concatenation() throws Unsupported {
    List<Info> items = new ArrayList<>();
    while (pos < p.length() && !peek('|') && !peek(')')) {
      Info atom = atom();
      if (atom != null) {
        items.add(repeated(atom));
      } else if (pos < p.length() && "*+?{".indexOf(p.charAt(pos)) >= 0) {
        // RE2 applies a repetition after (?flags) to the atom before it; not modelled.
        throw new Unsupported("repetition after a flag group");
      }
    }
    return Info.concat(items);
  }

  private Info repeated(Info atom) {
    Info info = atom;
    for (int[] bounds = repetition(); bounds != null; bounds = repetition()) {
      if (peek('?')) {
        pos++; // non-greedy: same strings
      }
      info = info.repeat(bounds[0], bounds[1]);
    }
    return info;
  }

  /** Consumes a repetition operator and returns {min, max}, or null when none follows. */
  private int[] repetition() {
    if (pos >= p.length()) {
      return null;
    }
    switch (p.charAt(pos)) {
      case '*':
        pos++;
        return new int[] {0, UNBOUNDED};
      case '+':
        pos++;
        return new int[] {1, UNBOUNDED};
      case '?':
        pos++;
        return new int[] {0, 1};
      case '{':
        return repeatBounds();
      default:
        return null;
    }
  }

  /**
   * Parses {@code {n}}, {@code {n,}} or {@code {n,m}} at {@code pos}; null (nothing consumed)
   * otherwise.
   */
  private int[] repeatBounds() {
    int i = pos + 1;
    int start = i;
    while (i < p.length() && Character.isDigit(p.charAt(i))) {
      i++;
    }
    if (i == start || i - start > 4 || i >= p.length()) {
      return null;
    }
    int min = Integer.parseInt(p.substring(start, i));
    int max = min;
    if (p.charAt(i) == ',') {
      int maxStart = ++i;
      while (i < p.length() && Character.isDigit(p.charAt(i))) {
        i++;
      }
      if (i - maxStart > 4) {
        return null;
      }
      max = i == maxStart ? UNBOUNDED : Integer.parseInt(p.substring(maxStart, i));
    }
    if (i >= p.length() || p.charAt(i) != '}') {
      return null;
    }
    pos = i + 1;
    return new int[] {min, max};
  }

  /** The next atom, or null for a bare {@code (?flags)} group, which is not an operand in RE2. */
  private Info atom() throws Unsupported {
    char c = p.charAt(pos++);
    switch (c) {
      case '(':
        return group();
      case '[':
        RegexCharClass.skip(this);
        return Info.UNKNOWN;
      case '.':
        return Info.UNKNOWN;
      case '^', '$':
        return Info.EMPTY;
      case '\\':
        return RegexEscape.read(this);
      case '*', '+', '?':
        throw new Unsupported("repetition without operand");
      default:
        return Info.literal(c);
    }
  }

  private Info group() throws Unsupported {
    if (peek('?')) {
      pos++;
      if (p.startsWith("P<", pos)
          || (peek('<') && !p.startsWith("<=", pos) && !p.startsWith("<!", pos))) {
        int close = p.indexOf('>', pos);
        if (close < 0) {
          throw new Unsupported("unterminated group name");
        }
        pos = close + 1;
      } else if (flags()) {
        return null;
      }
    }
    if (++depth > MAX_DEPTH) {
      throw new Unsupported("nesting deeper than " + MAX_DEPTH);
    }
    Info inner = alternation();
    depth--;
    if (!peek(')')) {
      throw new Unsupported("missing ')'");
    }
    pos++;
    return inner;
  }

  /** Reads {@code imsU-} flags; true for a bare {@code (?flags)}, false for {@code (?flags:}. */
  private boolean flags() throws Unsupported {
    while (pos < p.length() && "imsU-".indexOf(p.charAt(pos)) >= 0) {
      pos++;
    }
    if (peek(')') || peek(':')) {
      return p.charAt(pos++) == ')';
    }
    throw new Unsupported("group syntax");
  }

  /**
   * After {@code \p}, {@code \P} or {@code \x}: a {@code {...}} group or {@code count} characters.
   */
  void skipBracedOr(int count) throws Unsupported {
    if (peek('{')) {
      int close = p.indexOf('}', pos);
      if (close < 0) {
        throw new Unsupported("unterminated {");
      }
      pos = close + 1;
    } else if (pos + count <= p.length()) {
      pos += count;
    } else {
      throw new Unsupported("truncated escape");
    }
  }

  boolean peek(char c) {
    return pos < p.length() && p.charAt(pos) == c;
  }

  String pattern() {
    return p;
  }

  int position() {
    return pos;
  }

  void advanceTo(int position) {
    this.pos = position;
  }
}
