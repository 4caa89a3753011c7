package io.mutt.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DepthLedgerTest {

  @Test
  void admits_while_the_events_fit_under_the_cap_and_reports_the_depth_before() {
    DepthLedger ledger = new DepthLedger();
    ledger.sampled(997, ledger.sampleRequested());
    assertThat(ledger.reserve(3, 1000)).isEqualTo(new DepthLedger.Admission(true, 997));
    assertThat(ledger.reserve(1, 1000)).isEqualTo(new DepthLedger.Admission(false, 1000));
    ledger.released(3);
    assertThat(ledger.reserve(2, 1000).admitted()).isTrue();
  }

  @Test
  void writes_since_the_sample_was_requested_count_until_the_next_sample() {
    DepthLedger ledger = new DepthLedger();
    ledger.reserve(5, 100);
    ledger.written(5);
    long token = ledger.sampleRequested();
    ledger.reserve(2, 100);
    ledger.written(2);
    ledger.sampled(5, token);
    assertThat(ledger.estimate()).isEqualTo(7);
  }

  @Test
  void a_write_in_flight_when_the_sample_returns_is_still_counted() {
    DepthLedger ledger = new DepthLedger();
    long token = ledger.sampleRequested();
    ledger.reserve(4, 100);
    ledger.sampled(0, token);
    assertThat(ledger.estimate()).isEqualTo(4);
    ledger.written(4);
    assertThat(ledger.estimate()).isEqualTo(4);
  }

  @Test
  void concurrent_reservations_never_take_one_jvm_past_the_cap() throws Exception {
    DepthLedger ledger = new DepthLedger();
    long cap = 10_000;
    AtomicLong admitted = new AtomicLong();
    AtomicLong maxSeen = new AtomicLong();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      Thread thread =
          new Thread(
              () -> {
                for (int i = 0; i < 20_000; i++) {
                  int n = 1 + ThreadLocalRandom.current().nextInt(5);
                  if (ledger.reserve(n, cap).admitted()) {
                    maxSeen.accumulateAndGet(admitted.addAndGet(n), Math::max);
                    if (ThreadLocalRandom.current().nextInt(10) == 0) {
                      admitted.addAndGet(-n);
                      ledger.released(n);
                    } else {
                      ledger.written(n);
                    }
                  }
                }
              });
      thread.start();
      threads.add(thread);
    }
    for (Thread t : threads) {
      t.join();
    }
    assertThat(maxSeen.get()).isLessThanOrEqualTo(cap);
    assertThat(admitted.get()).isLessThanOrEqualTo(cap).isGreaterThan(cap - 5);
  }
}
