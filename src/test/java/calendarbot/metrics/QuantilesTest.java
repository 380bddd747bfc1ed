package calendarbot.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class QuantilesTest {
  private static final double[] BOUNDS = {1, 2, 5};

  @Test
  void of_noObservations_isZero() {
    assertThat(Quantiles.of(0.99, BOUNDS, new double[3], 0)).isZero();
  }

  @Test
  void of_rankInsideABucket_interpolatesLinearly() {
    // 10 at or below 1, 10 more in (1, 2], none above.
    double[] cumulative = {10, 20, 20};
    assertThat(Quantiles.of(0.5, BOUNDS, cumulative, 20)).isCloseTo(1.0, within(1e-9));
    assertThat(Quantiles.of(0.75, BOUNDS, cumulative, 20)).isCloseTo(1.5, within(1e-9));
    assertThat(Quantiles.of(0.25, BOUNDS, cumulative, 20)).isCloseTo(0.5, within(1e-9));
  }

  @Test
  void of_emptyBucketsBelowTheRank_areSkipped() {
    double[] cumulative = {0, 0, 4};
    assertThat(Quantiles.of(0.5, BOUNDS, cumulative, 4)).isCloseTo(3.5, within(1e-9));
  }

  @Test
  void of_rankAboveTheLastBound_isTheLastBound() {
    double[] cumulative = {1, 1, 1};
    assertThat(Quantiles.of(0.99, BOUNDS, cumulative, 10)).isEqualTo(5.0);
  }
}
