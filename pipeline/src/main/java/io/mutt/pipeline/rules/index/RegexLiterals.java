package io.mutt.pipeline.rules.index;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Required-literal extraction for {@code regex} rules: a set of lower-case strings such that every
 * case-insensitive match of the pattern, in any message, leaves at least one of them as a substring
 * of {@code message.toLowerCase(Locale.ROOT)}. The indexed matcher feeds these to its Aho–Corasick
 * scan and runs RE2 only when one is present (docs/PERFORMANCE-matching.md).
 *
 * <p>Soundness over precision: only ASCII characters other than {@code s}/{@code S} become literal
 * text, because RE2's case folding relates {@code s} to U+017F ({@code ſ}), which lower-casing does
 * not map to {@code s}; every other ASCII character folds only to characters that lower-case to it
 * ({@code k} and the Kelvin sign included). Anything the parser does not fully understand yields no
 * literals, and the rule is then checked for every event.
 */
public final class RegexLiterals {

  /** Cap on the strings an exactly-known sub-pattern may stand for, e.g. {@code (a|b)(c|d)}. */
  static final int MAX_EXACT = 16;

  /** Cap on alternatives in the result. */
  static final int MAX_ANY_OF = 32;

  private RegexLiterals() {}

  /**
   * The single most promising literal set, judged by the pattern alone (longest shortest string).
   *
   * @param re2Pattern a pattern RE2/J compiles (already translated from Python syntax)
   * @return non-empty lower-case strings, at least one of which any match contains; empty when no
   *     such set was found (the rule must then always be checked)
   */
  public static Optional<Set<String>> requiredAnyOf(String re2Pattern) {
    return alternatives(re2Pattern).stream().reduce(Info::better);
  }

  /**
   * Every literal set found, each one sufficient on its own: e.g. {@code GigabitEthernet\d+/17
   * changed} yields {@code [gigabitethernet]}, {@code [/17 changed]}. The caller may pick the one
   * that is rarest across its rule set.
   */
  public static List<Set<String>> alternatives(String re2Pattern) {
    try {
      return new RegexLiteralParser(re2Pattern).parse().required();
    } catch (RegexLiteralParser.Unsupported e) {
      return List.of();
    }
  }

  /** Whether {@code c} may appear in a required literal (see the class comment). */
  public static boolean isSafe(char c) {
    return c < 128 && c != 's' && c != 'S';
  }

  /**
   * What is known about the strings a sub-pattern matches.
   *
   * @param exact the finite set of strings it matches, or null when unknown or too many
   * @param required alternative sets of non-empty strings; for each set, every match contains one
   *     of its strings. Empty when nothing is known.
   */
  record Info(Set<String> exact, List<Set<String>> required) {

    static final Info UNKNOWN = new Info(null, List.of());
    static final Info EMPTY = exact(Set.of(""));

    static Info exact(Set<String> strings) {
      return new Info(strings, listOf(nonEmpty(strings)));
    }

    static Info literal(char c) {
      return isSafe(c) ? exact(Set.of(String.valueOf(Character.toLowerCase(c)))) : UNKNOWN;
    }

    static Info concat(List<Info> items) {
      Set<String> run = Set.of("");
      List<Set<String>> found = new ArrayList<>();
      boolean allExact = true;
      for (Info item : items) {
        Set<String> product = item.exact == null ? null : cross(run, item.exact);
        if (product != null) {
          run = product;
          continue;
        }
        allExact = false;
        found.addAll(listOf(nonEmpty(run)));
        found.addAll(item.required);
        run = item.exact == null ? Set.of("") : item.exact;
      }
      if (allExact) {
        return exact(run);
      }
      found.addAll(listOf(nonEmpty(run)));
      return new Info(null, List.copyOf(new LinkedHashSet<>(found)));
    }

    static Info alternate(List<Info> branches) {
      Set<String> exactUnion = new LinkedHashSet<>();
      Set<String> requiredUnion = new LinkedHashSet<>();
      for (Info branch : branches) {
        if (exactUnion != null && branch.exact != null) {
          exactUnion.addAll(branch.exact);
        } else {
          exactUnion = null;
        }
        Optional<Set<String>> best = branch.required.stream().reduce(Info::better);
        if (requiredUnion != null && best.isPresent()) {
          requiredUnion.addAll(best.get());
        } else {
          requiredUnion = null;
        }
      }
      if (exactUnion != null && exactUnion.size() <= MAX_EXACT) {
        return exact(exactUnion);
      }
      return requiredUnion != null && requiredUnion.size() <= MAX_ANY_OF
          ? new Info(null, List.of(requiredUnion))
          : UNKNOWN;
    }

    Info repeat(int min, int max) {
      if (min == 1 && max == 1) {
        return this;
      }
      if (min == 0 && max == 1 && exact != null && exact.size() < MAX_EXACT) {
        Set<String> optional = new LinkedHashSet<>(exact);
        optional.add("");
        return exact(optional);
      }
      return min >= 1 ? new Info(null, required) : UNKNOWN;
    }

    private static Set<String> cross(Set<String> left, Set<String> right) {
      if ((long) left.size() * right.size() > MAX_EXACT) {
        return null;
      }
      Set<String> product = new LinkedHashSet<>();
      for (String l : left) {
        for (String r : right) {
          product.add(l + r);
        }
      }
      return product;
    }

    private static Set<String> nonEmpty(Set<String> strings) {
      return strings.isEmpty() || strings.contains("") ? null : strings;
    }

    private static List<Set<String>> listOf(Set<String> strings) {
      return strings == null ? List.of() : List.of(strings);
    }

    /** Prefers the set whose shortest string is longest (more selective), then the smaller set. */
    static Set<String> better(Set<String> a, Set<String> b) {
      int byLength = Integer.compare(shortest(a), shortest(b));
      if (byLength != 0) {
        return byLength > 0 ? a : b;
      }
      return b.size() < a.size() ? b : a;
    }

    static int shortest(Set<String> strings) {
      return strings.stream().mapToInt(String::length).min().orElse(0);
    }
  }
}
