package io.mutt.pipeline.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeadLettersTest {

  private static final Instant NOW = Instant.parse("2026-11-22T10:00:00.123456Z");

  @Test
  void a_failed_event_keeps_its_fields_and_gains_failed_at_reason_and_retry_count() {
    Map<String, Object> out =
        DeadLetters.failed(Map.of("hostname", "r1", "_event_id", "e1"), "boom", 4, NOW);
    assertThat(out)
        .containsEntry("hostname", "r1")
        .containsEntry("_event_id", "e1")
        .containsEntry("_retry_count", 4)
        .containsEntry("dlq_reason", "boom")
        .containsEntry("failed_at", "2026-11-22T10:00:00.123456+00:00");
  }

  @Test
  void a_shed_event_carries_the_shedding_reason() {
    Map<String, Object> out =
        DeadLetters.shed(Map.of("hostname", "r1"), "queue_depth_exceeded:3>1", NOW);
    assertThat(out)
        .containsEntry("shedding_reason", "queue_depth_exceeded:3>1")
        .containsEntry("dlq_reason", "load shed: queue_depth_exceeded:3>1")
        .containsKey("failed_at")
        .doesNotContainKey("_retry_count");
  }
}
