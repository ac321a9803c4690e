package org.nas4j.profiler.bench;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.statistics.descriptive.Mean;
import org.apache.commons.statistics.descriptive.Variance;

/**
 * An estimate of the latency ratio {@code a / b} (for example current / baseline) with a two-sided confidence
 * interval; its lower end is also a one-sided lower bound at level {@code (1 + confidenceLevel) / 2}.
 *
 * <p>With several sessions (blocks) per side, the unit of analysis is the session: each session's median is one
 * observation, so session-to-session variation (a different memory layout, a different core, drift) is part of the
 * standard error instead of being ignored. Ratios are estimated on the log scale (latency noise is multiplicative),
 * with Welch's t for independent sides and a paired t when the sessions of both sides ran interleaved. With a single
 * session on a side, a percentile bootstrap of the ratio of medians over runs is used; it cannot see session drift.
 *
 * @param ratio point estimate of a / b
 * @param lowRatio lower end of the interval
 * @param highRatio upper end of the interval
 * @param confidenceLevel two-sided level of [lowRatio, highRatio]
 * @param method how it was computed: {@code welch-t-log-session-medians}, {@code paired-t-log-session-medians} or
 *     {@code bootstrap-median-ratio}
 * @param degreesOfFreedom t degrees of freedom (NaN for the bootstrap)
 * @param standardErrorLog standard error of ln(ratio) (NaN for the bootstrap)
 * @param sessionsA sessions of a
 * @param sessionsB sessions of b
 */
@JsonPropertyOrder({"ratio", "lowRatio", "highRatio", "confidenceLevel", "method", "degreesOfFreedom",
    "standardErrorLog", "sessionsA", "sessionsB"})
