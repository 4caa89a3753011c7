package io.mutt.pipeline.slo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SloEvaluatorTest {

  private static final SloSettings DEFAULTS = new SloSettings(k -> Optional.empty());

  @Test
  void a_ratio_within_target_is_ok_with_budget_and_burn() {
    SloResult r =
        SloEvaluator.evaluate(SloCatalogue.INGESTOR_AVAILABILITY, DEFAULTS, 0.9995, "Prometheus");
    assertThat(r.status()).isEqualTo("ok");
    assertThat(r.burnRate()).isCloseTo(0.5, within(1e-9));
    assertThat(r.errorBudgetRemaining()).isCloseTo(0.5, within(1e-9));
    assertThat(r.message()).isEqualTo("Within target");
    assertThat(r.toMap()).containsEntry("target", 0.999).containsEntry("window_hours", 24);
  }

  @Test
  void burn_rates_reach_warning_then_critical_and_a_small_miss_is_breaching() {
    assertThat(
            SloEvaluator.evaluate(SloCatalogue.INGESTOR_AVAILABILITY, DEFAULTS, 0.998, "P")
                .status())
        .isEqualTo("breaching");
    SloResult warn =
        SloEvaluator.evaluate(SloCatalogue.INGESTOR_AVAILABILITY, DEFAULTS, 0.995, "P");
    assertThat(warn.status()).isEqualTo("warning");
    assertThat(warn.message()).isEqualTo("Warning burn rate (5.00x target)");
    SloResult crit = SloEvaluator.evaluate(SloCatalogue.INGESTOR_AVAILABILITY, DEFAULTS, 0.98, "P");
    assertThat(crit.status()).isEqualTo("critical");
    assertThat(crit.message()).isEqualTo("Critical burn rate (20.00x target)");
    assertThat(crit.errorBudgetRemaining()).isCloseTo(-19.0, within(1e-6));
  }

  @Test
  void no_data_is_critical_with_null_budget_and_the_source_named() {
    SloResult r =
        SloEvaluator.evaluate(SloCatalogue.FORWARDER_LATENCY, DEFAULTS, Double.NaN, "Prometheus");
    assertThat(r.status()).isEqualTo("critical");
    assertThat(r.message()).isEqualTo("No data from Prometheus");
    assertThat(r.toMap())
        .containsEntry("target_seconds", 2.0)
        .containsEntry("burn_rate", null)
        .containsEntry("actual_value", null);
  }

  @Test
  void latency_bounds_give_the_four_states() {
    assertThat(SloEvaluator.evaluate(SloCatalogue.INGESTOR_LATENCY, DEFAULTS, 0.2, "P").message())
        .isEqualTo("Within target latency");
    assertThat(SloEvaluator.evaluate(SloCatalogue.INGESTOR_LATENCY, DEFAULTS, 0.6, "P").status())
        .isEqualTo("breaching");
    assertThat(SloEvaluator.evaluate(SloCatalogue.INGESTOR_LATENCY, DEFAULTS, 0.8, "P").message())
        .isEqualTo("Warning latency (0.800s > 0.750s)");
    assertThat(SloEvaluator.evaluate(SloCatalogue.INGESTOR_LATENCY, DEFAULTS, 1.2, "P").message())
        .isEqualTo("Critical latency (1.200s > 1.000s)");
  }

  @Test
  void dynamic_settings_override_window_targets_and_thresholds_in_order() {
    Map<String, String> dyn =
        Map.of(
            "slo_window_hours",
            "12",
            "slo_forwarder_availability_window_hours",
            "6",
            "slo_forward_success_target",
            "0.9",
            "slo_burn_rate_warning",
            "2",
            "slo_ingestor_latency_p99_upper_bound_critical",
            "0.6",
            "slo_burn_rate_critical",
            "garbage");
    SloSettings s = new SloSettings(k -> Optional.ofNullable(dyn.get(k)));
    assertThat(s.globalWindowHours()).isEqualTo(12);
    assertThat(s.windowHours(SloCatalogue.FORWARDER_AVAILABILITY)).isEqualTo(6);
    assertThat(s.windowHours(SloCatalogue.INGESTOR_AVAILABILITY)).isEqualTo(12);
    assertThat(s.target(SloCatalogue.FORWARDER_AVAILABILITY)).isEqualTo(0.9);
    assertThat(s.warn(SloCatalogue.ALERTER_PROCESSING)).isEqualTo(2.0);
    assertThat(s.critical(SloCatalogue.ALERTER_PROCESSING)).isEqualTo(10.0);
    assertThat(s.critical(SloCatalogue.INGESTOR_LATENCY)).isEqualTo(0.6);
    assertThat(SloCatalogue.INGESTOR_AVAILABILITY.query(6)).contains("[6h]").doesNotContain("[W]");
  }

  @Test
  void components_map_statuses_to_ok_warn_critical() {
    List<SloResult> results =
        List.of(
            SloEvaluator.evaluate(SloCatalogue.INGESTOR_AVAILABILITY, DEFAULTS, 0.998, "P"),
            SloEvaluator.evaluate(SloCatalogue.FORWARDER_AVAILABILITY, DEFAULTS, null, "P"),
            SloEvaluator.evaluate(SloCatalogue.INGESTOR_LATENCY, DEFAULTS, 0.1, "P"));
    Map<String, Object> c = SloEvaluator.components(results);
    assertThat(c).containsOnlyKeys("ingestor", "forwarder");
    assertThat((Map<String, Object>) c.get("ingestor"))
        .containsEntry("state", "warn")
        .containsEntry("availability", 0.998);
    assertThat((Map<String, Object>) c.get("forwarder")).containsEntry("state", "critical");
  }

  @Test
  void histogram_quantile_interpolates_inside_the_bucket_like_prometheus() {
    double[] bounds = {0.1, 0.5, 1.0};
    assertThat(HistogramQuantile.of(0.5, bounds, new double[] {0, 100, 100}, 100))
        .isCloseTo(0.3, within(1e-9));
    assertThat(HistogramQuantile.of(0.99, bounds, new double[] {50, 50, 50}, 100)).isEqualTo(1.0);
    assertThat(HistogramQuantile.of(0.99, bounds, new double[] {0, 0, 0}, 0)).isNaN();
  }
}
