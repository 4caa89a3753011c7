package io.mutt.pipeline.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LeaderLeaseTest {

  @Test
  void a_confirmed_lease_is_acted_on_only_until_a_margin_before_it_can_expire() {
    LeaderLease lease = new LeaderLease(15_000);
    assertThat(lease.valid(0)).isFalse();
    lease.confirmed(1000);
    assertThat(lease.valid(1000)).isTrue();
    assertThat(lease.valid(12_999)).isTrue();
    assertThat(lease.valid(13_000)).isFalse();
    assertThat(lease.renewEveryMs()).isEqualTo(5000);
  }

  @Test
  void a_lost_lease_is_never_valid() {
    LeaderLease lease = new LeaderLease(1000);
    lease.confirmed(0);
    lease.lost();
    assertThat(lease.valid(1)).isFalse();
  }

  @Test
  void a_lease_too_short_to_renew_safely_is_refused() {
    assertThatThrownBy(() -> new LeaderLease(100)).isInstanceOf(IllegalArgumentException.class);
  }
}
