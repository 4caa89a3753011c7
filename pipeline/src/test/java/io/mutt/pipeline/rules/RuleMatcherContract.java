package io.mutt.pipeline.rules;

import static io.mutt.pipeline.rules.TestRules.rule;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The matching rules (priority, OID prefix, severity, contains, regex) as examples; every {@link
 * RuleMatcher} implementation must pass them all.
 */
abstract class RuleMatcherContract {

  abstract RuleMatcher matcher(Collection<Rule> rules);

  private Rule match(List<Rule> rules, String message, String oid, Object severity) {
    return matcher(rules).match(message, oid, severity);
  }

  @Nested
  class Ordering {
    @Test
    void the_lowest_priority_number_wins_among_matching_rules() {
      Rule broad = rule(1).contains("error").priority(20).build();
      Rule specific = rule(2).contains("bgp").priority(5).build();

      assertThat(match(List.of(broad, specific), "%BGP-3-NOTIFICATION error", null, null))
          .isEqualTo(specific);
    }

    @Test
    void equal_priorities_are_decided_by_the_lower_id_whatever_the_input_order() {
      Rule later = rule(9).contains("down").priority(10).build();
      Rule earlier = rule(4).regex("d.wn").priority(10).build();

      assertThat(match(List.of(later, earlier), "link down", null, null)).isEqualTo(earlier);
    }

    @Test
    void inactive_rules_are_never_matched() {
      Rule inactive = rule(1).contains("down").priority(1).inactive().build();
      Rule active = rule(2).contains("down").priority(50).build();

      assertThat(match(List.of(inactive, active), "link down", null, null)).isEqualTo(active);
      assertThat(match(List.of(inactive), "link down", null, null)).isNull();
    }

    @Test
    void no_rules_means_no_match() {
      assertThat(match(List.of(), "anything", "1.3.6", 3)).isNull();
    }
  }

  @Nested
  class MessageRules {
    @Test
    void contains_is_a_case_insensitive_substring_test() {
      Rule rule = rule(2).contains("ERROR").build();

      assertThat(match(List.of(rule), "named[4321]: error (network unreachable)", null, null))
          .isEqualTo(rule);
      assertThat(match(List.of(rule), "all good", null, null)).isNull();
    }

    @Test
    void case_folding_is_lower_case_in_the_root_locale_on_both_sides() {
      Rule rule = rule(1).contains("ÉCHEC").build();

      assertThat(match(List.of(rule), "connexion: échec", null, null)).isEqualTo(rule);
    }

    @Test
    void regex_is_a_case_insensitive_search_anywhere_in_the_message() {
      Rule rule = rule(3).regex("updown: interface gi\\d+/\\d+").build();

      assertThat(match(List.of(rule), "%LINK-3-UPDOWN: Interface Gi1/0, changed", null, null))
          .isEqualTo(rule);
      assertThat(match(List.of(rule), "%LINK-3-UPDOWN: Interface Te1/0", null, null)).isNull();
    }

    @Test
    void regex_case_folding_is_re2s_so_a_long_s_matches_s() {
      Rule rule = rule(3).regex("sshd\\[").build();

      assertThat(match(List.of(rule), "ſſhd[42]: Accepted", null, null)).isEqualTo(rule);
    }

    @Test
    void a_repetition_after_a_flag_group_repeats_the_atom_before_it_as_in_re2() {
      Rule rule = rule(3).regex("xi(?i)*z|nomatch").build();

      assertThat(match(List.of(rule), "XZ", null, null)).isEqualTo(rule);
    }

    @Test
    void python_named_groups_are_accepted_in_regex_rules() {
      Rule rule = rule(3).regex("(?P<proc>\\w+)\\[\\d+\\]: error").build();

      assertThat(match(List.of(rule), "named[4321]: error", null, null)).isEqualTo(rule);
    }

    @Test
    void a_rule_severity_must_equal_the_coerced_event_severity() {
      Rule onlyErrors = rule(1).contains("disk").severity(3).build();

      assertThat(match(List.of(onlyErrors), "disk full", null, 3)).isEqualTo(onlyErrors);
      assertThat(match(List.of(onlyErrors), "disk full", null, "Error")).isEqualTo(onlyErrors);
      assertThat(match(List.of(onlyErrors), "disk full", null, "3")).isEqualTo(onlyErrors);
      assertThat(match(List.of(onlyErrors), "disk full", null, "Warning")).isNull();
      assertThat(match(List.of(onlyErrors), "disk full", null, null)).isNull();
      assertThat(match(List.of(onlyErrors), "disk full", null, "bogus")).isNull();
    }

    @Test
    void a_rule_without_severity_accepts_any_event_severity() {
      Rule rule = rule(1).regex("disk").build();

      assertThat(match(List.of(rule), "disk full", null, "bogus")).isEqualTo(rule);
    }

    @Test
    void an_empty_or_absent_message_matches_no_message_rule() {
      Rule rule = rule(1).regex(".*").build();

      assertThat(match(List.of(rule), "", null, null)).isNull();
      assertThat(match(List.of(rule), null, null, null)).isNull();
    }

