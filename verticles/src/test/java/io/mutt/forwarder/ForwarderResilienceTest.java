package io.mutt.forwarder;

import static org.assertj.core.api.Assertions.assertThat;

import io.mutt.testsupport.Eventually;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Outage, slowness and recovery, scaled down so each test takes seconds: a 30 s outage of 500s
 * becomes 3 s with a 5-failure threshold and a 1 s circuit timeout.
 */
class ForwarderResilienceTest extends ForwarderTestCase {

  static final Duration WITHIN = Duration.ofSeconds(20);

  static final Map<String, String> RESILIENCE =
      Map.of(
          "CIRCUIT_BREAKER_THRESHOLD",
          "5",
          "CIRCUIT_BREAKER_TIMEOUT",
          "1",
          "MOOG_MAX_RETRIES",
          "8");

  @Override
  Map<String, String> classSettings() {
    return RESILIENCE;
  }

  @Test
  void three_seconds_of_500s_open_the_circuit_and_after_recovery_every_alert_is_delivered_once() {
    start(Map.of());
    moog.faults(new JsonObject().put("mode", "status").put("status", 500).put("duration_ms", 3000));
    List<String> ids = fx.append(60, "outage");
    String state = mutt.app.runtime().keys().circuitState;
    Eventually.until(WITHIN, "circuit opened", () -> "OPEN".equals(fx.get(state)));
    Eventually.until(WITHIN, "all 60 delivered", () -> moog.count() >= 60);
    Eventually.until(WITHIN, "circuit closed again", () -> "CLOSED".equals(fx.get(state)));
    Set<String> got = new HashSet<>();
    List<String> all = new ArrayList<>();
    JsonArray events = moog.eventsWithMeta(1000);
    for (int i = 0; i < events.size(); i++) {
      String ext = events.getJsonObject(i).getJsonObject("event").getString("external_id");
      got.add(ext);
      all.add(ext);
    }
    assertThat(got).containsExactlyInAnyOrderElementsOf(ids);
    assertThat(all).hasSize(60);
    Eventually.until(
        WITHIN, "stream and retry set empty", () -> fx.streamLen() == 0 && fx.retryLen() == 0);
    assertThat(fx.len(mutt.app.runtime().keys().moogDlq)).isZero();
    assertThat(fx.metric("mutt_circuit_breaker_state_changes_total", "to_state=\"OPEN\""))
        .isGreaterThanOrEqualTo(1);
    assertThat(fx.metric("mutt_circuit_breaker_state_changes_total", "to_state=\"CLOSED\""))
        .isGreaterThanOrEqualTo(1);
    assertThat(fx.metric("mutt_moog_requests_total", "reason=\"http\"")).isGreaterThanOrEqualTo(5);
    assertThat(fx.metric("mutt_moog_requests_total", "status=\"success\"")).isEqualTo(60);
    assertThat(fx.metric("mutt_circuit_breaker_state", "name=\"moogsoft\"")).isZero();
    assertThat(fx.metric("mutt_moog_circuit_open", null)).isZero();
  }

  @Test
  void
      a_circuit_opened_elsewhere_stops_this_forwarder_within_a_second_and_keeps_its_alerts_queued() {
    start(Map.of("CIRCUIT_BREAKER_TIMEOUT", "30"));
    var rt = mutt.app.runtime();
    double openedAt = System.currentTimeMillis() / 1000.0;
    // another node's transition is nothing but these writes
    rt.redis()
        .send(
            io.vertx.redis.client.Request.cmd(io.vertx.redis.client.Command.MSET)
                .arg(rt.keys().circuitOpenTime)
                .arg(String.format(java.util.Locale.ROOT, "%.6f", openedAt))
                .arg(rt.keys().circuitState)
                .arg("OPEN"))
        .await();
    long t0 = System.nanoTime();
    Eventually.until(
        Duration.ofSeconds(1),
        "local state OPEN within a second",
        () -> fx.metric("mutt_circuit_breaker_state", "name=\"moogsoft\"") == 2.0);
    System.out.printf(
        "circuit OPEN seen locally after %d ms%n", (System.nanoTime() - t0) / 1_000_000);
    fx.append(5, "held");
    Eventually.pause(800);
    Eventually.pause(700);
    assertThat(moog.count()).isZero();
    assertThat(fx.metric("mutt_moog_circuit_open", null)).isEqualTo(1.0);
    assertThat(fx.streamLen() + fx.retryLen()).isEqualTo(5);
    rt.redis()
        .send(
            io.vertx.redis.client.Request.cmd(io.vertx.redis.client.Command.SET)
                .arg(rt.keys().circuitState)
                .arg("CLOSED"))
        .await();
    Eventually.until(WITHIN, "delivered after closing", () -> moog.count() == 5);
    assertThat(fx.len(rt.keys().moogDlq)).isZero();
    assertThat(fx.metric("mutt_moog_alerts_processed_total", "status=\"error\""))
        .as("no retry budget spent")
        .isZero();
  }

  @Test
  void an_answer_slower_than_the_webhook_timeout_is_retried_and_then_delivered() {
    start(Map.of("MOOG_WEBHOOK_TIMEOUT", "0.3"));
    moog.faults(
        new JsonObject().put("mode", "delay").put("delay_ms", 1200).put("duration_ms", 500));
    fx.append(1, "slow");
    Eventually.until(
        WITHIN,
        "delivered after a timeout",
        () -> fx.metric("mutt_moog_alerts_processed_total", "status=\"success\"") == 1.0);
    assertThat(fx.metric("mutt_moog_alerts_processed_total", "status=\"error\""))
        .isGreaterThanOrEqualTo(1);
    assertThat(fx.metric("mutt_moog_requests_total", "reason=\"http\"")).isGreaterThanOrEqualTo(1);
    assertThat(fx.len(mutt.app.runtime().keys().moogDlq)).isZero();
    Eventually.until(
        WITHIN, "stream and retry set empty", () -> fx.streamLen() == 0 && fx.retryLen() == 0);
  }

  @Test
  void retries_exhausted_dead_letter_the_alert_with_the_attempt_count() {
    start(Map.of("MOOG_MAX_RETRIES", "2", "CIRCUIT_BREAKER_ENABLED", "false"));
    moog.faults(new JsonObject().put("mode", "status").put("status", 503));
    fx.append(1, "doomed");
    String dlq = mutt.app.runtime().keys().moogDlq;
    Eventually.until(WITHIN, "alert in the Moog DLQ", () -> fx.len(dlq) == 1);
    JsonObject entry = fx.list(dlq).get(0);
    assertThat(entry.getString("dlq_reason")).isEqualTo("retry_exhausted");
    assertThat(entry.getInteger("last_status")).isEqualTo(503);
    assertThat(entry.getInteger("_moog_retry_count")).isEqualTo(3);
    assertThat(moog.stats().getLong("faulted")).isEqualTo(3);
    assertThat(fx.metric("mutt_moog_requests_total", "reason=\"retry_exhausted\"")).isEqualTo(1.0);
  }
}
