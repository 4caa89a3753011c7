package io.mutt.pipeline.backtest;

import io.mutt.pipeline.rules.Rule;
import io.mutt.pipeline.rules.RuleMatcher;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Matches an event against the current rules and the draft's in one pass over the rules both share.
 * A draft changes a few rules of many: the rules equal in both lists form one indexed matcher, the
 * current-only (removed, or before a change) and the draft-only (added, or after a change) rules
 * two small ones. Rules match independently of each other and the winner is the first matching rule
 * in evaluation order (priority, then id), so each configuration's winner is the better of the
 * shared winner and its own small matcher's — the same answer as {@link RuleMatcher#indexed} over
 * each full list, at the cost of about one full match instead of two.
 */
public final class DraftMatcher {

  /** The order {@link RuleMatcher} evaluates rules in. */
  private static final Comparator<Rule> EVALUATION_ORDER =
      Comparator.comparingInt(Rule::priority).thenComparingInt(Rule::id);

  /** The winning rule of each configuration for one event; null when none matches. */
  public record Winners(Rule current, Rule draft) {}

  private final RuleMatcher shared;
  private final RuleMatcher currentOnly;
  private final RuleMatcher draftOnly;
  private final int sharedCount;

  private DraftMatcher(
      RuleMatcher shared, RuleMatcher currentOnly, RuleMatcher draftOnly, int sharedCount) {
    this.shared = shared;
    this.currentOnly = currentOnly;
    this.draftOnly = draftOnly;
    this.sharedCount = sharedCount;
  }

  /**
   * @param current today's rules (inactive ones are ignored)
   * @param draft the rules with the draft applied; a rule is shared when a current rule with its id
   *     is equal to it
   */
  public static DraftMatcher of(Collection<Rule> current, Collection<Rule> draft) {
    Map<Integer, Rule> draftById = new HashMap<>();
    draft.stream().filter(Rule::active).forEach(r -> draftById.put(r.id(), r));
    List<Rule> shared = new ArrayList<>();
    List<Rule> currentOnly = new ArrayList<>();
    for (Rule rule : current) {
      if (!rule.active()) {
        continue;
      }
      if (rule.equals(draftById.get(rule.id()))) {
        shared.add(rule);
        draftById.remove(rule.id());
      } else {
        currentOnly.add(rule);
      }
    }
    return new DraftMatcher(
        RuleMatcher.indexed(shared),
        RuleMatcher.indexed(currentOnly),
        RuleMatcher.indexed(draftById.values()),
        shared.size());
  }

  /** The current and the draft winner for an event (arguments as {@link RuleMatcher#match}). */
  public Winners match(String message, String trapOid, Object syslogSeverity) {
    Rule common = shared.match(message, trapOid, syslogSeverity);
    Rule current =
        currentOnly.size() == 0
            ? common
            : first(common, currentOnly, message, trapOid, syslogSeverity);
    Rule draft =
        draftOnly.size() == 0 ? common : first(common, draftOnly, message, trapOid, syslogSeverity);
    return new Winners(current, draft);
  }

  private static Rule first(
      Rule common, RuleMatcher own, String message, String trapOid, Object syslogSeverity) {
    Rule mine = own.match(message, trapOid, syslogSeverity);
    if (mine == null) {
      return common;
    }
    return common == null || EVALUATION_ORDER.compare(mine, common) < 0 ? mine : common;
  }

  /** Rules equal in both configurations. */
  public int sharedCount() {
    return sharedCount;
  }

  /** Current rules the draft removes or changes. */
  public int currentOnlyCount() {
    return currentOnly.size();
  }

  /** Draft rules that are new or changed. */
  public int draftOnlyCount() {
    return draftOnly.size();
  }
}
