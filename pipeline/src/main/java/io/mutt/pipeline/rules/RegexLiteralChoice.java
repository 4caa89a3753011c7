package io.mutt.pipeline.rules;

import io.mutt.pipeline.rules.index.RegexLiterals;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Picks, for each regex rule, which of its {@linkplain RegexLiterals#alternatives literal sets}
 * feeds the automaton. A set shared by many rules (say {@code gigabitethernet}) would nominate all
 * of them whenever it occurs, so the set whose most widely shared literal is used by the fewest
 * rules wins (ties: longer literals, then fewer of them). Sets with a literal shorter than 3
 * characters are only taken when nothing longer exists, since short strings occur in most messages.
 */
final class RegexLiteralChoice {

  private static final int SHORT = 3;

  private final Map<String, Integer> rulesUsing = new HashMap<>();

  /**
   * @param alternatives every regex rule's literal sets
   */
  RegexLiteralChoice(Iterable<List<Set<String>>> alternatives) {
    for (List<Set<String>> sets : alternatives) {
      Set<String> literals = new HashSet<>();
      sets.forEach(literals::addAll);
      literals.forEach(literal -> rulesUsing.merge(literal, 1, Integer::sum));
    }
  }

  /** The chosen set, or empty when the rule has none (it must then always be checked). */
  Optional<Set<String>> choose(List<Set<String>> sets) {
    int longestShortest = sets.stream().mapToInt(RegexLiteralChoice::shortest).max().orElse(0);
    int floor = Math.min(SHORT, longestShortest);
    return sets.stream()
        .filter(set -> shortest(set) >= floor)
        .min(
            Comparator.comparingInt(this::usage)
                .thenComparing(RegexLiteralChoice::shortest, Comparator.reverseOrder())
                .thenComparingInt(Set::size));
  }

  private int usage(Set<String> set) {
    return set.stream().mapToInt(literal -> rulesUsing.getOrDefault(literal, 0)).max().orElse(0);
  }

  private static int shortest(Set<String> set) {
    return set.stream().mapToInt(String::length).min().orElse(0);
  }
}
