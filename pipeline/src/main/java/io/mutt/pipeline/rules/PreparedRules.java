package io.mutt.pipeline.rules;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The rule cache's compile step: keep active rules, order them by priority then id, compile {@code
 * regex} rules that have a {@code match_string}, and set aside those that fail.
 *
 * @param rules usable rules; {@code rules.get(i).rank() == i}
 * @param rejected rules left out, with the reason
 */
record PreparedRules(List<CompiledRule> rules, List<RuleProblem> rejected) {

  private static final Comparator<Rule> EVALUATION_ORDER =
      Comparator.comparingInt(Rule::priority).thenComparingInt(Rule::id);

  static PreparedRules of(Collection<Rule> rules) {
    List<Rule> ordered = rules.stream().filter(Rule::active).sorted(EVALUATION_ORDER).toList();
    List<CompiledRule> usable = new ArrayList<>(ordered.size());
    List<RuleProblem> rejected = new ArrayList<>();
    for (Rule rule : ordered) {
      try {
        usable.add(new CompiledRule(rule, usable.size(), patternOf(rule)));
      } catch (PatternSyntaxException e) {
        rejected.add(new RuleProblem(rule.id(), e.getMessage()));
      } catch (RuntimeException | StackOverflowError e) {
        rejected.add(new RuleProblem(rule.id(), "pattern could not be compiled: " + e));
      }
    }
    return new PreparedRules(List.copyOf(usable), List.copyOf(rejected));
  }

  private static Pattern patternOf(Rule rule) {
    boolean needsPattern =
        Rule.REGEX.equals(rule.matchType())
            && rule.matchString() != null
            && !rule.matchString().isEmpty();
    return needsPattern ? RegexSupport.compile(rule.matchString()) : null;
  }
}
