package io.mutt.pipeline.rules;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.Optional;

/**
 * Compiles operator-written {@code regex} rules with RE2/J, a linear-time engine, so that no
 * pattern can stall a worker with catastrophic backtracking (STYLE.md anti-patterns).
 *
 * <p>Rules are written in Python {@code re} syntax. RE2/J reads {@code (?P<name>...)} natively;
 * {@link #translatePython} also rewrites it to {@code (?<name>...)}, turns Python's {@code \Z} into
 * {@code \z} and {@code x{,n}} into {@code x{0,n}}. Backreferences ({@code (?P=name)}, {@code \1})
 * cannot be expressed in RE2 at all: such patterns are rejected with a reason that says so.
 */
public final class RegexSupport {

  private RegexSupport() {}

  /**
   * Rewrites Python-only syntax: {@code (?P<n>} → {@code (?<n>}, {@code (?P=n)} → {@code \k<n>}
   * (which RE2 refuses; see {@link #compileError}), {@code \Z} → {@code \z}, {@code {,n}} → {@code
   * {0,n}}. Escapes and character classes are left as written.
   */
  public static String translatePython(String pattern) {
    return PythonRegex.translate(pattern).re2();
  }

  /**
   * Why {@code pattern} cannot be used as a rule, or empty when it compiles.
   *
   * @return RE2/J's parse error, or the explanation of a backreference, lookahead or lookbehind
   *     (all refused in the same words: not supported, RE2 has none)
   */
  public static Optional<String> compileError(String pattern) {
    try {
      compile(pattern);
      return Optional.empty();
    } catch (PatternSyntaxException e) {
      return Optional.of(e.getMessage());
    }
  }

  /**
   * Translates and compiles {@code pattern} case-insensitively.
   *
   * @throws PatternSyntaxException when RE2/J rejects it or it uses backreferences or lookaround
   */
  public static Pattern compile(String pattern) {
    PythonRegex.Translation translation = PythonRegex.translate(pattern);
    if (!translation.backreferences().isEmpty()) {
      throw new PatternSyntaxException(
          "backreference "
              + translation.backreferences().get(0)
              + " is not supported: RE2 matches in linear time and has no backreferences",
          pattern);
    }
    if (!translation.lookarounds().isEmpty()) {
      String opening = translation.lookarounds().get(0);
      throw new PatternSyntaxException(
          (opening.startsWith("(?<") ? "lookbehind " : "lookahead ")
              + opening
              + "…) is not supported: RE2 matches in linear time and has no lookaround",
          pattern);
    }
    return Pattern.compile(translation.re2(), Pattern.CASE_INSENSITIVE);
  }
}
