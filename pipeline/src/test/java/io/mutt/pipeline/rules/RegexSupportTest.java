package io.mutt.pipeline.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.re2j.PatternSyntaxException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RegexSupportTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "(?P<iface>Gi\\d+/\\d+) down      | (?<iface>Gi\\d+/\\d+) down",
        "(?P<a>x)(?P=a)                    | (?<a>x)\\k<a>",
        "end\\Z                            | end\\z",
        "x{,3}y                            | x{0,3}y",
        "x{,}                              | x{,}",
        "\\(?P<n>                          | \\(?P<n>",
        "[(?P<]\\Z                         | [(?P<]\\z",
        "[]\\Z]                            | []\\Z]",
        "%LINK-3-UPDOWN                    | %LINK-3-UPDOWN"
      })
  void python_only_syntax_is_rewritten_outside_escapes_and_classes(String python, String re2) {
    assertThat(RegexSupport.translatePython(python)).isEqualTo(re2);
  }

  @Test
  void named_groups_in_python_syntax_compile() {
    assertThat(RegexSupport.compileError("(?P<iface>GigabitEthernet\\d+/\\d+/\\d+)")).isEmpty();
    assertThat(RegexSupport.compile("(?P<iface>Gi\\d)").namedGroups()).containsKey("iface");
  }

  @Test
  void a_named_backreference_is_rejected_with_a_reason_naming_it() {
    assertThat(RegexSupport.compileError("(?P<word>\\w+) (?P=word)"))
        .hasValueSatisfying(
            reason -> assertThat(reason).contains("backreference (?P=word)").contains("RE2"));
  }

  @Test
  void a_numbered_backreference_is_rejected_but_an_octal_escape_is_not() {
    assertThat(RegexSupport.compileError("(a)\\1"))
        .hasValueSatisfying(reason -> assertThat(reason).contains("backreference \\1"));
    assertThat(RegexSupport.compileError("\\101")).isEmpty();
  }

  @Test
  void every_lookaround_is_refused_in_the_same_words() {
    assertThat(RegexSupport.compileError("a(?=b)"))
        .hasValueSatisfying(
            reason ->
                assertThat(reason)
                    .contains(
                        "lookahead (?=…) is not supported: RE2 matches in linear time and has no lookaround"));
    assertThat(RegexSupport.compileError("a(?!b)"))
        .hasValueSatisfying(
            reason ->
                assertThat(reason)
                    .contains(
                        "lookahead (?!…) is not supported: RE2 matches in linear time and has no lookaround"));
    assertThat(RegexSupport.compileError("(?<=a)b"))
        .hasValueSatisfying(
            reason ->
                assertThat(reason)
                    .contains(
                        "lookbehind (?<=…) is not supported: RE2 matches in linear time and has no lookaround"));
    assertThat(RegexSupport.compileError("(?<!a)b"))
        .hasValueSatisfying(
            reason ->
                assertThat(reason)
                    .contains(
                        "lookbehind (?<!…) is not supported: RE2 matches in linear time and has no lookaround"));
    // escaped or inside a class it is text, not a lookaround
    assertThat(RegexSupport.compileError("\\(?=x\\)")).isEmpty();
    assertThat(RegexSupport.compileError("[(?=]x")).isEmpty();
  }

  @Test
  void other_unsupported_syntax_reports_re2s_own_message() {
    assertThat(RegexSupport.compileError("(?i:a)(?#comment)"))
        .hasValueSatisfying(
            reason -> assertThat(reason).contains("invalid or unsupported Perl syntax"));
    assertThat(RegexSupport.compileError("([unclosed")).isPresent();
  }

  @Test
  void compile_is_case_insensitive_and_throws_for_bad_patterns() {
    assertThat(RegexSupport.compile("link-3-updown").matcher("%LINK-3-UPDOWN: x").find()).isTrue();
    assertThatThrownBy(() -> RegexSupport.compile("a(?P=x)"))
        .isInstanceOf(PatternSyntaxException.class);
  }

  @Test
  void python_empty_lower_bound_means_zero() {
    assertThat(RegexSupport.compile("^ab{,2}c$").matcher("ac").find()).isTrue();
    assertThat(RegexSupport.compile("^ab{,2}c$").matcher("abbbc").find()).isFalse();
  }
}
