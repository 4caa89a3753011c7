package io.mutt.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The load generator's hand-written events and the stand-in's number scan agree with plain JSON
 * handling.
 */
class BenchToolsTest {

  @Test
  void the_generated_event_text_is_the_same_json_as_the_object_form() {
    long now = 1_796_395_688_123L;
    for (long n : new long[] {0, 1, 7, 499, 500, 123_456_789L}) {
      String text =
          LoadGenerator.event(new StringBuilder(), n, now, Instant.ofEpochMilli(now).toString())
              .toString();
      assertThat(new JsonObject(text)).isEqualTo(LoadGenerator.eventJson(n, now));
    }
  }

  @Test
  void the_receiver_finds_the_marks_inside_custom_info_and_reports_minus_one_without_them() {
    JsonObject event = LoadGenerator.eventJson(42, 1_796_395_688_123L);
    byte[] body =
        new JsonObject()
            .put("signature", "h")
            .put("custom_info", event)
            .encode()
            .getBytes(StandardCharsets.UTF_8);
    assertThat(BenchReceiver.number(body, "\"bench_sent_ms\":".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo(1_796_395_688_123L);
    assertThat(BenchReceiver.number(body, "\"bench_seq\":".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo(42);
    assertThat(
            BenchReceiver.number(
                "{\"probe\":1}".getBytes(StandardCharsets.US_ASCII),
                "\"bench_seq\":".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo(-1);
  }
}
