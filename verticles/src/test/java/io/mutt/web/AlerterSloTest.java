package io.mutt.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mutt.pipeline.slo.SloCatalogue;
import io.mutt.web.slo.LocalSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code alerter_processing_success} from MUTT's own counters (through real Redis): errors and
 * poison are failures, events that match no rule are not.
 */
class AlerterSloTest {

  @Test
  void unmatched_events_are_successes_and_errors_and_poison_are_failures() {
    var rt = WebFixture.shared().rt();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    LocalSource local =
        new LocalSource(rt.redis(), registry, rt.keys().sloCounters + ":t", rt.keys().counters);
    count(registry, "unhandled", 900);
    count(registry, "handled", 100);
    assertThat(value(local)).isEqualTo(1.0);
    count(registry, "error", 8);
    count(registry, "poison", 2);
    // 10 failures in 1,010 events; the 900 unmatched ones are not among them
    assertThat(value(local)).isEqualTo(1 - 10 / 1010.0);
    assertThat(SloCatalogue.ALERTER_PROCESSING.expression())
        .contains("status=~\"error|poison\"")
        .doesNotContain("handled");
  }

  static void count(SimpleMeterRegistry r, String status, double n) {
    Counter.builder("mutt.alerter.events.processed").tag("status", status).register(r).increment(n);
  }

  static double value(LocalSource local) {
    return local
        .values(List.of(SloCatalogue.ALERTER_PROCESSING), Map.of())
        .await()
        .get("alerter_processing_success")
        .orElseThrow();
  }
}
