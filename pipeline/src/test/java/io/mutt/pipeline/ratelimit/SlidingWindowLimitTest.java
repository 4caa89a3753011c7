package io.mutt.pipeline.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SlidingWindowLimitTest {

  @Test
  void a_request_is_admitted_while_its_events_fit_in_the_window() {
    SlidingWindowLimit limit = new SlidingWindowLimit(1000, 60);
    assertThat(limit.admits(999, 1)).isTrue();
    assertThat(limit.admits(1000, 1)).isFalse();
    assertThat(limit.admits(900, 100)).isTrue();
    assertThat(limit.admits(901, 100)).isFalse();
    assertThat(limit.neverAdmits(1001)).isTrue();
  }

  @Test
  void the_window_sets_cutoff_ttl_and_retry_after() {
    SlidingWindowLimit limit = new SlidingWindowLimit(10, 60);
    assertThat(limit.cutoff(1000.5)).isEqualTo(940.5);
    assertThat(limit.ttlMillis()).isEqualTo(61_000);
    assertThat(limit.retryAfterSeconds()).isEqualTo(60);
  }

  @Test
  void usable_dynamic_values_win_over_static_ones() {
    assertThat(SlidingWindowLimit.resolve(1000, 60, Optional.of("50"), Optional.of("10")))
        .isEqualTo(new SlidingWindowLimit(50, 10));
    assertThat(SlidingWindowLimit.resolve(1000, 60, Optional.of("abc"), Optional.of("0")))
        .isEqualTo(new SlidingWindowLimit(1000, 60));
    assertThat(SlidingWindowLimit.resolve(1000, 60, Optional.empty(), Optional.of("2.5")))
        .isEqualTo(new SlidingWindowLimit(1000, 60));
  }

  @Test
  void nonsense_limits_fail_naming_the_setting() {
    assertThatThrownBy(() -> new SlidingWindowLimit(0, 60)).hasMessageContaining("INGEST_MAX_RATE");
    assertThatThrownBy(() -> new SlidingWindowLimit(10, 0))
        .hasMessageContaining("INGEST_RATE_WINDOW");
  }

  @Test
  void member_prefixes_never_repeat_and_differ_between_processes() {
    MemberIds a = MemberIds.random();
    MemberIds b = MemberIds.random();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      assertThat(seen.add(a.next())).isTrue();
      assertThat(seen.add(b.next())).isTrue();
    }
    assertThatThrownBy(() -> new MemberIds("a:b")).isInstanceOf(IllegalArgumentException.class);
  }
}
