package io.mutt.forwarder;

import static org.assertj.core.api.Assertions.assertThat;

import io.mutt.testsupport.Eventually;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The forwarder's basic paths against real Redis and the Moogsoft stand-in
 * (docs/reference/moogsoft-payload.md).
 */
class ForwarderDeliveryTest extends ForwarderTestCase {

  static final Duration WITHIN = Duration.ofSeconds(10);

  @Test
  void an_alert_is_posted_with_the_spec_payload_and_the_bearer_key_then_removed_from_the_stream()
      throws Exception {
    start(Map.of());
    fx.append(1, "cid-ok");
    Eventually.until(WITHIN, "one alert at the stand-in", () -> moog.count() == 1);
    JsonObject got = moog.eventsWithMeta(1).getJsonObject(0);
    JsonObject event = got.getJsonObject("event");
    assertThat(event.fieldNames())
        .containsExactlyInAnyOrder(
            "signature",
            "source_id",
            "external_id",
            "manager",
            "source",
            "class",
            "agent",
            "agent_location",
            "type",
            "severity",
            "description",
            "agent_time",
            "custom_info");
    assertThat(event.getString("signature")).isEqualTo("host-0");
    assertThat(event.getString("source_id")).isEqualTo("host-0");
    assertThat(event.getString("external_id")).isEqualTo("cid-ok-0");
    assertThat(event.getString("manager")).isEqualTo("MUTT");
    assertThat(event.getString("source")).isEqualTo("MUTT Alerter");
    assertThat(event.getString("class")).isEqualTo("NetOps");
    assertThat(event.getString("agent")).isEqualTo("MUTT v2.5");
    assertThat(event.getString("agent_location")).isEqualTo("Alerter Service");
    assertThat(event.getString("type")).isEqualTo("Alert");
    assertThat(event.getInteger("severity")).isEqualTo(5);
    assertThat(event.getString("description")).isEqualTo("link down on host-0");
    assertThat(event.getLong("agent_time"))
        .isCloseTo(System.currentTimeMillis() / 1000, org.assertj.core.data.Offset.offset(30L));
    assertThat(event.getJsonObject("custom_info").getString("message")).isEqualTo("link down");
    String expected =
        "Bearer sha256:"
            + HexFormat.of()
                .formatHex(
                    MessageDigest.getInstance("SHA-256")
                        .digest("Bearer test-moog-key-0123456789".getBytes(StandardCharsets.UTF_8)))
                .substring(0, 16);
    assertThat(got.getString("authorization")).isEqualTo(expected);
    Eventually.until(WITHIN, "stream emptied", () -> fx.streamLen() == 0);
    assertThat(fx.metric("mutt_moog_requests_total", "status=\"success\"")).isEqualTo(1.0);
    assertThat(fx.metric("mutt_moog_alerts_processed_total", "status=\"success\"")).isEqualTo(1.0);
  }

  @Test
  void a_400_answer_dead_letters_the_alert_at_once_with_reason_status_count_and_time() {
    start(Map.of());
    moog.faults(new JsonObject().put("mode", "status").put("status", 400));
    fx.append(1, "cid-bad");
    String dlq = mutt.app.runtime().keys().moogDlq;
    Eventually.until(WITHIN, "alert in the Moog DLQ", () -> fx.len(dlq) == 1);
    JsonObject entry = fx.list(dlq).get(0);
    assertThat(entry.getString("_correlation_id")).isEqualTo("cid-bad-0");
    assertThat(entry.getString("dlq_reason")).isEqualTo("non_retryable_status");
    assertThat(entry.getInteger("last_status")).isEqualTo(400);
    assertThat(entry.getInteger("_moog_retry_count")).isZero();
    assertThat(entry.getString("failed_at")).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    assertThat(fx.streamLen()).isZero();
    assertThat(fx.retryLen()).isZero();
    assertThat(moog.stats().getLong("faulted")).isEqualTo(1);
    assertThat(fx.metric("mutt_moog_alerts_processed_total", "status=\"dlq\"")).isEqualTo(1.0);
  }

  @Test
  void text_that_is_not_json_goes_to_the_dead_letter_list_instead_of_being_dropped() {
    start(Map.of());
    fx.appendRaw("not json {");
    String dead = mutt.app.runtime().keys().deadLetters;
    Eventually.until(WITHIN, "entry in dead letters", () -> fx.len(dead) == 1);
    JsonObject entry = fx.list(dead).get(0);
    assertThat(entry.getString("raw")).isEqualTo("not json {");
    assertThat(entry.getString("dlq_reason")).isEqualTo("invalid_json");
    assertThat(moog.count()).isZero();
  }
}
