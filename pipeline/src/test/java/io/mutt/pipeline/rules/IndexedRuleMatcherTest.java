package io.mutt.pipeline.rules;

import java.util.Collection;

class IndexedRuleMatcherTest extends RuleMatcherContract {
  @Override
  RuleMatcher matcher(Collection<Rule> rules) {
    return RuleMatcher.indexed(rules);
  }
}
