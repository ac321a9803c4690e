package org.nas4j.profiler.bench;

/**
 * The hand-written distribution functions nas used before Apache Commons Statistics (log-gamma, incomplete beta,
 * Student's t, binomial CDF), kept unchanged as the oracle that {@code LibraryStatisticsTest} compares the library
 * with. Stateless and thread-safe.
 */
final class LegacyDistributions {
  private static final double[] LANCZOS = {
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7
  };

  private LegacyDistributions() {}

  /** ln Γ(x) for x > 0 (Lanczos approximation, about 15 significant digits). */
  public static double logGamma(double x) {
    if (x < 0.5) {
      return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
    }
    x -= 1;
    double a = LANCZOS[0];
    double t = x + 7.5;
    for (int i = 1; i < 9; i++) {
      a += LANCZOS[i] / (x + i);
    }
    return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
  }

  /** The regularised incomplete beta function I_x(a, b). */
  public static double incompleteBeta(double x, double a, double b) {
    if (x <= 0) {
      return 0;
    }
    if (x >= 1) {
      return 1;
    }
    double front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x));
    if (x < (a + 1) / (a + b + 2)) {
      return front * betaFraction(x, a, b) / a;
    }
    return 1 - front * betaFraction(1 - x, b, a) / b;
  }

  /** Continued fraction for the incomplete beta function (modified Lentz). */
  private static double betaFraction(double x, double a, double b) {
    double tiny = 1e-300;
    double c = 1;
    double d = 1 - (a + b) * x / (a + 1);
    d = Math.abs(d) < tiny ? tiny : d;
    d = 1 / d;
    double h = d;
    for (int m = 1; m <= 500; m++) {
      int m2 = 2 * m;
      double num = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
      d = 1 + num * d;
      d = Math.abs(d) < tiny ? tiny : d;
      c = 1 + num / c;
      c = Math.abs(c) < tiny ? tiny : c;
      d = 1 / d;
      h *= d * c;
      num = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
      d = 1 + num * d;
      d = Math.abs(d) < tiny ? tiny : d;
      c = 1 + num / c;
      c = Math.abs(c) < tiny ? tiny : c;
      d = 1 / d;
      double delta = d * c;
      h *= delta;
      if (Math.abs(delta - 1) < 1e-15) {
        break;
      }
    }
    return h;
  }

  /** P(T <= t) for Student's t with {@code df} degrees of freedom (df > 0, may be fractional). */
  public static double studentTCdf(double t, double df) {
    if (!(df > 0)) {
      throw new IllegalArgumentException("df must be > 0, got " + df);
    }
    if (Double.isInfinite(t)) {
      return t > 0 ? 1 : 0;
    }
    double tail = 0.5 * incompleteBeta(df / (df + t * t), df / 2, 0.5);
    return t >= 0 ? 1 - tail : tail;
  }

  /** The p-quantile of Student's t with {@code df} degrees of freedom, 0 < p < 1. */
  public static double studentTQuantile(double p, double df) {
    if (!(p > 0 && p < 1)) {
      throw new IllegalArgumentException("p must be in (0, 1), got " + p);
    }
    double lo = -1e4;
    double hi = 1e4;
    for (int i = 0; i < 200 && hi - lo > 1e-12; i++) {
      double mid = (lo + hi) / 2;
      if (studentTCdf(mid, df) < p) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return (lo + hi) / 2;
  }

  /** P(X <= k) for X ~ Binomial(n, 1/2). */
  public static double binomialHalfCdf(int k, int n) {
    if (k < 0) {
      return 0;
    }
    if (k >= n) {
      return 1;
    }
    double logHalfN = n * Math.log(0.5);
    double lgN = logGamma(n + 1.0);
    double sum = 0;
    for (int i = 0; i <= k; i++) {
      sum += Math.exp(lgN - logGamma(i + 1.0) - logGamma(n - i + 1.0) + logHalfN);
    }
    return Math.min(1, sum);
  }
}
