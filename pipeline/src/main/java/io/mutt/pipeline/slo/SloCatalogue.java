package io.mutt.pipeline.slo;

import java.util.List;

/** The six SLOs of the SLO report with their targets, thresholds and Prometheus expressions. */
public final class SloCatalogue {

  public static final SloDefinition INGESTOR_AVAILABILITY =
      new SloDefinition(
          "ingestor_availability",
          SloDefinition.Kind.RATIO,
          0.999,
          5,
          10,
          "Share of ingest requests answered successfully",
          "sum(rate(mutt_ingest_requests_total{status=\"success\"}[W])) / sum(rate(mutt_ingest_requests_total[W]))");
  public static final SloDefinition INGESTOR_LATENCY =
      new SloDefinition(
          "ingestor_latency_p99",
          SloDefinition.Kind.LATENCY,
          0.5,
          0.75,
          1.0,
          "99th percentile ingest request latency",
          "histogram_quantile(0.99, sum(rate(mutt_ingest_latency_seconds_bucket[W])) by (le))");
  public static final SloDefinition FORWARDER_AVAILABILITY =
      new SloDefinition(
          "forwarder_availability",
          SloDefinition.Kind.RATIO,
          0.995,
          5,
          10,
          "Share of Moogsoft deliveries that succeeded",
          "sum(rate(mutt_moog_requests_total{status=\"success\"}[W])) / sum(rate(mutt_moog_requests_total[W]))");
  public static final SloDefinition FORWARDER_LATENCY =
      new SloDefinition(
          "forwarder_latency_p99",
          SloDefinition.Kind.LATENCY,
          2.0,
          3.0,
          5.0,
          "99th percentile Moogsoft request latency",
          "histogram_quantile(0.99, sum(rate(mutt_moog_request_latency_seconds_bucket[W])) by (le))");
  public static final SloDefinition ALERTER_PROCESSING =
      new SloDefinition(
          "alerter_processing_success",
          SloDefinition.Kind.RATIO,
          0.999,
          5,
          10,
          "Share of events the alerter processed as handled",
          "sum(rate(mutt_alerter_events_processed_total{status=\"handled\"}[W])) / "
              + "sum(rate(mutt_alerter_events_processed_total[W]))");
  public static final SloDefinition ALERTER_CACHE_RELOAD =
      new SloDefinition(
          "alerter_cache_reload_success",
          SloDefinition.Kind.RATIO,
          0.99,
          5,
          10,
          "Share of rule-cache reloads that succeeded",
          "1 - sum(rate(mutt_alerter_cache_reload_failures_total[W])) / sum(rate(mutt_alerter_cache_reload_total[W]))");

  public static final List<SloDefinition> ALL =
      List.of(
          INGESTOR_AVAILABILITY,
          INGESTOR_LATENCY,
          FORWARDER_AVAILABILITY,
          FORWARDER_LATENCY,
          ALERTER_PROCESSING,
          ALERTER_CACHE_RELOAD);

  private SloCatalogue() {}
}
