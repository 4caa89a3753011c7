package io.mutt.pipeline.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * Differential test: on random rule sets (mixed types, severities, tied priorities, inactive and
 * broken rules, both-field rules, leading dots) and random events drawn mostly from the same
 * literals, the indexed matcher returns exactly what the naive scan returns.
 */
class IndexedMatchesNaiveTest {

  private static final int EVENTS_PER_RULE_SET = 40;

  @Property(tries = 400)
  void indexed_and_naive_pick_the_same_rule_for_every_event(
      @ForAll long seed, @ForAll @IntRange(min = 0, max = 40) int ruleCount) {
    RandomRuleWorld world = new RandomRuleWorld(seed);
    List<Rule> rules = world.rules(ruleCount);
    RuleMatcher naive = RuleMatcher.naive(rules);
    RuleMatcher indexed = RuleMatcher.indexed(rules);

    assertThat(indexed.size()).isEqualTo(naive.size());
    assertThat(indexed.rejected()).isEqualTo(naive.rejected());
    for (int i = 0; i < EVENTS_PER_RULE_SET; i++) {
      String message = world.message();
      String oid = world.eventOid();
      Object severity = world.severity();
      Rule expected = naive.match(message, oid, severity);
      assertThat(indexed.match(message, oid, severity))
          .as(
              "seed %d, message %s, oid %s, severity %s, rules %s",
              seed, message, oid, severity, rules)
          .isEqualTo(expected);
      Statistics.label("winner").collect(expected == null ? "none" : expected.matchType());
    }
    Statistics.label("winner")
        .coverage(
            coverage -> {
              coverage.check(Rule.CONTAINS).percentage(p -> p > 5);
              coverage.check(Rule.REGEX).percentage(p -> p > 5);
              coverage.check(Rule.OID_PREFIX).percentage(p -> p > 2);
              coverage.check("none").percentage(p -> p > 10);
            });
  }

  @Property(tries = 200)
  void events_built_from_rule_literals_agree_too(@ForAll long seed) {
    RandomRuleWorld world = new RandomRuleWorld(seed);
    List<Rule> rules = world.rules(25);
    RuleMatcher naive = RuleMatcher.naive(rules);
    RuleMatcher indexed = RuleMatcher.indexed(rules);

    for (Rule rule : rules) {
      String message = (rule.matchString() == null ? "" : rule.matchString()) + world.message();
      String oid = rule.trapOid() == null ? null : rule.trapOid() + ".7";
      for (Object severity : new Object[] {rule.syslogSeverity(), null, "Error"}) {
        assertThat(indexed.match(message, oid, severity))
            .as("seed %d, message %s, oid %s, severity %s", seed, message, oid, severity)
            .isEqualTo(naive.match(message, oid, severity));
        assertThat(indexed.match(message, null, severity))
            .isEqualTo(naive.match(message, null, severity));
      }
    }
  }
}
