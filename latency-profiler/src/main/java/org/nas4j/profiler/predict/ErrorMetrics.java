package org.nas4j.profiler.predict;

import java.util.Arrays;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;

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

  /**
   * Spearman's rho: Pearson correlation of average ranks (commons-math3's {@link SpearmansCorrelation}), 0 when either
   * side is constant or has fewer than 2 values (where the library answers NaN or throws: a constant prediction ranks
   * nothing).
   */
  public static double spearman(double[] a, double[] b) {
    if (a.length < 2) {
      return 0;
    }
    double rho = new SpearmansCorrelation().correlation(a, b);
    return Double.isNaN(rho) ? 0 : rho;
  }
}
