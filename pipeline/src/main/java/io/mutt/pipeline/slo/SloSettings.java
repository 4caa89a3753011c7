package io.mutt.pipeline.slo;

import java.util.Optional;
import java.util.function.Function;

/**
 * Resolves the per-SLO settings from dynamic configuration: window {@code slo_<name>_window_hours}
 * → {@code slo_window_hours} → 24; burn thresholds {@code slo_<name>_burn_rate_warning|critical} →
 * {@code slo_burn_rate_warning|critical} → catalogue; latency bounds {@code
 * slo_<name>_upper_bound_warning|critical} → catalogue → 1.5×/2× target; target overrides {@code
 * slo_ingest_success_target} and {@code slo_forward_success_target}. Unparsable or non-positive
 * values are ignored.
 */
public final class SloSettings {

  private final Function<String, Optional<String>> lookup;

  public SloSettings(Function<String, Optional<String>> lookup) {
    this.lookup = lookup;
  }

  public int globalWindowHours() {
    return (int) positive("slo_window_hours").orElse(24.0).doubleValue();
  }

  public int windowHours(SloDefinition d) {
    return (int)
        positive("slo_" + d.name() + "_window_hours")
            .orElse((double) globalWindowHours())
            .doubleValue();
  }

  public double target(SloDefinition d) {
    String key =
        switch (d.name()) {
          case "ingestor_availability" -> "slo_ingest_success_target";
          case "forwarder_availability" -> "slo_forward_success_target";
          default -> null;
        };
    return key == null ? d.target() : positive(key).filter(v -> v <= 1.0).orElse(d.target());
  }

  public double warn(SloDefinition d) {
    if (d.kind() == SloDefinition.Kind.RATIO) {
      return positive("slo_" + d.name() + "_burn_rate_warning")
          .or(() -> positive("slo_burn_rate_warning"))
          .orElse(d.warn());
    }
    return positive("slo_" + d.name() + "_upper_bound_warning")
        .orElse(Double.isNaN(d.warn()) ? 1.5 * target(d) : d.warn());
  }

  public double critical(SloDefinition d) {
    if (d.kind() == SloDefinition.Kind.RATIO) {
      return positive("slo_" + d.name() + "_burn_rate_critical")
          .or(() -> positive("slo_burn_rate_critical"))
          .orElse(d.critical());
    }
    return positive("slo_" + d.name() + "_upper_bound_critical")
        .orElse(Double.isNaN(d.critical()) ? 2 * target(d) : d.critical());
  }

  private Optional<Double> positive(String key) {
    return lookup
        .apply(key)
        .flatMap(
            s -> {
              try {
                double v = Double.parseDouble(s.trim());
                return v > 0 && !Double.isInfinite(v) ? Optional.of(v) : Optional.empty();
              } catch (NumberFormatException e) {
                return Optional.empty();
              }
            });
  }
}
