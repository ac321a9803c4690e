package org.nas4j.search.study;

/** Kendall's rank correlation. Stateless. */
public final class KendallTau {
  private KendallTau() {}

  /**
   * Kendall's tau-b of two paired samples: (concordant - discordant) / sqrt((n0 - ties in a)(n0 - ties in b)) over
   * all pairs; ties count in neither. Returns NaN when either sample is constant.
   *
   * @throws IllegalArgumentException when the lengths differ or there are fewer than 2 pairs
   */
  public static double tauB(double[] a, double[] b) {
    if (a.length != b.length || a.length < 2) {
      throw new IllegalArgumentException("need two samples of equal length >= 2, got " + a.length + " and "
          + b.length);
    }
    long concordant = 0;
    long discordant = 0;
    long tiesA = 0;
    long tiesB = 0;
    long pairs = 0;
    for (int i = 0; i < a.length; i++) {
      for (int j = i + 1; j < a.length; j++) {
        pairs++;
        int sa = Double.compare(a[i], a[j]);
        int sb = Double.compare(b[i], b[j]);
        if (sa == 0) {
          tiesA++;
        }
        if (sb == 0) {
          tiesB++;
        }
        if (sa != 0 && sb != 0) {
          if (sa == sb) {
            concordant++;
          } else {
            discordant++;
          }
        }
      }
    }
    double denominator = Math.sqrt((double) (pairs - tiesA) * (pairs - tiesB));
    return denominator == 0 ? Double.NaN : (concordant - discordant) / denominator;
  }
}
