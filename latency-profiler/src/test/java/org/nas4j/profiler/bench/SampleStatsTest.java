package org.nas4j.profiler.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SampleStatsTest {
  @Test
  void summarisesKnownSamples() {
    double[] s = new double[101];
    for (int i = 0; i < s.length; i++) {
      s[100 - i] = i + 1; // 101..1, unsorted on purpose
    }
    SampleStats st = SampleStats.of(s);
    assertThat(st.n()).isEqualTo(101);
    assertThat(st.p50Ms()).isEqualTo(51);
    assertThat(st.p90Ms()).isEqualTo(91);
    assertThat(st.meanMs()).isEqualTo(51);
    assertThat(st.stdevMs()).isCloseTo(Math.sqrt(101 * 102 / 12.0), within(1e-9));
    assertThat(st.madMs()).isEqualTo(25);
    assertThat(st.minMs()).isEqualTo(1);
    assertThat(st.maxMs()).isEqualTo(101);
    assertThat(st.p50CiLowMs()).isLessThan(51).isGreaterThan(35);
    assertThat(st.p50CiHighMs()).isGreaterThan(51).isLessThan(67);
    assertThat(st.p50CiLevel()).isGreaterThanOrEqualTo(0.95);
  }

  @Test
  void medianIntervalRanksMatchTheBinomialTable() {
    // Published distribution-free 95% intervals of the median (Conover): n=10 -> (2, 9), n=20 -> (6, 15),
    // n=100 -> (40, 61).
    assertThat(SampleStats.medianCiRanks(10, 0.95)).containsExactly(2, 9);
    assertThat(SampleStats.medianCiRanks(20, 0.95)).containsExactly(6, 15);
    assertThat(SampleStats.medianCiRanks(100, 0.95)).containsExactly(40, 61);
    int[] big = SampleStats.medianCiRanks(10_000, 0.95);
    assertThat(big[0]).isBetween(4900, 4903);
    assertThat(Distributions.binomialHalfCdf(big[0] - 1, 10_000)).isLessThanOrEqualTo(0.025);
  }

  @Test
  void medianIntervalCoversTheTrueMedianOfASkewedDistribution() {
    // Exponential(1): true median ln 2. Coverage of 2000 intervals of n = 51 must be near 95% (exact >= 95%).
    SplittableRandom random = new SplittableRandom(7);
    int covered = 0;
    int trials = 2000;
    for (int t = 0; t < trials; t++) {
      double[] s = new double[51];
      for (int i = 0; i < s.length; i++) {
        s[i] = -Math.log(1 - random.nextDouble());
      }
      SampleStats st = SampleStats.of(s);
      if (st.p50CiLowMs() <= Math.log(2) && Math.log(2) <= st.p50CiHighMs()) {
        covered++;
      }
    }
    assertThat(covered / (double) trials).isBetween(0.935, 0.985);
  }

  @Test
  void medianAndItsIntervalIgnoreOutliersButTheMeanDoesNot() {
    SplittableRandom random = new SplittableRandom(3);
    double[] s = new double[310];
    for (int i = 0; i < 300; i++) {
      s[i] = 1.0 + 0.02 * random.nextGaussian();
    }
    Arrays.fill(s, 300, 310, 100.0); // ten preempted runs
    SampleStats st = SampleStats.of(s);
    assertThat(st.p50Ms()).isCloseTo(1.0, within(0.01));
    assertThat(st.p50CiHighMs()).isLessThan(1.01);
    assertThat(st.meanMs()).isGreaterThan(4.0);
    assertThat(st.cvPct()).isGreaterThan(100);
  }

  @Test
  void rejectsEmptyAndNonFiniteSamples() {
    assertThatThrownBy(() -> SampleStats.of(new double[0])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SampleStats.of(new double[] {1, Double.NaN}))
        .hasMessageContaining("finite");
  }

  @Test
  void tinySamplesFallBackToTheRange() {
    SampleStats st = SampleStats.of(new double[] {3, 1, 2});
    assertThat(st.p50CiLowMs()).isEqualTo(1);
    assertThat(st.p50CiHighMs()).isEqualTo(3);
    assertThat(st.p50CiLevel()).isCloseTo(0.75, within(1e-12));
  }
}
