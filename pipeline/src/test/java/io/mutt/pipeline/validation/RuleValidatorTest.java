package io.mutt.pipeline.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleValidatorTest {

  private static Map<String, Object> body(Object... kv) {
    Map<String, Object> m = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  private static Map<String, Object> valid() {
    return body(
        "match_string",
        "LINK-DOWN",
        "prod_handling",
        "Page_and_ticket",
        "dev_handling",
        "Ignore",
        "team_assignment",
        "NetOps");
  }

  @Test
  void a_new_rule_gets_the_ddl_defaults_and_nine_fields_in_column_order() {
    Map<String, Object> out = RuleValidator.forCreate(valid());
    assertThat(out.keySet()).containsExactlyElementsOf(RuleValidator.WRITABLE);
    assertThat(out)
        .containsEntry("match_type", "contains")
        .containsEntry("priority", 100)
        .containsEntry("is_active", true)
        .containsEntry("trap_oid", null)
        .containsEntry("syslog_severity", null);
  }

  @Test
  void missing_required_keys_are_listed_like_the_original() {
    assertThatThrownBy(
            () -> RuleValidator.forCreate(body("match_string", "x", "prod_handling", "P")))
        .isInstanceOf(InvalidInput.class)
        .hasMessage("Missing required fields: ['dev_handling', 'team_assignment']");
  }

  @Test
  void a_rule_needs_a_match_string_or_a_trap_oid() {
    Map<String, Object> b = valid();
    b.put("match_string", "");
    assertThatThrownBy(() -> RuleValidator.forCreate(b))
        .hasMessage("Either match_string or trap_oid is required");
    b.put("trap_oid", ".1.3.6");
    assertThat(RuleValidator.forCreate(b))
        .containsEntry("match_string", null)
        .containsEntry("trap_oid", ".1.3.6");
  }

  @Test
  void each_bad_field_is_named_in_the_message() {
    assertField(
        "match_type",
        "glob",
        "match_type",
        "match_type must be one of contains, regex, oid_prefix");
    assertField(
        "syslog_severity", 8, "syslog_severity", "syslog_severity must be null or an integer 0-7");
    assertField(
        "syslog_severity",
        "warning",
        "syslog_severity",
        "syslog_severity must be null or an integer 0-7");
    assertField("priority", "high", "priority", "priority must be an integer");
    assertField("priority", 1.5, "priority", "priority must be an integer");
    assertField("priority", true, "priority", "priority must be an integer");
    assertField("is_active", "yes", "is_active", "is_active must be true or false");
    assertField("team_assignment", 7, "team_assignment", "team_assignment must be a string");
    assertField("prod_handling", " ", "prod_handling", "prod_handling must be a non-empty string");
    assertField(
        "match_string",
        "x".repeat(256),
        "match_string",
        "match_string must be at most 255 characters");
  }

  @Test
  void a_regex_that_re2_cannot_compile_is_refused_with_the_compilers_reason() {
    Map<String, Object> b = valid();
    b.put("match_type", "regex");
    b.put("match_string", "(?=lookahead)");
    assertThatThrownBy(() -> RuleValidator.forCreate(b))
        .isInstanceOf(InvalidInput.class)
        .hasMessageStartingWith("match_string is not a valid regular expression: ")
        .hasMessageContaining("(?=");
    b.put("match_string", "(a)\\1");
    assertThatThrownBy(() -> RuleValidator.forCreate(b)).hasMessageContaining("backreference");
  }

  @Test
  void an_update_keeps_only_supplied_writable_fields_and_checks_the_merged_rule() {
    Map<String, Object> current = RuleValidator.forCreate(valid());
    Map<String, Object> changes =
        RuleValidator.forUpdate(body("priority", 7, "id", 99, "color", "red"), current);
    assertThat(changes).containsOnlyKeys("priority").containsEntry("priority", 7);
    assertThatThrownBy(() -> RuleValidator.forUpdate(body("match_string", null), current))
        .hasMessage("Either match_string or trap_oid is required");
    assertThatThrownBy(
            () ->
                RuleValidator.forUpdate(body("match_type", "regex", "match_string", "[a"), current))
        .hasMessageStartingWith("match_string is not a valid regular expression");
    assertThatThrownBy(() -> RuleValidator.forUpdate(body("reason", "x"), current))
        .hasMessage("No fields to update");
  }

  private static void assertField(String key, Object value, String field, String message) {
    Map<String, Object> b = valid();
    b.put(key, value);
    assertThatThrownBy(() -> RuleValidator.forCreate(b))
        .isInstanceOf(InvalidInput.class)
        .hasMessage(message)
        .satisfies(e -> assertThat(((InvalidInput) e).field()).isEqualTo(field));
  }

  @Test
  void clearing_and_flapping_fields_are_checked_and_name_the_field() {
    Map<String, Object> ok = valid();
    ok.put("clear_pattern", "LINK-UP");
    ok.put("clear_key", "interface (\\S+)");
    ok.put("flap_threshold", 4);
    ok.put("flap_window_minutes", 10);
    ok.put("flap_stable_minutes", 15);
    assertThat(RuleValidator.forCreate(ok))
        .containsEntry("clear_pattern", "LINK-UP")
        .containsEntry("flap_threshold", 4)
        .containsEntry("flap_stable_minutes", 15);
    assertThat(RuleValidator.forCreate(valid())).containsEntry("clear_pattern", null);

    record Bad(String field, Object value, String message) {}
    for (Bad b :
        java.util.List.of(
            new Bad(
                "clear_pattern", "(unclosed", "clear_pattern is not a valid regular expression"),
            new Bad("clear_key", "a(?=b)", "clear_key is not a valid regular expression"),
            new Bad("flap_threshold", -1, "flap_threshold must be null or an integer 0-1000"),
            new Bad("flap_threshold", "many", "flap_threshold must be null or an integer 0-1000"),
            new Bad("flap_window_minutes", 0, "flap_window_minutes must be null or an integer"),
            new Bad(
                "flap_stable_minutes", 10_081, "flap_stable_minutes must be null or an integer"),
            new Bad("clear_pattern", "x".repeat(1001), "clear_pattern must be at most 1000"))) {
      Map<String, Object> body = new HashMap<>(ok);
      body.put(b.field(), b.value());
      assertThatThrownBy(() -> RuleValidator.forCreate(body))
          .isInstanceOf(InvalidInput.class)
          .hasMessageContaining(b.message())
          .extracting(e -> ((InvalidInput) e).field())
          .isEqualTo(b.field());
    }
    Map<String, Object> noPattern = valid();
    noPattern.put("flap_threshold", 3);
    assertThatThrownBy(() -> RuleValidator.forCreate(noPattern))
        .hasMessage("flap_threshold needs clear_pattern");
    // removing the pattern of a rule that has flapping limits is refused too
    Map<String, Object> stored = RuleValidator.forCreate(ok);
    assertThatThrownBy(() -> RuleValidator.forUpdate(body("clear_pattern", null), stored))
        .isInstanceOf(InvalidInput.class)
        .extracting(e -> ((InvalidInput) e).field())
        .isEqualTo("clear_key");
  }
}
