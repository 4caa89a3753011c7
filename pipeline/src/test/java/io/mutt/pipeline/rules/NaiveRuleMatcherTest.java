package io.mutt.pipeline.rules;

import java.util.Collection;

class NaiveRuleMatcherTest extends RuleMatcherContract {
  @Override
  RuleMatcher matcher(Collection<Rule> rules) {
    return RuleMatcher.naive(rules);
  }
}
