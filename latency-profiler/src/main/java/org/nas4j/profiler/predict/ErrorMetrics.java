package org.nas4j.profiler.predict;

import java.util.Arrays;

/**
 * How well predictions matched measurements.
 *
 * @param rows number of (prediction, measurement) pairs
 * @param within10PctShare share (0..1) of predictions within ±10% of the measurement
 * @param medianAbsErrorPct median of |predicted - measured| / measured, in percent
 * @param p90AbsErrorPct 90th percentile of the same, in percent (90% of predictions are within ± this)
 * @param spearmanRho Spearman rank correlation between predictions and measurements (ties get average ranks)
 */
public record ErrorMetrics(int rows, double within10PctShare, double medianAbsErrorPct, double p90AbsErrorPct,
    double spearmanRho) {

  public ErrorMetrics {
    if (rows < 1) {
      throw new IllegalArgumentException("rows must be >= 1, got " + rows);
    }
  }

  /**
   * Metrics of these predictions against positive measurements.
   *
   * @throws IllegalArgumentException if the arrays differ in length or are empty
   */
  public static ErrorMetrics of(double[] predictedMs, double[] measuredMs) {
    if (predictedMs.length != measuredMs.length || predictedMs.length == 0) {
      throw new IllegalArgumentException("need equally long, non-empty arrays, got " + predictedMs.length + " and "
          + measuredMs.length);
    }
    int n = predictedMs.length;
    double[] err = new double[n];
    int within = 0;
    for (int i = 0; i < n; i++) {
      err[i] = Math.abs(predictedMs[i] - measuredMs[i]) / Math.abs(measuredMs[i]) * 100;
      if (err[i] <= 10) {
        within++;
      }
    }
    Arrays.sort(err);
    return new ErrorMetrics(n, (double) within / n, quantile(err, 0.5), quantile(err, 0.9),
        spearman(predictedMs, measuredMs));
  }

  /** Linear-interpolated quantile of sorted values. */
  static double quantile(double[] sorted, double q) {
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }

  /** Spearman's rho: Pearson correlation of average ranks. */
  public static double spearman(double[] a, double[] b) {
    return pearson(ranks(a), ranks(b));
  }

  private static double[] ranks(double[] v) {
    Integer[] idx = new Integer[v.length];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, (i, j) -> Double.compare(v[i], v[j]));
    double[] r = new double[v.length];
    int i = 0;
    while (i < idx.length) {
      int j = i;
      while (j + 1 < idx.length && v[idx[j + 1]] == v[idx[i]]) {
        j++;
      }
      double avg = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) {
        r[idx[k]] = avg;
      }
      i = j + 1;
    }
    return r;
  }

  private static double pearson(double[] a, double[] b) {
    int n = a.length;
    double ma = 0;
    double mb = 0;
    for (int i = 0; i < n; i++) {
      ma += a[i];
      mb += b[i];
    }
    ma /= n;
    mb /= n;
    double sab = 0;
    double saa = 0;
    double sbb = 0;
    for (int i = 0; i < n; i++) {
      sab += (a[i] - ma) * (b[i] - mb);
      saa += (a[i] - ma) * (a[i] - ma);
      sbb += (b[i] - mb) * (b[i] - mb);
    }
    return saa == 0 || sbb == 0 ? 0 : sab / Math.sqrt(saa * sbb);
  }
}
