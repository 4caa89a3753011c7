package io.mutt.pipeline.rules.index;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RegexLiteralsTest {

  @ParameterizedTest(name = "{0} requires one of {1}")
  @CsvSource(
      delimiterString = "=>",
      value = {
        "%LINK-3-UPDOWN                 => %link-3-updown",
        "interface gi\\d+/\\d+ down     => interface gi",
        "sshd\\[\\d+\\]                 => hd[",
        "(err|error): disk              => err: di | error: di",
        "colou?r                        => color | colour",
        "(?i)Foo(?-i:BAR)               => foobar",
        "^%BGP-\\d-ADJCHANGE$           => -adjchange",
        "[]a]bc                         => bc",
        "[[:alpha:]]xyz[^]]             => xyz",
        "\\Qa.b(\\E+                    => a.b(",
        "a{,3}                          => a{,3}",
        "x{2}yz                         => yz",
        "(?P<proc>named)\\[             => named[",
        "(?:link|port) down             => link down | port down",
        "abc|de\\d                      => abc | de",
        "\\x41bc\\101                   => bc",
        "err(or)?\\b                    => err | error",
        "ÉCHEC                          => chec"
      })
  void the_most_selective_required_literals_are_found(String pattern, String expected) {
    assertThat(RegexLiterals.requiredAnyOf(pattern)).hasValue(Set.of(expected.split(" \\| ")));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        ".*",
        "\\d+",
        "a|",
        "x*",
        "(?:abc)?",
        "[a-z]+",
        "ſ",
        "SSS",
        "É",
        "(a|\\d)",
        "\\pL{3}",
        "a{0}",
        "(?s).",
        "^$",
        "(?:i(?i)*)|DOWNz"
      })
  void patterns_without_a_required_safe_literal_give_none(String pattern) {
    assertThat(RegexLiterals.requiredAnyOf(pattern)).isEmpty();
  }

  @Test
  void very_deep_nesting_is_not_analysed() {
    String deep = "(".repeat(100) + "abc" + ")".repeat(100);

    assertThat(RegexLiterals.requiredAnyOf(deep)).isEmpty();
    assertThat(RegexLiterals.requiredAnyOf("(".repeat(10) + "abc" + ")".repeat(10)))
        .hasValue(Set.of("abc"));
  }

  @Test
  void s_is_never_part_of_a_literal_because_re2_folds_it_with_the_long_s() {
    assertThat(Pattern.compile("s", Pattern.CASE_INSENSITIVE).matcher("ſ").find()).isTrue();
    assertThat("ſ".toLowerCase(Locale.ROOT)).isNotEqualTo("s");
    assertThat(RegexLiterals.isSafe('s')).isFalse();
    assertThat(RegexLiterals.isSafe('S')).isFalse();
  }

  @Test
  void every_character_re2_folds_onto_a_safe_character_lower_cases_to_it() {
    String allBmp = allBmpCharacters();
    for (char c = 0; c < 128; c++) {
      if (!RegexLiterals.isSafe(c)) {
        continue;
      }
      String expected = String.valueOf(c).toLowerCase(Locale.ROOT);
      Matcher m =
          Pattern.compile(Pattern.quote(String.valueOf(c)), Pattern.CASE_INSENSITIVE)
              .matcher(allBmp);
      while (m.find()) {
        assertThat(m.group().toLowerCase(Locale.ROOT))
            .as("RE2 folds U+%04X onto '%s'", (int) m.group().charAt(0), c)
            .isEqualTo(expected);
      }
    }
  }

  @Property(tries = 1500)
  void whenever_re2_finds_a_match_one_required_literal_is_in_the_lower_cased_text(
      @ForAll("regexAndText") Tuple2<String, String> sample) {
    String regex = sample.get1();
    String text = sample.get2();
    Optional<Set<String>> literals = RegexLiterals.requiredAnyOf(regex);

    boolean matches = Pattern.compile(regex, Pattern.CASE_INSENSITIVE).matcher(text).find();
    if (literals.isPresent() && matches) {
      String lower = text.toLowerCase(Locale.ROOT);
      assertThat(literals.get())
          .as("%s on %s", regex, text)
          .anySatisfy(l -> assertThat(lower).contains(l));
    }
    Statistics.label("case").collect(literals.isPresent() ? "literals" : "none", matches);
    Statistics.label("case")
        .coverage(coverage -> coverage.check("literals", true).percentage(p -> p >= 10));
  }

  private static final List<String> TOKENS =
      List.of(
          "link", "DOWN", "err", "Error", "sshd", "ſſhd", "K", "kelvin", "İ", "i", "ß", "SS", "a.b",
          "{,3}", "[", "]", "%", "-", "3", " ", "Σ", "σ", "ς", "é", "\n", "x", "z");
  private static final List<String> SYNTAX =
      List.of(
          "\\d+",
          "\\w*",
          ".",
          "[a-z]+",
          "[^x]",
          "[]a]",
          "[[:alpha:]]",
          "\\b",
          "^",
          "$",
          "(?i)",
          "(?-i:K)",
          "\\Qa.b\\E",
          "\\x41",
          "\\.",
          "{,3}",
          "\\pL",
          "(?:link|down)",
          "(err|error)",
          "(?P<n>ss)",
          "colou?r",
          "s+",
          "k*",
          "\\101",
          "|",
          "(?s:.)",
          "[\\]s]",
          "(?:)",
          "z{1,3}",
          "?",
          "*",
          "{2}",
          "+?");

  /**
   * A regex built from tokens and syntax, and a text made of its tokens (case shuffled) plus
   * filler.
   */
  @Provide
  Arbitrary<Tuple2<String, String>> regexAndText() {
    Arbitrary<String> literal = Arbitraries.of(TOKENS).map(t -> "L" + t);
    Arbitrary<String> syntax = Arbitraries.of(SYNTAX).map(t -> "S" + t);
    Arbitrary<List<String>> parts =
        Arbitraries.frequencyOf(Tuple.of(3, literal), Tuple.of(2, syntax))
            .list()
            .ofMinSize(1)
            .ofMaxSize(5);
    Arbitrary<List<String>> filler = Arbitraries.of(TOKENS).list().ofMaxSize(3);
    return net.jqwik.api.Combinators.combine(parts, filler, Arbitraries.integers().between(0, 2))
        .as(RegexLiteralsTest::sample)
        .filter(t -> compiles(t.get1()));
  }

  private static Tuple2<String, String> sample(
      List<String> parts, List<String> filler, int caseMode) {
    StringBuilder regex = new StringBuilder();
    StringBuilder text = new StringBuilder(String.join("", filler));
    for (String part : parts) {
      String body = part.substring(1);
      if (part.charAt(0) == 'L') {
        regex.append(Pattern.quote(body));
        text.append(
            caseMode == 0
                ? body.toUpperCase(Locale.ROOT)
                : caseMode == 1 ? body.toLowerCase(Locale.ROOT) : body);
      } else {
        regex.append(body);
        text.append(body.replaceAll("[^A-Za-z0-9 ]", ""));
      }
    }
    return Tuple.of(regex.toString(), text.toString());
  }

  private static boolean compiles(String regex) {
    try {
      Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static String allBmpCharacters() {
    StringBuilder out = new StringBuilder();
    for (char c = 1; c < Character.MAX_VALUE; c++) {
      if (!Character.isSurrogate(c)) {
        out.append(c);
      }
    }
    return out.toString();
  }
}
