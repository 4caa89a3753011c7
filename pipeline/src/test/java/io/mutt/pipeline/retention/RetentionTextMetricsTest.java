package io.mutt.pipeline.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetentionTextMetricsTest {

  @Test
  void the_text_file_carries_counts_per_type_policy_days_and_the_run_time() {
    RetentionOutcome outcome =
        new RetentionOutcome(
            false,
            3,
            12,
            1,
            4,
            7,
            Map.of("mutt:dlq:alerter", 2L, "mutt:dlq:dead", 1L),
            List.of(),
            0.4);
    String text = RetentionTextMetrics.render(outcome, RetentionPolicy.DEFAULTS, 1_763_000_000.25);
    assertThat(text)
        .contains("# TYPE mutt_retention_cleanup_records_deleted_total counter\n")
        .contains("mutt_retention_cleanup_records_deleted_total{type=\"config_audit\"} 7\n")
        .contains("mutt_retention_cleanup_records_deleted_total{type=\"event_audit\"} 12\n")
        .contains("mutt_retention_cleanup_records_deleted_total{type=\"dlq\"} 3\n")
        .contains("mutt_retention_policy_days{type=\"event_audit\"} 90\n")
        .contains("mutt_retention_policy_days{type=\"dlq\"} 30\n")
        .contains("mutt_retention_cleanup_last_run_timestamp_seconds 1763000000.250\n")
        .contains("mutt_retention_cleanup_dry_run 0\n")
        .contains("mutt_retention_cleanup_success 1\n");
  }

  @Test
  void a_dry_run_with_a_failed_task_says_so() {
    RetentionOutcome outcome =
        new RetentionOutcome(true, 3, 0, 0, 0, 0, Map.of(), List.of("dlq"), 0.1);
    String text = RetentionTextMetrics.render(outcome, RetentionPolicy.DEFAULTS, 1);
    assertThat(text)
        .contains("mutt_retention_cleanup_dry_run 1\n")
        .contains("mutt_retention_cleanup_success 0\n");
  }
}
