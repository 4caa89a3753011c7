package io.mutt.pipeline.rules.index;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import io.mutt.pipeline.testing.RegexPieces;
import io.mutt.pipeline.testing.Seeded;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
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

  @Test
  void whenever_re2_finds_a_match_one_required_literal_is_in_the_lower_cased_text() {
    int cases = 1500;
    int[] literalsAndMatch = {0};
    Seeded.cases(
        cases,
        random -> {
          String[] sample = regexAndText(random);
          String regex = sample[0];
          String text = sample[1];
          Optional<Set<String>> literals = RegexLiterals.requiredAnyOf(regex);

          boolean matches = Pattern.compile(regex, Pattern.CASE_INSENSITIVE).matcher(text).find();
          if (literals.isPresent() && matches) {
            literalsAndMatch[0]++;
            String lower = text.toLowerCase(Locale.ROOT);
            assertThat(literals.get())
                .as("%s on %s", regex, text)
                .anySatisfy(l -> assertThat(lower).contains(l));
          }
        });

    if (Seeded.replaying()) {
      return;
    }
    assertThat(literalsAndMatch[0])
        .as("cases where the regex has literals and matches")
        .isGreaterThanOrEqualTo(cases / 10);
  }

  private static final List<String> TOKENS =
      List.of(
          "link", "DOWN", "err", "Error", "sshd", "ſſhd", "K", "kelvin", "İ", "i", "ß", "SS", "a.b",
          "{,3}", "[", "]", "%", "-", "3", " ", "Σ", "σ", "ς", "é", "\n", "x", "z");

  /** Valid pieces, and some that break a regex made of them. */
  private static final List<String> SYNTAX = RegexPieces.validAnd("{,3}", "?", "*", "{2}", "+?");

  /**
   * A regex built from tokens and syntax (three literal parts to two syntax parts), and a text made
   * of its tokens (case shuffled) plus filler; drawn again until the regex compiles.
   */
  private static String[] regexAndText(Random random) {
    while (true) {
      List<String> parts =
          Seeded.list(
              random,
              1,
              5,
              r ->
                  r.nextInt(5) < 3 ? "L" + Seeded.oneOf(r, TOKENS) : "S" + Seeded.oneOf(r, SYNTAX));
      List<String> filler = Seeded.list(random, 0, 3, r -> Seeded.oneOf(r, TOKENS));
      String[] sample = sample(parts, filler, random.nextInt(3));
      if (compiles(sample[0])) {
        return sample;
      }
    }
  }

  private static String[] sample(List<String> parts, List<String> filler, int caseMode) {
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
    return new String[] {regex.toString(), text.toString()};
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
