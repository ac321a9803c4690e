package org.nas4j.profiler.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class DistributionsTest {
  @Test
  void studentTQuantilesMatchTables() {
    assertThat(Distributions.studentTQuantile(0.975, 10)).isCloseTo(2.228139, within(1e-5));
    assertThat(Distributions.studentTQuantile(0.95, 4)).isCloseTo(2.131847, within(1e-5));
    assertThat(Distributions.studentTQuantile(0.95, 1)).isCloseTo(6.313752, within(1e-4));
    assertThat(Distributions.studentTQuantile(0.95, 1e7)).isCloseTo(1.644854, within(1e-5));
    assertThat(Distributions.studentTCdf(0, 3)).isCloseTo(0.5, within(1e-12));
    assertThat(Distributions.studentTCdf(-2.228139, 10)).isCloseTo(0.025, within(1e-6));
  }

  @Test
  void binomialCdfAndLogGamma() {
    assertThat(Distributions.binomialHalfCdf(1, 10)).isCloseTo(11 / 1024.0, within(1e-12));
    assertThat(Distributions.binomialHalfCdf(10, 10)).isEqualTo(1);
    assertThat(LegacyDistributions.logGamma(5)).isCloseTo(Math.log(24), within(1e-10));
    assertThat(LegacyDistributions.logGamma(0.5)).isCloseTo(Math.log(Math.sqrt(Math.PI)), within(1e-10));
  }
}
