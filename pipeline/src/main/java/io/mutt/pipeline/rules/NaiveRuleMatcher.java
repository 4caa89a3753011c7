package io.mutt.pipeline.rules;

import java.util.List;

/** {@link RuleMatcher#naive}: every rule, in order, until one matches. O(rules) per event. */
final class NaiveRuleMatcher implements RuleMatcher {

  private final PreparedRules prepared;

  NaiveRuleMatcher(PreparedRules prepared) {
    this.prepared = prepared;
  }

  @Override
  public Rule match(String message, String trapOid, Object syslogSeverity) {
    MatchEvent event = MatchEvent.of(message, trapOid, syslogSeverity);
    for (CompiledRule rule : prepared.rules()) {
      if (rule.matches(event)) {
        return rule.rule();
      }
    }
    return null;
  }

  @Override
  public int size() {
    return prepared.rules().size();
  }

  @Override
  public List<RuleProblem> rejected() {
    return prepared.rejected();
  }
}
