package org.nas4j.search.study;

import org.apache.commons.math3.stat.correlation.KendallsCorrelation;

/** Kendall's rank correlation. Stateless. */
public final class KendallTau {
  private KendallTau() {}

  /**
   * Kendall's tau-b of two paired samples: (concordant - discordant) / sqrt((n0 - ties in a)(n0 - ties in b)) over
   * all pairs; ties count in neither. Returns NaN when either sample is constant. Computed by commons-math3's
   * {@link KendallsCorrelation} (O(n log n)); our input checks come first.
   *
   * @throws IllegalArgumentException when the lengths differ or there are fewer than 2 pairs
   */
  public static double tauB(double[] a, double[] b) {
    if (a.length != b.length || a.length < 2) {
      throw new IllegalArgumentException("need two samples of equal length >= 2, got " + a.length + " and "
          + b.length);
    }
    return new KendallsCorrelation().correlation(a, b);
  }
}
