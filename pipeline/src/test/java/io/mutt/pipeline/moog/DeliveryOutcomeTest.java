package io.mutt.pipeline.moog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeliveryOutcomeTest {

  @ParameterizedTest
  @ValueSource(ints = {200, 201, 202, 204, 299})
  void any_2xx_is_a_success(int status) {
    assertThat(DeliveryOutcome.classify(status)).isEqualTo(DeliveryOutcome.SUCCESS);
  }

  @ParameterizedTest
  @ValueSource(ints = {500, 502, 503, 504, 599, 408, 429})
  void server_errors_timeouts_and_rate_limits_are_retried(int status) {
    assertThat(DeliveryOutcome.classify(status)).isEqualTo(DeliveryOutcome.RETRYABLE);
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 401, 403, 404, 409, 422, 499, 301, 302, 304, 100})
  void other_statuses_go_to_the_dead_letter_queue(int status) {
    assertThat(DeliveryOutcome.classify(status)).isEqualTo(DeliveryOutcome.NON_RETRYABLE);
  }

  @Test
  void a_transport_error_is_retried() {
    assertThat(DeliveryOutcome.transportError()).isEqualTo(DeliveryOutcome.RETRYABLE);
  }

  @Test
  void only_retryable_outcomes_count_against_the_circuit_breaker() {
    assertThat(DeliveryOutcome.RETRYABLE.isBreakerFailure()).isTrue();
    assertThat(DeliveryOutcome.SUCCESS.isBreakerFailure()).isFalse();
    assertThat(DeliveryOutcome.NON_RETRYABLE.isBreakerFailure()).isFalse();
  }
}
