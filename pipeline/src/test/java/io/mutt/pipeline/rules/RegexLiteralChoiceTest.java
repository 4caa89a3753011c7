package io.mutt.pipeline.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.mutt.pipeline.rules.index.RegexLiterals;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RegexLiteralChoiceTest {

  @Test
  void a_literal_every_rule_shares_loses_to_one_only_this_rule_has() {
    List<Set<String>> first = RegexLiterals.alternatives("GigabitEthernet\\d+/17 went (down|up)");
    List<Set<String>> second = RegexLiterals.alternatives("GigabitEthernet\\d+/18 went (down|up)");
    RegexLiteralChoice choice = new RegexLiteralChoice(List.of(first, second));

    assertThat(first).contains(Set.of("gigabitethernet"));
    assertThat(choice.choose(first)).hasValue(Set.of("/17 went down", "/17 went up"));
  }

  @Test
  void short_literals_are_taken_only_when_nothing_longer_exists() {
    RegexLiteralChoice choice =
        new RegexLiteralChoice(
            List.of(List.of(Set.of("link-down"), Set.of("/")), List.of(Set.of("link-down"))));

    assertThat(choice.choose(List.of(Set.of("link-down"), Set.of("/"))))
        .hasValue(Set.of("link-down"));
    assertThat(choice.choose(List.of(Set.of("/"), Set.of("ab")))).hasValue(Set.of("ab"));
    assertThat(choice.choose(List.of(Set.of("/")))).hasValue(Set.of("/"));
  }

  @Test
  void a_rule_without_literals_gets_none() {
    assertThat(new RegexLiteralChoice(List.of()).choose(List.of())).isEmpty();
  }
}
