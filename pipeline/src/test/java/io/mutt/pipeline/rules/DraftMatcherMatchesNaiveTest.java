package io.mutt.pipeline.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.mutt.pipeline.backtest.DraftMatcher;
import io.mutt.pipeline.testing.Seeded;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Differential test of the backtest's paired matcher: on random rule sets and random drafts (rules
 * kept, changed under the same id, removed, added with negative ids, including inactive and broken
 * ones), each configuration's winner is exactly what the naive scan of that configuration returns.
 */
class DraftMatcherMatchesNaiveTest {

  @Test
  void both_winners_equal_the_naive_scan_of_each_configuration() {
    int[] differing = {0};
    int[] events = {0};
    Seeded.cases(
        300,
        random -> {
          RandomRuleWorld world = new RandomRuleWorld(random.nextLong());
          int n = Seeded.intBetween(random, 0, 40);
          List<Rule> current = world.rules(n);
          List<Rule> other = world.rules(n + 10);
          List<Rule> draft = new ArrayList<>();
          for (int i = 0; i < current.size(); i++) {
            int pick = random.nextInt(10);
            if (pick < 6) {
              draft.add(current.get(i));
            } else if (pick < 8) {
              Rule o = other.get(i);
              draft.add(
                  new Rule(
                      current.get(i).id(),
                      o.matchString(),
                      o.trapOid(),
                      o.syslogSeverity(),
                      o.matchType(),
                      o.priority(),
                      o.prodHandling(),
                      o.devHandling(),
                      o.teamAssignment(),
                      o.active()));
            }
          }
          int added = Seeded.intBetween(random, 0, 8);
          for (int k = 0; k < added; k++) {
            Rule o = other.get(n + k);
            draft.add(
                new Rule(
                    -(k + 1),
                    o.matchString(),
                    o.trapOid(),
                    o.syslogSeverity(),
                    o.matchType(),
                    o.priority(),
                    o.prodHandling(),
                    o.devHandling(),
                    o.teamAssignment(),
                    o.active()));
          }
          RuleMatcher naiveCurrent = RuleMatcher.naive(current);
          RuleMatcher naiveDraft = RuleMatcher.naive(draft);
          DraftMatcher paired = DraftMatcher.of(current, draft);
          for (int i = 0; i < 40; i++) {
            String message = world.message();
            String oid = world.eventOid();
            Object severity = world.severity();
            DraftMatcher.Winners w = paired.match(message, oid, severity);
            Rule expectedCurrent = naiveCurrent.match(message, oid, severity);
            Rule expectedDraft = naiveDraft.match(message, oid, severity);
            assertThat(w.current())
                .as("current: message %s, oid %s, severity %s", message, oid, severity)
                .isEqualTo(expectedCurrent);
            assertThat(w.draft())
                .as("draft: message %s, oid %s, severity %s", message, oid, severity)
                .isEqualTo(expectedDraft);
            if (expectedCurrent != expectedDraft) {
              differing[0]++;
            }
            events[0]++;
          }
        });
    if (!Seeded.replaying()) {
      // the drafts must change the winner often enough for the comparison to mean something
      assertThat(differing[0]).isGreaterThan(events[0] / 20);
    }
  }

  @Test
  void the_rules_are_split_into_shared_current_only_and_draft_only() {
    Rule a = TestRules.rule(1).contains("alpha").priority(10).build();
    Rule b = TestRules.rule(2).contains("beta").priority(20).build();
    Rule bChanged = TestRules.rule(2).contains("beta").priority(5).build();
    Rule c = TestRules.rule(3).contains("gamma").priority(30).build();
    Rule added = TestRules.rule(-1).contains("alpha").priority(1).build();
    DraftMatcher m = DraftMatcher.of(List.of(a, b, c), List.of(a, bChanged, added));

    assertThat(m.sharedCount()).isEqualTo(1);
    assertThat(m.currentOnlyCount()).isEqualTo(2);
    assertThat(m.draftOnlyCount()).isEqualTo(2);
    assertThat(m.match("alpha beta", null, null)).isEqualTo(new DraftMatcher.Winners(a, added));
    assertThat(m.match("beta gamma", null, null)).isEqualTo(new DraftMatcher.Winners(b, bChanged));
    assertThat(m.match("gamma", null, null)).isEqualTo(new DraftMatcher.Winners(c, null));
  }
}
