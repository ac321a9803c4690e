package org.nas4j.profiler.bench;

import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.apache.commons.statistics.distribution.TDistribution;

/**
 * The distribution functions the gate's statistics need, all from Apache Commons Statistics: Student's t (CDF and
 * quantile, fractional degrees of freedom allowed) and the Binomial(n, 1/2) CDF behind the median's interval. They
 * replaced nas's own log-gamma / incomplete-beta code; {@code LibraryStatisticsTest} checks that every verdict and
 * p-value of the recorded gate runs is unchanged to 1e-9. Stateless and thread-safe.
 */
public final class Distributions {
  private Distributions() {}

  /** P(T <= t) for Student's t with {@code df} degrees of freedom (df > 0, may be fractional). */
  public static double studentTCdf(double t, double df) {
    return t(df).cumulativeProbability(t);
  }

  /** The p-quantile of Student's t with {@code df} degrees of freedom, 0 < p < 1. */
  public static double studentTQuantile(double p, double df) {
    if (!(p > 0 && p < 1)) {
      throw new IllegalArgumentException("p must be in (0, 1), got " + p);
    }
    return t(df).inverseCumulativeProbability(p);
  }

  /** P(X <= k) for X ~ Binomial(n, 1/2), n >= 0. */
  public static double binomialHalfCdf(int k, int n) {
    return BinomialDistribution.of(n, 0.5).cumulativeProbability(k);
  }

  private static TDistribution t(double df) {
    if (!(df > 0)) {
      throw new IllegalArgumentException("df must be > 0, got " + df);
    }
    return TDistribution.of(df);
  }
}
