package io.mutt.pipeline.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReplayPaceTest {

  @Test
  void the_pace_is_the_given_fraction_of_moogsofts_limit() {
    ReplayPace shipped = new ReplayPace(0.8, 50, 1);
    assertThat(shipped.perSecond()).isEqualTo(40.0);
    assertThat(new ReplayPace(0.5, 600, 60).perSecond()).isEqualTo(5.0);
    // a batch of 10 at 40/s: the next round starts 250 ms after this one
    assertThat(shipped.roundMs(10)).isEqualTo(250);
    assertThat(shipped.roundMs(20)).isEqualTo(500);
    assertThat(shipped.roundMs(1)).isEqualTo(25);
    assertThat(shipped.roundMs(0)).isZero();
  }

  @Test
  void a_dlq_of_n_drains_in_n_over_the_pace() {
    // 2,600 alerts at 0.8 x 50/s: 65 s (the old 10 per 300 s took 21.7 hours)
    assertThat(ReplayPace.drainSeconds(2600, new ReplayPace(0.8, 50, 1).perSecond()))
        .isEqualTo(65.0);
    assertThat(ReplayPace.drainSeconds(0, 40)).isZero();
    assertThat(ReplayPace.drainSeconds(0, 0)).isZero();
    assertThat(ReplayPace.drainSeconds(5, 0)).isEqualTo(-1);
  }

  @Test
  void fractions_outside_zero_to_one_and_bad_limits_are_refused() {
    assertThatThrownBy(() -> new ReplayPace(0, 50, 1)).hasMessageContaining("fraction");
    assertThatThrownBy(() -> new ReplayPace(1.01, 50, 1)).hasMessageContaining("fraction");
    assertThatThrownBy(() -> new ReplayPace(Double.NaN, 50, 1)).hasMessageContaining("fraction");
    assertThatThrownBy(() -> new ReplayPace(1, 0, 1)).hasMessageContaining("limit");
    assertThatThrownBy(() -> new ReplayPace(1, 5, 0)).hasMessageContaining("period");
    assertThat(new ReplayPace(1, 1, 1).perSecond()).isEqualTo(1.0);
  }

  @Test
  void a_dlq_drains_only_while_moogsoft_is_healthy_the_circuit_closed_and_the_target_below_bound() {
    assertThat(DrainState.before(true, CircuitState.CLOSED, 5, 10, 1000))
        .isEqualTo(DrainState.DRAINING);
    assertThat(DrainState.before(false, CircuitState.OPEN, 0, 5000, 1000))
        .isEqualTo(DrainState.EMPTY);
    assertThat(DrainState.before(false, CircuitState.CLOSED, 5, 10, 1000))
        .isEqualTo(DrainState.PAUSED_MOOG_UNHEALTHY);
    assertThat(DrainState.before(true, CircuitState.OPEN, 5, 10, 1000))
        .isEqualTo(DrainState.PAUSED_CIRCUIT_OPEN);
    assertThat(DrainState.before(true, CircuitState.HALF_OPEN, 5, 10, 1000))
        .isEqualTo(DrainState.PAUSED_CIRCUIT_OPEN);
    assertThat(DrainState.before(true, CircuitState.CLOSED, 5, 1000, 1000))
        .isEqualTo(DrainState.PAUSED_TARGET_FULL);
    assertThat(DrainState.before(true, CircuitState.CLOSED, 5, 999, 1000))
        .isEqualTo(DrainState.DRAINING);
    assertThat(DrainState.parse("paused_target_full")).isEqualTo(DrainState.PAUSED_TARGET_FULL);
    assertThat(DrainState.parse("nonsense")).isNull();
    assertThat(DrainState.DRAINING.label()).isEqualTo("draining");
  }
}