    @Test
    void a_rule_with_an_empty_match_string_matches_no_message() {
      Rule rule = rule(1).contains("").build();

      assertThat(match(List.of(rule), "anything", null, null)).isNull();
    }

    @Test
    void an_unknown_match_type_never_matches_a_message() {
      Rule exact = rule(1).matchType("exact").matchString("down").build();
      Rule oidTypeWithText = rule(2).matchType(Rule.OID_PREFIX).matchString("down").build();

      assertThat(match(List.of(exact, oidTypeWithText), "down", null, null)).isNull();
    }
  }

  @Nested
  class OidRules {
    private final Rule ciscoSyslog =
        rule(5).oidPrefix(".1.3.6.1.4.1.9.9.41.2").priority(15).build();

    @Test
    void an_oid_prefix_matches_after_stripping_one_leading_dot_from_both_sides() {
      assertThat(match(List.of(ciscoSyslog), "trap", "1.3.6.1.4.1.9.9.41.2.0.1", null))
          .isEqualTo(ciscoSyslog);
      assertThat(match(List.of(ciscoSyslog), "trap", ".1.3.6.1.4.1.9.9.41.2.0.1", null))
          .isEqualTo(ciscoSyslog);
      assertThat(match(List.of(ciscoSyslog), "trap", "1.3.6.1.4.1.9.9.41.3", null)).isNull();
    }

    @Test
    void only_one_leading_dot_is_stripped() {
      Rule doubleDot = rule(6).oidPrefix("..1.3").build();

      assertThat(match(List.of(doubleDot), "", "1.3.6", null)).isNull();
      assertThat(match(List.of(doubleDot), "", ".1.3.6", null)).isNull();
      assertThat(match(List.of(doubleDot), "", "..1.3.6", null)).isEqualTo(doubleDot);
    }

    @Test
    void the_oid_test_is_a_plain_string_prefix_and_ignores_severity() {
      Rule rule = rule(1).oidPrefix("1.3.6.1.4.1.9").severity(0).build();

      assertThat(match(List.of(rule), "", "1.3.6.1.4.1.99.1", "Debug")).isEqualTo(rule);
    }

    @Test
    void a_lone_dot_prefix_matches_every_oid_bearing_event() {
      Rule any = rule(1).oidPrefix(".").build();

      assertThat(match(List.of(any), "", "1.3.6", null)).isEqualTo(any);
      assertThat(match(List.of(any), "text", null, null)).isNull();
    }

    @Test
    void an_event_with_an_oid_is_still_tested_against_message_rules_without_an_oid() {
      Rule error = rule(2).contains("ERROR").priority(20).build();

      assertThat(match(List.of(ciscoSyslog, error), "parity error", "1.3.6.1.6.3.1.1.5.3", null))
          .isEqualTo(error);
    }

    @Test
    void a_rule_with_both_fields_matches_oid_events_only_by_oid() {
      Rule both = rule(7).oidPrefix("1.3.6.1.6.3.1.1.5").matchString("down").build();

      assertThat(match(List.of(both), "link down", "1.3.6.1.4.1.9", null)).isNull();
      assertThat(match(List.of(both), "no such text", "1.3.6.1.6.3.1.1.5.3", null)).isEqualTo(both);
    }

    @Test
    void a_rule_with_both_fields_is_tested_on_its_message_when_the_event_has_no_oid() {
      Rule containsWithOid = rule(8).contains("down").trapOid("1.3.6.1.6.3.1.1.5").build();

      assertThat(match(List.of(containsWithOid), "link down", null, null))
          .isEqualTo(containsWithOid);
      assertThat(match(List.of(containsWithOid), "link down", "", null)).isEqualTo(containsWithOid);
      assertThat(match(List.of(containsWithOid), "link down", "1.3.6.1.6.3.1.1.5.3", null))
          .isNull();
    }
  }

  @Nested
  class BrokenRules {
    @Test
    void a_regex_that_does_not_compile_is_skipped_and_reported() {
      Rule lookahead = rule(3).regex("(?=down)").priority(1).build();
      Rule fallback = rule(4).contains("down").priority(2).build();

      RuleMatcher matcher = matcher(List.of(lookahead, fallback));

      assertThat(matcher.match("link down", null, null)).isEqualTo(fallback);
      assertThat(matcher.size()).isEqualTo(1);
      assertThat(matcher.rejected())
          .singleElement()
          .satisfies(
              problem -> {
                assertThat(problem.ruleId()).isEqualTo(3);
                assertThat(problem.reason()).contains("lookahead (?=…) is not supported");
              });
    }

    @Test
    void inactive_broken_rules_are_ignored_rather_than_reported() {
      RuleMatcher matcher = matcher(List.of(rule(3).regex("(?P=x)").inactive().build()));

      assertThat(matcher.rejected()).isEmpty();
      assertThat(matcher.size()).isZero();
    }
  }
}
