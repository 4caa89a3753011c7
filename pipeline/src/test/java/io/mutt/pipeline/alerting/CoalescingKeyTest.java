package io.mutt.pipeline.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CoalescingKeyTest {

  private final CoalescingKey byDefault = new CoalescingKey(CoalescingKey.DEFAULT_FIELDS);

  @Test
  void repeats_of_one_host_team_and_severity_share_a_key_whatever_the_message() {
    String a = byDefault.of("sw1", "NETO", "Warning", "Gi0/1 down");
    assertThat(byDefault.of("sw1", "NETO", "Warning", "Gi0/2 down")).isEqualTo(a);
    assertThat(a).hasSize(32).matches("[0-9a-f]{32}");
  }

  @Test
  void another_host_team_or_moogsoft_severity_is_another_key() {
    String a = byDefault.of("sw1", "NETO", "Warning", "m");
    assertThat(byDefault.of("sw2", "NETO", "Warning", "m")).isNotEqualTo(a);
    assertThat(byDefault.of("sw1", "DBA", "Warning", "m")).isNotEqualTo(a);
    assertThat(byDefault.of("sw1", "NETO", "Critical", "m")).isNotEqualTo(a);
    // Moogsoft reads an unknown severity name as Warning, so both are the same alert there.
    assertThat(byDefault.of("sw1", "NETO", "warning", "m")).isEqualTo(a);
  }

  @Test
  void values_cannot_run_into_each_other() {
    CoalescingKey two = CoalescingKey.parse("signature,class");
    assertThat(two.of("ab", "c", null, null)).isNotEqualTo(two.of("a", "bc", null, null));
  }

  @Test
  void absent_values_take_the_payload_defaults() {
    assertThat(byDefault.of(null, null, null, null))
        .isEqualTo(byDefault.of("unknown", "Unknown", "Warning", "x"));
  }

  @Test
  void the_field_list_is_parsed_with_a_clear_error_for_an_unknown_name() {
    assertThat(CoalescingKey.parse(" Signature , description,signature").fields())
        .containsExactly(CoalescingKey.Field.SIGNATURE, CoalescingKey.Field.DESCRIPTION);
    assertThatThrownBy(() -> CoalescingKey.parse("signature,hostname"))
        .hasMessageContaining("'hostname'");
    assertThatThrownBy(() -> CoalescingKey.parse(" , ")).hasMessageContaining("at least one");
    CoalescingKey withMessage = CoalescingKey.parse("signature,description");
    assertThat(withMessage.of("sw1", "NETO", "Warning", "a"))
        .isNotEqualTo(withMessage.of("sw1", "NETO", "Warning", "b"));
  }
}
