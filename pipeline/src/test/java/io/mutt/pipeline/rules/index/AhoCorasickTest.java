package io.mutt.pipeline.rules.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mutt.pipeline.testing.Seeded;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class AhoCorasickTest {

  @Test
  void every_occurrence_of_every_pattern_is_reported_at_its_end_including_overlaps() {
    AhoCorasickBuilder builder = AhoCorasick.builder();
    int he = builder.add("he");
    int she = builder.add("she");
    int hers = builder.add("hers");
    int his = builder.add("his");
    AhoCorasick automaton = builder.build();

    List<Integer> found = new ArrayList<>();
    automaton.scan("ushers his", found::add);

    assertThat(found).containsExactly(she, he, hers, his);
  }

  @Test
  void the_same_text_added_twice_keeps_one_id() {
    AhoCorasickBuilder builder = AhoCorasick.builder();

    assertThat(builder.add("down")).isEqualTo(builder.add("down"));
    assertThat(builder.build().patternCount()).isEqualTo(1);
  }

  @Test
  void matching_is_exact_so_callers_fold_case_themselves() {
    AhoCorasickBuilder builder = AhoCorasick.builder();
    builder.add("%link-3-updown");
    AhoCorasick automaton = builder.build();

    assertThat(automaton.containsAny("x %link-3-updown: y")).isTrue();
    assertThat(automaton.containsAny("x %LINK-3-UPDOWN: y")).isFalse();
  }

  @Test
  void an_automaton_without_patterns_finds_nothing() {
    assertThat(AhoCorasick.builder().build().containsAny("anything")).isFalse();
  }

  @Test
  void empty_patterns_are_refused() {
    assertThatThrownBy(() -> AhoCorasick.builder().add(""))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void a_small_dense_budget_leaves_deep_states_on_failure_links() {
    AhoCorasickBuilder builder = AhoCorasick.builder().denseBudget(1);
    builder.add("abcabd");
    AhoCorasick automaton = builder.build();

    assertThat(automaton.denseStateCount()).isEqualTo(1);
    assertThat(automaton.stateCount()).isEqualTo(7);
    assertThat(automaton.containsAny("xxabcabcabdxx")).isTrue();
    assertThat(automaton.containsAny("abcabcab")).isFalse();
  }

  @Test
  void latin1_folding_reads_upper_case_latin1_letters_as_lower_case_on_both_sides() {
    AhoCorasickBuilder builder = AhoCorasick.builder().foldLatin1Case();
    builder.add("échec");
    builder.add("LINK");
    AhoCorasick automaton = builder.build();

    assertThat(automaton.containsAny("connexion ÉCHEC")).isTrue();
    assertThat(automaton.containsAny("%link-3")).isTrue();
    assertThat(automaton.containsAny("İ")).isFalse();
  }

  @Test
  void latin1_folded_scan_of_latin1_text_equals_a_plain_scan_of_the_lower_cased_text() {
    Seeded.cases(
        300,
        random -> {
          List<String> patterns =
              Seeded.list(random, 0, 8, r -> Seeded.string(r, "aAbBéÉßÿµ-", 1, 4));
          String text = Seeded.string(random, "aAbBéÉßÿµ-xÀà", 0, 30);
          AhoCorasickBuilder folded = AhoCorasick.builder().foldLatin1Case();
          AhoCorasickBuilder plain = AhoCorasick.builder();
          patterns.forEach(
              p -> {
                folded.add(p.toLowerCase(Locale.ROOT));
                plain.add(p.toLowerCase(Locale.ROOT));
              });
          List<Integer> viaFolding = new ArrayList<>();
          List<Integer> viaLowerCase = new ArrayList<>();

          folded.build().scan(text, viaFolding::add);
          plain.build().scan(text.toLowerCase(Locale.ROOT), viaLowerCase::add);

          assertThat(viaFolding).as("%s in %s", patterns, text).isEqualTo(viaLowerCase);
        });
  }

  @Test
  void reports_exactly_what_a_brute_force_search_finds() {
    Seeded.cases(
        300,
        random -> {
          List<String> patterns =
              Seeded.list(random, 0, 12, r -> Seeded.string(r, "abcs.-ſ", 1, 5));
          String text = Seeded.string(random, "abcdS.-ſ", 0, 40);
          int denseBudget = Seeded.intBetween(random, 1, 64);
          AhoCorasickBuilder builder = AhoCorasick.builder().denseBudget(denseBudget);
          patterns.forEach(builder::add);
          AhoCorasick automaton = builder.build();

          List<Integer> found = new ArrayList<>();
          automaton.scan(text, found::add);

          assertThat(found)
              .as("%s in %s, dense budget %d", patterns, text, denseBudget)
              .containsExactlyInAnyOrderElementsOf(bruteForce(patterns, text));
        });
  }

  private static List<Integer> bruteForce(List<String> patterns, String text) {
    List<String> distinct = patterns.stream().distinct().toList();
    List<Integer> found = new ArrayList<>();
    for (int id = 0; id < distinct.size(); id++) {
      for (int at = text.indexOf(distinct.get(id));
          at >= 0;
          at = text.indexOf(distinct.get(id), at + 1)) {
        found.add(id);
      }
    }
    return found;
  }
}
