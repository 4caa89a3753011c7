package io.mutt.pipeline.slo;

/**
 * One entry of the SLO catalogue.
 *
 * @param name e.g. {@code ingestor_availability}
 * @param kind ratio (share of good events) or latency (p99 seconds)
 * @param target ratio target, or latency target in seconds
 * @param warn burn-rate (ratio) or latency (seconds) warning threshold; for latency NaN = 1.5 ×
 *     target
 * @param critical burn-rate or latency critical threshold; for latency NaN = 2 × target
 * @param description free text shown to operators
 * @param expression PromQL with {@code W} standing for the window, e.g. {@code [W]} → {@code [24h]}
 */
public record SloDefinition(
    String name,
    Kind kind,
    double target,
    double warn,
    double critical,
    String description,
    String expression) {

  public enum Kind {
    RATIO,
    LATENCY
  }

  /** The PromQL query for a window of {@code hours}. */
  public String query(int hours) {
    return expression.replace("[W]", "[" + hours + "h]");
  }
}
