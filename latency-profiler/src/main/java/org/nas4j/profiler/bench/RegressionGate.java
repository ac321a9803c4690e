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
 * runs. {@link #decideCalibrated} first divides each session's median by that of a fixed calibration model timed
 * interleaved in the same session; on this shared 2-core machine that removed most of the process-to-process drift
 * (other engineers' builds changed raw medians by up to 9% between two runs of the same model).
 */
public final class RegressionGate {
  /** Significance level of the one-sided test. */
  public static final double ALPHA = 0.05;

  private RegressionGate() {}

  /**
   * Decides whether {@code current} regressed by more than {@code maxRegressionPct} against {@code baseline}, from
   * raw latencies.
   *
   * @param baseline samples per session of the baseline, milliseconds
   * @param current samples per session now, milliseconds
   * @param maxRegressionPct allowed slowdown in percent, >= 0
   * @param seed seed for the bootstrap fallback
   */
  public static RegressionVerdict decide(List<double[]> baseline, List<double[]> current, double maxRegressionPct,
      long seed) {
    checkAllowance(maxRegressionPct);
    RatioEstimate r = RatioEstimate.independent(current, baseline, 1 - 2 * ALPHA, seed);
    return verdict(r, baseline, current, maxRegressionPct, false);
  }

  /**
   * Like {@link #decide}, but each session's median is first divided by the median of the calibration model timed
   * interleaved in the same session, so that the test compares latencies relative to how fast the machine was at the
   * time. Falls back to {@link #decide} when a side has fewer than two sessions or the calibration samples do not
   * pair up with the sessions.
   */
  public static RegressionVerdict decideCalibrated(List<double[]> baseline, List<double[]> baselineCalibration,
      List<double[]> current, List<double[]> currentCalibration, double maxRegressionPct, long seed) {
    checkAllowance(maxRegressionPct);
    if (baseline.size() < 2 || current.size() < 2 || baselineCalibration == null || currentCalibration == null
        || baselineCalibration.size() != baseline.size() || currentCalibration.size() != current.size()) {
      return decide(baseline, current, maxRegressionPct, seed);
    }
    RatioEstimate w = RatioEstimate.welch(normalise(current, currentCalibration),
        normalise(baseline, baselineCalibration), 1 - 2 * ALPHA);
    RatioEstimate r = new RatioEstimate(w.ratio(), w.lowRatio(), w.highRatio(), w.confidenceLevel(),
        RatioEstimate.WELCH_CALIBRATED, w.degreesOfFreedom(), w.standardErrorLog(), w.sessionsA(), w.sessionsB());
    return verdict(r, baseline, current, maxRegressionPct, true);
  }

  private static List<double[]> normalise(List<double[]> model, List<double[]> calibration) {
    List<double[]> out = new java.util.ArrayList<>();
    for (int i = 0; i < model.size(); i++) {
      out.add(new double[] {SampleStats.median(model.get(i)) / SampleStats.median(calibration.get(i))});
    }
    return out;
  }

  private static RegressionVerdict verdict(RatioEstimate r, List<double[]> baseline, List<double[]> current,
      double maxRegressionPct, boolean calibrated) {
    double limit = 1 + maxRegressionPct / 100;
    double p = r.pValueAbove(limit);
    boolean regressed = r.lowRatio() > limit;
    String rule = "regressed if the one-sided " + pct(1 - ALPHA) + "% lower bound of the "
        + (calibrated ? "calibrated " : "") + "slowdown > " + maxRegressionPct + "% (p < " + ALPHA + ")";
    double base = SampleStats.median(RatioEstimate.concat(baseline));
    double cur = SampleStats.median(RatioEstimate.concat(current));
    return new RegressionVerdict(base, cur, 100 * (r.ratio() - 1), 100 * (r.lowRatio() - 1),
        100 * (r.highRatio() - 1), 100 * (cur / base - 1), maxRegressionPct, p, ALPHA, calibrated, r.method(), rule,
        regressed);
  }

  private static void checkAllowance(double maxRegressionPct) {
    if (!(maxRegressionPct >= 0) || Double.isInfinite(maxRegressionPct)) {
      throw new IllegalArgumentException("maxRegressionPct must be a number >= 0, got " + maxRegressionPct);
    }
  }

  private static String pct(double v) {
    return String.valueOf(Math.round(v * 100));
  }
}
