package io.mutt.pipeline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.mutt.pipeline.rules.Rule;
import io.mutt.pipeline.rules.RuleMatcher;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The benchmark measures something real: its mix is as described and both matchers agree on it. */
class BenchmarkDataTest {

  private final List<Rule> rules = BenchmarkData.rules(1000, 42);
  private final BenchmarkData.Event[] events = BenchmarkData.events(1000, rules, 10, 7);

  @Test
  void the_rule_mix_is_about_60_25_15() {
    Map<String, Long> byType =
        rules.stream().collect(Collectors.groupingBy(Rule::matchType, Collectors.counting()));

    assertThat(byType.get(Rule.CONTAINS)).isBetween(550L, 650L);
    assertThat(byType.get(Rule.REGEX)).isBetween(200L, 300L);
    assertThat(byType.get(Rule.OID_PREFIX)).isBetween(110L, 190L);
    assertThat(RuleMatcher.indexed(rules).rejected()).isEmpty();
  }

  @Test
  void about_one_event_in_ten_matches_and_naive_and_indexed_agree_on_every_event() {
    RuleMatcher naive = RuleMatcher.naive(rules);
    RuleMatcher indexed = RuleMatcher.indexed(rules);

    List<Rule> expected = Arrays.stream(events).map(match(naive)).toList();

    assertThat(Arrays.stream(events).map(match(indexed)).toList()).isEqualTo(expected);
    assertThat(expected.stream().filter(r -> r != null).count()).isBetween(90L, 110L);
    assertThat(expected.stream().filter(r -> r != null).map(Rule::matchType).distinct())
        .containsExactlyInAnyOrder(Rule.CONTAINS, Rule.REGEX, Rule.OID_PREFIX);
  }

  private static Function<BenchmarkData.Event, Rule> match(RuleMatcher matcher) {
    return e -> matcher.match(e.message(), e.trapOid(), e.severity());
  }
}
