package io.mutt.pipeline.backtest;

import io.mutt.pipeline.rules.PairedRuleMatcher;
import io.mutt.pipeline.rules.Rule;
import io.mutt.pipeline.rules.RuleMatcher;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Matches an event against the current rules and the draft's in one pass ({@link
 * PairedRuleMatcher}): a draft changes a few rules of many, and the union of both lists is indexed
 * once, each rule tagged with the configurations it belongs to, so one automaton scan and at most
 * one RE2 run per candidate serve both. Each winner is what {@link RuleMatcher#indexed} of that
 * configuration gives.
 */
public final class DraftMatcher {

  /** The winning rule of each configuration for one event; null when none matches. */
  public record Winners(Rule current, Rule draft) {}

  private final PairedRuleMatcher paired;
  private final int sharedCount;
  private final int currentOnlyCount;
  private final int draftOnlyCount;

  private DraftMatcher(PairedRuleMatcher paired, int shared, int currentOnly, int draftOnly) {
    this.paired = paired;
    this.sharedCount = shared;
    this.currentOnlyCount = currentOnly;
    this.draftOnlyCount = draftOnly;
  }

  /**
   * @param current today's rules (inactive ones are ignored)
   * @param draft the rules with the draft applied; a rule is shared when a current rule with its id
   *     is equal to it
   */
  public static DraftMatcher of(Collection<Rule> current, Collection<Rule> draft) {
    Map<Integer, Rule> draftById = new HashMap<>();
    draft.stream().filter(Rule::active).forEach(r -> draftById.put(r.id(), r));
    int shared = 0;
    int currentOnly = 0;
    for (Rule rule : current) {
      if (!rule.active()) {
        continue;
      }
      if (rule.equals(draftById.get(rule.id()))) {
        shared++;
      } else {
        currentOnly++;
      }
    }
    return new DraftMatcher(
        PairedRuleMatcher.of(current, draft), shared, currentOnly, draftById.size() - shared);
  }

  /** The current and the draft winner for an event (arguments as {@link RuleMatcher#match}). */
  public Winners match(String message, String trapOid, Object syslogSeverity) {
    Rule[] w = paired.match(message, trapOid, syslogSeverity);
    return new Winners(w[0], w[1]);
  }

  /** Active rules equal in both configurations. */
  public int sharedCount() {
    return sharedCount;
  }

  /** Active current rules the draft removes or changes. */
  public int currentOnlyCount() {
    return currentOnlyCount;
  }

  /** Active draft rules that are new or changed. */
  public int draftOnlyCount() {
    return draftOnlyCount;
  }
}
