package io.mutt.pipeline.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CircuitStateTest {

  @Test
  void gauge_values_follow_the_spec() {
    assertThat(CircuitState.CLOSED.gaugeValue()).isZero();
    assertThat(CircuitState.HALF_OPEN.gaugeValue()).isEqualTo(1);
    assertThat(CircuitState.OPEN.gaugeValue()).isEqualTo(2);
  }

  @Test
  void closed_sends_open_waits_and_half_open_lets_only_the_probe_holder_send() {
    assertThat(CircuitState.CLOSED.gate(true)).isEqualTo(CircuitState.Gate.SEND);
    assertThat(CircuitState.OPEN.gate(true)).isEqualTo(CircuitState.Gate.WAIT);
    assertThat(CircuitState.HALF_OPEN.gate(true)).isEqualTo(CircuitState.Gate.PROBE);
    assertThat(CircuitState.HALF_OPEN.allowsSend(true, false)).isFalse();
    assertThat(CircuitState.HALF_OPEN.allowsSend(true, true)).isTrue();
    assertThat(CircuitState.OPEN.allowsSend(true, true)).isFalse();
  }

  @Test
  void a_disabled_breaker_always_sends() {
    for (CircuitState s : CircuitState.values()) {
      assertThat(s.gate(false)).isEqualTo(CircuitState.Gate.SEND);
      assertThat(s.allowsSend(false, false)).isTrue();
    }
  }

  @Test
  void stored_values_parse_leniently_and_unknown_reads_as_closed() {
    assertThat(CircuitState.parse("OPEN")).isEqualTo(CircuitState.OPEN);
    assertThat(CircuitState.parse(" half_open ")).isEqualTo(CircuitState.HALF_OPEN);
    assertThat(CircuitState.parse(null)).isEqualTo(CircuitState.CLOSED);
    assertThat(CircuitState.parse("weird")).isEqualTo(CircuitState.CLOSED);
  }
}
