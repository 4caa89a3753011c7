package io.mutt.forwarder;

import static org.assertj.core.api.Assertions.assertThat;

import io.mutt.testsupport.Eventually;
import io.mutt.testsupport.MuttTestApp;
import io.mutt.testsupport.StandIn;
import io.vertx.core.json.JsonArray;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two forwarder processes (two MUTT instances with their own Vert.x, sharing Redis and key prefix,
 * two consumers each) together stay under the shared limit of 20 alerts per 1 s window, measured at
 * the stand-in's arrival times (cold start included: the first request of each consumer is slow,
 * which is why permits cover request latency).
 */
class SharedRateLimitTest {

  static final int LIMIT = 20;
  static final long WINDOW_MS = 1000;
  MuttTestApp first;
  MuttTestApp second;
  StandIn moog;

  @AfterEach
  void stop() {
    if (moog != null) {
      moog.close();
    }
    if (second != null) {
      second.close();
    }
    if (first != null) {
      first.close();
    }
  }

  @Test
  void two_forwarder_processes_never_exceed_the_shared_limit_in_any_window_and_drop_nothing() {
    Map<String, String> common =
        Map.of(
            "FORWARDER_INSTANCES",
            "2",
            "MOOG_RATE_LIMIT",
            String.valueOf(LIMIT),
            "MOOG_RATE_PERIOD",
            "1",
            "MOOG_MAX_IN_FLIGHT",
            "5");
    first = MuttTestApp.start("forwarder", common);
    java.util.HashMap<String, String> s2 = new java.util.HashMap<>(common);
    s2.put("MUTT_KEY_PREFIX", first.settings.get("MUTT_KEY_PREFIX"));
    s2.put("MOOG_WEBHOOK_URL", first.moogUrl() + "/events");
    second = MuttTestApp.start("forwarder", s2);
    moog = first.standIn();
    ForwarderFixture fx = new ForwarderFixture(first.app.runtime());
    int total = 90;
    fx.append(total, "rate");
    Eventually.until(Duration.ofSeconds(20), "all delivered", () -> moog.count() >= total);

    JsonArray events =
        new JsonArray(
            moog.eventsWithMeta(1000).stream()
                .filter(
                    e ->
                        ((io.vertx.core.json.JsonObject) e)
                            .getJsonObject("event")
                            .getString("external_id")
                            .startsWith("rate"))
                .toList());
    List<Long> at = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      at.add(events.getJsonObject(i).getLong("received_ms"));
    }
    Collections.sort(at);
    // every window [t, t + 1000 ms) that starts at an arrival: the windows with the most arrivals
    // start at one
    int maxFullWindow = maxInWindow(at, WINDOW_MS);
    System.out.printf(
        "rate test: %d alerts in %d ms; max per sliding 1000 ms window %d (limit %d)%n",
        at.size(), at.get(at.size() - 1) - at.get(0), maxFullWindow, LIMIT);
    assertThat(events.size()).isEqualTo(total);
    assertThat(maxFullWindow).isLessThanOrEqualTo(LIMIT);
    assertThat(at.get(at.size() - 1) - at.get(0))
        .isGreaterThanOrEqualTo((total / LIMIT - 1) * WINDOW_MS - 100);
    assertThat(
            fx.metric("mutt_moog_rate_limit_hits_total", null)
                + new ForwarderFixture(second.app.runtime())
                    .metric("mutt_moog_rate_limit_hits_total", null))
        .isPositive();
    assertThat(fx.len(first.app.runtime().keys().moogDlq)).isZero();
  }

  /** The largest number of arrivals inside any window [t, t + w) that starts at an arrival. */
  static int maxInWindow(List<Long> sorted, long w) {
    int best = 0;
    int j = 0;
    for (int i = 0; i < sorted.size(); i++) {
      while (sorted.get(i) - sorted.get(j) >= w) {
        j++;
      }
      best = Math.max(best, i - j + 1);
    }
    return best;
  }
}
