package io.mutt.pipeline.retention;

import java.util.Locale;
import java.util.Map;

/**
 * The node-exporter text-file metrics written after a retention run started from the command line:
 * {@code mutt_retention_cleanup_records_deleted_total{type}}, {@code
 * mutt_retention_policy_days{type}} and {@code mutt_retention_cleanup_last_run_timestamp_seconds},
 * plus {@code mutt_retention_cleanup_dry_run} (1 when the counts are what a live run would remove)
 * and {@code mutt_retention_cleanup_success}.
 */
public final class RetentionTextMetrics {

  private RetentionTextMetrics() {}

  public static String render(
      RetentionOutcome outcome, RetentionPolicy policy, double epochSeconds) {
    StringBuilder sb = new StringBuilder();
    header(
        sb,
        "mutt_retention_cleanup_records_deleted_total",
        "counter",
        "Records removed by the last retention run, per data type");
    for (Map.Entry<String, Long> e : outcome.deletedByType().entrySet()) {
      sb.append("mutt_retention_cleanup_records_deleted_total{type=\"")
          .append(e.getKey())
          .append("\"} ")
          .append(e.getValue())
          .append('\n');
    }
    header(sb, "mutt_retention_policy_days", "gauge", "Retention window in days, per data type");
    for (Map.Entry<String, Integer> e : policy.policyDays().entrySet()) {
      sb.append("mutt_retention_policy_days{type=\"")
          .append(e.getKey())
          .append("\"} ")
          .append(e.getValue())
          .append('\n');
    }
    header(
        sb,
        "mutt_retention_cleanup_last_run_timestamp_seconds",
        "gauge",
        "End of the last retention run");
    sb.append("mutt_retention_cleanup_last_run_timestamp_seconds ")
        .append(String.format(Locale.ROOT, "%.3f", epochSeconds))
        .append('\n');
    header(sb, "mutt_retention_cleanup_dry_run", "gauge", "1 when the last run only counted");
    sb.append("mutt_retention_cleanup_dry_run ").append(outcome.dryRun() ? 1 : 0).append('\n');
    header(
        sb,
        "mutt_retention_cleanup_success",
        "gauge",
        "1 when every task of the last run succeeded");
    sb.append("mutt_retention_cleanup_success ").append(outcome.succeeded() ? 1 : 0).append('\n');
    return sb.toString();
  }

  private static void header(StringBuilder sb, String name, String type, String help) {
    sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
    sb.append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }
}
