package io.mutt.pipeline.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.mutt.pipeline.testing.Seeded;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Differential test: on random rule sets (mixed types, severities, tied priorities, inactive and
 * broken rules, both-field rules, leading dots) and random events drawn mostly from the same
 * literals, the indexed matcher returns exactly what the naive scan returns.
 */
class IndexedMatchesNaiveTest {

  private static final int EVENTS_PER_RULE_SET = 40;

  @Test
  void indexed_and_naive_pick_the_same_rule_for_every_event() {
    Map<String, Integer> winners = new HashMap<>();
    int[] events = {0};
    Seeded.cases(
        400,
        random -> {
          RandomRuleWorld world = new RandomRuleWorld(random.nextLong());
          List<Rule> rules = world.rules(Seeded.intBetween(random, 0, 40));
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
                .as("message %s, oid %s, severity %s, rules %s", message, oid, severity, rules)
                .isEqualTo(expected);
            winners.merge(expected == null ? "none" : expected.matchType(), 1, Integer::sum);
            events[0]++;
          }
        });

    if (Seeded.replaying()) {
      return;
    }
    assertThat(share(winners, Rule.CONTAINS, events[0])).isGreaterThan(0.05);
    assertThat(share(winners, Rule.REGEX, events[0])).isGreaterThan(0.05);
    assertThat(share(winners, Rule.OID_PREFIX, events[0])).isGreaterThan(0.02);
    assertThat(share(winners, "none", events[0])).isGreaterThan(0.10);
  }

  private static double share(Map<String, Integer> counts, String key, int total) {
    return counts.getOrDefault(key, 0) / (double) total;
  }

  @Test
  void events_built_from_rule_literals_agree_too() {
    Seeded.cases(
        200,
        random -> {
          RandomRuleWorld world = new RandomRuleWorld(random.nextLong());
          List<Rule> rules = world.rules(25);
          RuleMatcher naive = RuleMatcher.naive(rules);
          RuleMatcher indexed = RuleMatcher.indexed(rules);

          for (Rule rule : rules) {
            String message =
                (rule.matchString() == null ? "" : rule.matchString()) + world.message();
            String oid = rule.trapOid() == null ? null : rule.trapOid() + ".7";
            for (Object severity : new Object[] {rule.syslogSeverity(), null, "Error"}) {
              assertThat(indexed.match(message, oid, severity))
                  .as("message %s, oid %s, severity %s", message, oid, severity)
                  .isEqualTo(naive.match(message, oid, severity));
              assertThat(indexed.match(message, null, severity))
                  .isEqualTo(naive.match(message, null, severity));
            }
          }
        });
  }
}
