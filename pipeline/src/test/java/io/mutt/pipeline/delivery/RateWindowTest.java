package io.mutt.pipeline.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RateWindowTest {

  @Test
  void grants_up_to_the_limit_and_says_when_the_oldest_permit_leaves() {
    RateWindow w = new RateWindow(3, 1000, 0);
    assertThat(w.acquire("a", 2, 10_000)).isEqualTo(new RateWindow.Grant(2, 0));
    assertThat(w.acquire("b", 5, 10_200)).isEqualTo(new RateWindow.Grant(1, 800));
    assertThat(w.acquire("c", 1, 10_999).granted()).isZero();
    assertThat(w.acquire("d", 5, 11_000)).isEqualTo(new RateWindow.Grant(2, 200));
  }

  @Test
  void an_in_flight_permit_keeps_its_place_until_completed_and_then_for_one_window() {
    RateWindow w = new RateWindow(1, 1000, 5000);
    assertThat(w.acquire("a", 1, 0).granted()).isEqualTo(1);
    assertThat(w.acquire("b", 1, 3000).granted()).as("still in flight").isZero();
    w.complete("a", 3500);
    assertThat(w.acquire("c", 1, 4499).granted()).isZero();
    assertThat(w.acquire("d", 1, 4500).granted()).isEqualTo(1);
  }

  @Test
  void the_window_is_half_open() {
    assertThat(RateWindow.maxInWindow(new long[] {0, 999, 1000, 1999}, 1000)).isEqualTo(2);
    assertThat(RateWindow.maxInWindow(new long[] {0, 1, 2, 3}, 1000)).isEqualTo(4);
    assertThat(RateWindow.maxInWindow(new long[] {}, 1000)).isZero();
  }

  @Test
  void with_latency_covered_no_window_of_arrivals_exceeds_the_limit_whatever_the_latencies() {
    for (long seed = 1; seed <= 200; seed++) {
      long[] arrivals = simulate(new Random(seed), 5000);
      assertThat(RateWindow.maxInWindow(arrivals, 1000))
          .as("seed %d", seed)
          .isLessThanOrEqualTo(20);
    }
  }

  @Test
  void stamping_at_grant_time_only_lets_a_late_arrival_crowd_a_window() {
    int worst = 0;
    for (long seed = 1; seed <= 50; seed++) {
      worst = Math.max(worst, RateWindow.maxInWindow(simulate(new Random(seed), 0), 1000));
    }
    assertThat(worst).isGreaterThan(20);
  }

  /**
   * 8 senders each take one permit at a time; a request arrives 1-600 ms after its grant (long
   * tail: a cold start or a busy CPU) and completes 1-20 ms after arriving; denied senders wait as
   * told (jittered like the forwarder).
   */
  private static long[] simulate(Random rnd, long holdMs) {
    RateWindow w = new RateWindow(20, 1000, holdMs);
    PriorityQueue<long[]> events = new PriorityQueue<>((a, b) -> Long.compare(a[0], b[0]));
    for (int s = 0; s < 8; s++) {
      events.add(new long[] {rnd.nextInt(50), s, 0});
    }
    List<Long> arrivals = new ArrayList<>();
    int sent = 0;
    while (sent < 150 && !events.isEmpty()) {
      long[] e = events.poll();
      long now = e[0];
      String tag = "s" + e[1] + "-" + e[2];
      if (e[2] < 0) {
        w.complete("s" + e[1] + "-" + (-e[2]), now);
        events.add(new long[] {now, e[1], -e[2] + 1});
        continue;
      }
      RateWindow.Grant g = w.acquire(tag, 1, now);
      if (g.granted() == 1) {
        sent++;
        long latency = rnd.nextInt(10) == 0 ? 1 + rnd.nextInt(600) : 1 + rnd.nextInt(30);
        long arrival = now + latency;
        arrivals.add(arrival);
        events.add(new long[] {arrival + 1 + rnd.nextInt(20), e[1], -e[2]});
      } else {
        events.add(
            new long[] {now + Math.max(1, g.waitMs() * (80 + rnd.nextInt(41)) / 100), e[1], e[2]});
      }
    }
    return arrivals.stream().sorted().mapToLong(Long::longValue).toArray();
  }
}
