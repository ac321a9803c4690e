package org.nas4j.profiler.bench;

import java.util.List;

/**
 * The CI latency gate. It asks whether the <em>true</em> slowdown of the current model over its baseline exceeds the
 * allowed percentage, and says "regressed" only when the data show that with 95% confidence: the one-sided 95% lower
 * bound of the slowdown (equivalently, p < 0.05 for H0 "slowdown <= allowed") must lie above the allowed percentage.
 * A model within the allowance, or one whose slowdown cannot be told apart from the allowance, passes; the
 * allowance therefore is the tolerated regression, and noise between sessions and processes is absorbed by the
 * interval, not by inflating the threshold. Stateless and thread-safe.
 *
 * <p>The ratio current / baseline comes from {@link RatioEstimate#independent}: Welch's t on the log medians of the
 * sessions when both sides were measured in at least two fresh sessions (recommended: 5), otherwise a bootstrap over
 * runs.
 */
public final class RegressionGate {
  /** Significance level of the one-sided test. */
  public static final double ALPHA = 0.05;

  private RegressionGate() {}

  /**
   * Decides whether {@code current} regressed by more than {@code maxRegressionPct} against {@code baseline}.
   *
   * @param baseline samples per session of the baseline, milliseconds
   * @param current samples per session now, milliseconds
   * @param maxRegressionPct allowed slowdown in percent, >= 0
   * @param seed seed for the bootstrap fallback
   */
  public static RegressionVerdict decide(List<double[]> baseline, List<double[]> current, double maxRegressionPct,
      long seed) {
    if (!(maxRegressionPct >= 0) || Double.isInfinite(maxRegressionPct)) {
      throw new IllegalArgumentException("maxRegressionPct must be a number >= 0, got " + maxRegressionPct);
    }
    RatioEstimate r = RatioEstimate.independent(current, baseline, 1 - 2 * ALPHA, seed);
    double limit = 1 + maxRegressionPct / 100;
    double p = r.pValueAbove(limit);
    boolean regressed = r.lowRatio() > limit;
    String rule = "regressed if the one-sided " + pct(1 - ALPHA) + "% lower bound of the slowdown > "
        + maxRegressionPct + "% (p < " + ALPHA + ")";
    return new RegressionVerdict(
        SampleStats.median(RatioEstimate.concat(baseline)),
        SampleStats.median(RatioEstimate.concat(current)),
        100 * (r.ratio() - 1), 100 * (r.lowRatio() - 1), 100 * (r.highRatio() - 1),
        maxRegressionPct, p, ALPHA, r.method(), rule, regressed);
  }

  private static String pct(double v) {
    return String.valueOf(Math.round(v * 100));
  }
}
