package org.nas4j.profiler.bench;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Arrays;
import org.apache.commons.statistics.descriptive.Mean;
import org.apache.commons.statistics.descriptive.Median;
import org.apache.commons.statistics.descriptive.Quantile;
import org.apache.commons.statistics.descriptive.StandardDeviation;
import org.apache.commons.statistics.distribution.BinomialDistribution;

/**
 * Summary statistics of latency samples, in milliseconds. Decisions are based on the median ({@code p50Ms}), whose
 * 95% confidence interval comes from order statistics (distribution-free: it holds for any continuous distribution
 * of independent samples, so outliers cannot widen it much). The mean, standard deviation and coefficient of
 * variation are reported for comparison but are sensitive to outliers; {@code madMs} is the robust spread. The
 * arithmetic comes from Apache Commons Statistics (descriptive and distribution modules).
 *
 * @param n number of samples
 * @param p50Ms median
 * @param p90Ms 90th percentile (linear interpolation between order statistics)
 * @param meanMs arithmetic mean
 * @param stdevMs sample standard deviation
 * @param cvPct coefficient of variation, {@code 100 * stdevMs / meanMs}
 * @param madMs median absolute deviation from the median (unscaled)
 * @param minMs smallest sample
 * @param maxMs largest sample
 * @param p50CiLowMs lower end of the confidence interval of the median
 * @param p50CiHighMs upper end of the confidence interval of the median
 * @param p50CiLevel the interval's exact coverage (at least 0.95 when n >= 6; below that the interval is the range)
 */
@JsonPropertyOrder({"n", "p50Ms", "p90Ms", "meanMs", "stdevMs", "cvPct", "madMs", "minMs", "maxMs", "p50CiLowMs",
    "p50CiHighMs", "p50CiLevel"})
public record SampleStats(
    int n,
    double p50Ms,
    double p90Ms,
    double meanMs,
    double stdevMs,
    double cvPct,
    double madMs,
    double minMs,
    double maxMs,
    double p50CiLowMs,
    double p50CiHighMs,
    double p50CiLevel) {

  /** The confidence level asked of the median's interval. */
  public static final double CI_LEVEL = 0.95;

  private static final Median MEDIAN = Median.withDefaults().withCopy(true);
  private static final Quantile TYPE7 = Quantile.withDefaults().withCopy(true).with(Quantile.EstimationMethod.HF7);

  public SampleStats {
    if (n < 1) {
      throw new IllegalArgumentException("n must be >= 1, got " + n);
    }
  }

  /**
   * Statistics of the samples.
   *
   * @throws IllegalArgumentException if there are none or one is not a finite number >= 0
   */
  public static SampleStats of(double[] samplesMs) {
    if (samplesMs == null || samplesMs.length == 0) {
      throw new IllegalArgumentException("at least one sample is needed");
    }
    double[] s = samplesMs.clone();
    for (double v : s) {
      if (!Double.isFinite(v) || v < 0) {
        throw new IllegalArgumentException("samples must be finite and >= 0, got " + v);
      }
    }
    Arrays.sort(s);
    int n = s.length;
    double mean = Mean.of(s).getAsDouble();
    double stdev = n > 1 ? StandardDeviation.of(s).getAsDouble() : 0;
    double median = quantileSorted(s, 0.5);
    double[] dev = new double[n];
    for (int i = 0; i < n; i++) {
      dev[i] = Math.abs(s[i] - median);
    }
    int[] ranks = medianCiRanks(n, CI_LEVEL);
    double level = n >= 6 ? 1 - 2 * Distributions.binomialHalfCdf(ranks[0] - 1, n) : 1 - 2 * Math.pow(0.5, n);
    return new SampleStats(n, median, quantileSorted(s, 0.9), mean, stdev, mean > 0 ? 100 * stdev / mean : 0,
        MEDIAN.evaluate(dev), s[0], s[n - 1], s[ranks[0] - 1], s[ranks[1] - 1], level);
  }

  /** The median of the samples (the mean of the two middle ones for even n). */
  public static double median(double[] samples) {
    return MEDIAN.evaluate(samples);
  }

  /** The q-quantile of sorted values, interpolating linearly between order statistics (R's type 7). */
  public static double quantileSorted(double[] sorted, double q) {
    if (sorted.length == 0) {
      throw new IllegalArgumentException("no values");
    }
    return TYPE7.evaluate(sorted, q);
  }

  /**
   * The 1-based ranks {@code [j, n - j + 1]} of the order statistics bounding a distribution-free confidence interval
   * of the median with coverage at least {@code level}: the largest j with {@code 1 - 2 P(B <= j - 1) >= level},
   * B ~ Binomial(n, 1/2). For n too small to reach the level, the range {@code [1, n]}.
   */
  public static int[] medianCiRanks(int n, double level) {
    double tail = (1 - level) / 2;
    BinomialDistribution b = BinomialDistribution.of(n, 0.5);
    // the largest k with P(B <= k) <= tail is j - 1
    int k = b.inverseCumulativeProbability(tail);
    if (b.cumulativeProbability(k) > tail) {
      k--;
    }
    int j = Math.max(1, Math.min(k + 1, (n + 1) / 2));
    return new int[] {j, n - j + 1};
  }
}
