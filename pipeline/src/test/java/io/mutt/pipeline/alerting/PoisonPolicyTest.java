package io.mutt.pipeline.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PoisonPolicyTest {

  private final PoisonPolicy policy = new PoisonPolicy(3);

  @Test
  void an_event_gets_max_retries_plus_one_attempts() {
    assertThat(policy.exhausted(policy.retries(1, null))).isFalse();
    assertThat(policy.exhausted(policy.retries(4, null))).isFalse();
    assertThat(policy.exhausted(policy.retries(5, null))).isTrue();
  }

  @Test
  void a_retry_count_field_from_an_older_producer_counts_when_it_is_larger() {
    assertThat(policy.retries(1, 4)).isEqualTo(4);
    assertThat(policy.retries(1, "7")).isEqualTo(7);
    assertThat(policy.retries(3, 1)).isEqualTo(2);
  }

  @Test
  void an_unusable_retry_count_field_counts_as_zero() {
    assertThat(policy.retries(1, "many")).isZero();
    assertThat(policy.retries(1, 2.5)).isZero();
    assertThat(policy.retries(1, -3)).isZero();
    assertThat(policy.retries(0, true)).isZero();
  }

  @Test
  void zero_max_retries_dead_letters_on_the_first_redelivery() {
    PoisonPolicy none = new PoisonPolicy(0);
    assertThat(none.exhausted(none.retries(1, null))).isFalse();
    assertThat(none.exhausted(none.retries(2, null))).isTrue();
  }

  @Test
  void a_negative_maximum_is_a_configuration_error_naming_the_key() {
    assertThatThrownBy(() -> new PoisonPolicy(-1)).hasMessageContaining("ALERTER_MAX_RETRIES");
  }
}
