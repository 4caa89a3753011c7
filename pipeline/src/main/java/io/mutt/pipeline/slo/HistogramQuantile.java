package io.mutt.pipeline.slo;

/**
 * Prometheus' {@code histogram_quantile} over cumulative bucket counts, used when SLO latencies are
 * computed from MUTT's own histograms instead of Prometheus (local source): find the bucket holding
 * rank q·count and interpolate linearly inside it; a rank in the +Inf bucket answers the highest
 * finite bound.
 */
public final class HistogramQuantile {

  private HistogramQuantile() {}

  /**
   * @param upperBounds finite bucket upper bounds, ascending
   * @param cumulativeCounts observations ≤ each bound (same length)
   * @param total all observations (including those above the last bound)
   * @return the estimate, or NaN when there are no observations
   */
  public static double of(double q, double[] upperBounds, double[] cumulativeCounts, double total) {
    if (total <= 0 || upperBounds.length == 0) {
      return Double.NaN;
    }
    double rank = q * total;
    double lowerBound = 0;
    double lowerCount = 0;
    for (int i = 0; i < upperBounds.length; i++) {
      if (cumulativeCounts[i] >= rank) {
        double inBucket = cumulativeCounts[i] - lowerCount;
        if (inBucket <= 0) {
          return upperBounds[i];
        }
        return lowerBound + (upperBounds[i] - lowerBound) * (rank - lowerCount) / inBucket;
      }
      lowerBound = upperBounds[i];
      lowerCount = cumulativeCounts[i];
    }
    return upperBounds[upperBounds.length - 1];
  }
}