public record RatioEstimate(
    double ratio,
    double lowRatio,
    double highRatio,
    double confidenceLevel,
    String method,
    double degreesOfFreedom,
    double standardErrorLog,
    int sessionsA,
    int sessionsB) {

  /** Method name of {@link #welch}. */
  public static final String WELCH = "welch-t-log-session-medians";
  /** Method name of Welch's t on calibration-normalised session medians (see {@link RegressionGate}). */
  public static final String WELCH_CALIBRATED = "welch-t-log-calibrated-session-medians";
  /** Method name of {@link #paired}. */
  public static final String PAIRED = "paired-t-log-session-medians";
  /** Method name of {@link #bootstrap}. */
  public static final String BOOTSTRAP = "bootstrap-median-ratio";
  /** Bootstrap resamples. */
  public static final int BOOTSTRAP_RESAMPLES = 2000;

  /**
   * The best estimate for independent measurements: {@link #welch} when both sides have at least two sessions, else
   * {@link #bootstrap} over all runs.
   */
  public static RatioEstimate independent(List<double[]> a, List<double[]> b, double level, long seed) {
    if (a.size() >= 2 && b.size() >= 2) {
      return welch(a, b, level);
    }
    return bootstrap(concat(a), concat(b), level, seed, a.size(), b.size());
  }

  /** Welch's t interval of the difference of mean log session medians, exponentiated. Needs >= 2 sessions a side. */
  public static RatioEstimate welch(List<double[]> a, List<double[]> b, double level) {
    double[] la = logMedians(a);
    double[] lb = logMedians(b);
    if (la.length < 2 || lb.length < 2) {
      throw new IllegalArgumentException("welch needs >= 2 sessions per side, got " + la.length + " and "
          + lb.length);
    }
    double va = variance(la) / la.length;
    double vb = variance(lb) / lb.length;
    double d = mean(la) - mean(lb);
    double se = Math.sqrt(va + vb);
    double df = se > 0
        ? (va + vb) * (va + vb) / (va * va / (la.length - 1) + vb * vb / (lb.length - 1))
        : la.length + lb.length - 2;
    return fromT(d, se, df, level, WELCH, a.size(), b.size());
  }

  /** Paired t interval of the mean per-session log ratio; session i of a and b ran together. Needs >= 2 sessions. */
  public static RatioEstimate paired(List<double[]> a, List<double[]> b, double level) {
    if (a.size() != b.size() || a.size() < 2) {
      throw new IllegalArgumentException("paired needs the same number (>= 2) of sessions per side, got " + a.size()
          + " and " + b.size());
    }
    double[] la = logMedians(a);
    double[] lb = logMedians(b);
    double[] diff = new double[la.length];
    for (int i = 0; i < diff.length; i++) {
      diff[i] = la[i] - lb[i];
    }
    double se = Math.sqrt(variance(diff) / diff.length);
    return fromT(mean(diff), se, diff.length - 1, level, PAIRED, a.size(), b.size());
  }

  /** Percentile bootstrap of median(a) / median(b), resampling runs; seeded, so repeatable. */
  public static RatioEstimate bootstrap(double[] a, double[] b, double level, long seed, int sessionsA,
      int sessionsB) {
    double point = SampleStats.median(a) / SampleStats.median(b);
    SplittableRandom random = new SplittableRandom(seed);
    double[] ratios = new double[BOOTSTRAP_RESAMPLES];
    double[] ra = new double[a.length];
    double[] rb = new double[b.length];
    for (int r = 0; r < ratios.length; r++) {
      for (int i = 0; i < ra.length; i++) {
        ra[i] = a[random.nextInt(a.length)];
      }
      for (int i = 0; i < rb.length; i++) {
        rb[i] = b[random.nextInt(b.length)];
      }
      ratios[r] = SampleStats.median(ra) / SampleStats.median(rb);
    }
    Arrays.sort(ratios);
    double tail = (1 - level) / 2;
    return new RatioEstimate(point, SampleStats.quantileSorted(ratios, tail),
        SampleStats.quantileSorted(ratios, 1 - tail), level, BOOTSTRAP, Double.NaN, Double.NaN, sessionsA, sessionsB);
  }

  /**
   * One-sided p-value of H0 "true ratio <= limit" against H1 "true ratio > limit". For the t methods it is exact
   * under the t model; for the bootstrap, the share of resampled ratios at or below the limit is approximated from
   * the interval (normal on the log scale).
   */
  public double pValueAbove(double limit) {
    double se = testStandardErrorLog();
    double d = Math.log(ratio) - Math.log(limit);
    if (!(se > 0)) {
      return d > 0 ? 0 : 1;
    }
    return 1 - Distributions.studentTCdf(d / se, testDegreesOfFreedom());
  }

  /**
   * The smallest true ratio above {@code limit} whose interval's lower end (at the two-sided level {@code 1 - 2
   * alpha}) would exceed the limit with probability {@code power}, at this estimate's standard error.
   */
  public double minDetectableRatio(double limit, double alpha, double power) {
    double df = testDegreesOfFreedom();
    double se = testStandardErrorLog();
    if (!(se > 0)) {
      return limit;
    }
    return limit * Math.exp((Distributions.studentTQuantile(1 - alpha, df)
        + Distributions.studentTQuantile(power, df)) * se);
  }

  /** The standard error of ln(ratio); for the bootstrap, read off the interval (normal on the log scale). */
  private double testStandardErrorLog() {
    if (method.equals(BOOTSTRAP)) {
      double z = Distributions.studentTQuantile((1 + confidenceLevel) / 2, 1e7);
      return (Math.log(highRatio) - Math.log(lowRatio)) / (2 * z);
    }
    return standardErrorLog;
  }

  private double testDegreesOfFreedom() {
    return method.equals(BOOTSTRAP) ? 1e7 : degreesOfFreedom;
  }

  private static RatioEstimate fromT(double d, double se, double df, double level, String method, int na, int nb) {
    double q = Distributions.studentTQuantile((1 + level) / 2, df);
    return new RatioEstimate(Math.exp(d), Math.exp(d - q * se), Math.exp(d + q * se), level, method, df, se, na,
        nb);
  }

  static double[] logMedians(List<double[]> sessions) {
    double[] out = new double[sessions.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = Math.log(SampleStats.median(sessions.get(i)));
    }
    return out;
  }

  static double[] concat(List<double[]> sessions) {
    return sessions.stream().flatMapToDouble(Arrays::stream).toArray();
  }

  private static double mean(double[] v) {
    return Mean.of(v).getAsDouble();
  }

  private static double variance(double[] v) {
    return Variance.of(v).getAsDouble();
  }
}
