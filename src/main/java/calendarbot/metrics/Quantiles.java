package calendarbot.metrics;

/**
 * Quantiles from cumulative histogram buckets, interpolated linearly inside the bucket that holds
 * the rank, as Prometheus's {@code histogram_quantile} does.
 */
final class Quantiles {
  private Quantiles() {}

  /**
   * The {@code q} quantile of {@code total} observations.
   *
   * @param bounds the buckets' upper bounds, ascending (the lowest bucket starts at 0)
   * @param cumulative observations at or below each bound
   * @param total all observations, including those above the last bound
   * @return 0 when there are no observations; the last bound when the rank lies above it
   */
  static double of(double q, double[] bounds, double[] cumulative, double total) {
    if (total <= 0 || bounds.length == 0) {
      return 0;
    }
    double rank = q * total;
    double lowerBound = 0;
    double lowerCount = 0;
    for (int i = 0; i < bounds.length; i++) {
      if (cumulative[i] >= rank && cumulative[i] > lowerCount) {
        double share = (rank - lowerCount) / (cumulative[i] - lowerCount);
        return lowerBound + (bounds[i] - lowerBound) * share;
      }
      lowerBound = bounds[i];
      lowerCount = cumulative[i];
    }
    return bounds[bounds.length - 1];
  }
}
