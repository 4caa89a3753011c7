package io.mutt.pipeline.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.mutt.pipeline.delivery.ReplayPolicy.Source;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplayPolicyTest {

  static Map<String, Object> entry(Object... kv) {
    Map<String, Object> m = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void an_alerter_entry_is_replayed_with_its_replay_count_up_and_its_retry_count_reset() {
    ReplayPolicy.Decision d =
        ReplayPolicy.decide(Source.ALERTER, entry("hostname", "h", "_retry_count", 4), 3);
    assertThat(d.poison()).isFalse();
    assertThat(d.replayed())
        .containsEntry("_replay_count", 1)
        .containsEntry("_retry_count", 0)
        .containsEntry("hostname", "h");
  }

  @Test
  void an_alerter_entry_replayed_max_times_or_with_moog_retries_at_max_is_poison() {
    assertThat(ReplayPolicy.decide(Source.ALERTER, entry("_replay_count", 3), 3).poison()).isTrue();
    assertThat(ReplayPolicy.decide(Source.ALERTER, entry("_moog_retry_count", 3), 3).poison())
        .isTrue();
    assertThat(ReplayPolicy.decide(Source.ALERTER, entry("_replay_count", 2), 3).poison())
        .isFalse();
  }

  @Test
  void a_poison_event_looping_through_the_alerter_dlq_reaches_the_dead_list_after_max_replays() {
    Map<String, Object> e = entry("hostname", "poison");
    int replays = 0;
    while (true) {
      ReplayPolicy.Decision d = ReplayPolicy.decide(Source.ALERTER, e, 3);
      if (d.poison()) {
        break;
      }
      replays++;
      e = d.replayed();
    }
    assertThat(replays).isEqualTo(3);
  }

  @Test
  void a_moog_entry_gets_a_fresh_retry_budget_and_loses_its_failure_fields() {
    ReplayPolicy.Decision d =
        ReplayPolicy.decide(
            Source.MOOG,
            entry(
                "_moog_retry_count",
                6,
                "dlq_reason",
                "retry_exhausted",
                "last_status",
                503,
                "failed_at",
                "2025-11-10T12:00:00Z",
                "last_error",
                "timeout",
                "_correlation_id",
                "c"),
            3);
    assertThat(d.poison()).isFalse();
    assertThat(d.replayed())
        .containsEntry("_moog_retry_count", 0)
        .containsEntry("_replay_count", 1)
        .containsEntry("_correlation_id", "c")
        .doesNotContainKeys("dlq_reason", "last_status", "failed_at", "last_error");
  }

  @Test
  void a_moog_entry_is_poison_by_its_replay_count_only() {
    assertThat(ReplayPolicy.decide(Source.MOOG, entry("_replay_count", 3), 3).poison()).isTrue();
    assertThat(ReplayPolicy.decide(Source.MOOG, entry("_moog_retry_count", 9), 3).poison())
        .isFalse();
  }

  @Test
  void non_json_replays_unchanged_from_the_alerter_dlq_and_is_poison_in_the_moog_dlq() {
    assertThat(ReplayPolicy.decide(Source.ALERTER, null, 3))
        .isEqualTo(new ReplayPolicy.Decision(false, null));
    assertThat(ReplayPolicy.decide(Source.MOOG, null, 3).poison()).isTrue();
  }

  @Test
  void counters_that_are_not_integers_count_as_zero() {
    assertThat(ReplayPolicy.count("2")).isEqualTo(2);
    assertThat(ReplayPolicy.count(2.0)).isEqualTo(2);
    assertThat(ReplayPolicy.count(2.5)).isZero();
    assertThat(ReplayPolicy.count("x")).isZero();
    assertThat(ReplayPolicy.count(null)).isZero();
    assertThat(ReplayPolicy.count(-4)).isZero();
  }
}
