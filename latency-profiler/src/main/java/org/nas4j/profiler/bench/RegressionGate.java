package org.nas4j.profiler.bench;

import java.util.List;

/**
 * The CI latency gate. It asks whether the <em>true</em> slowdown of the current model over its baseline exceeds the
 * allowed percentage and gives one of three verdicts: REGRESSION when the one-sided lower bound of the slowdown
 * (at 1 - alpha, 95% for a single look) lies above the allowance (equivalently p < alpha for H0 "slowdown <=
 * allowed"); OK only when the one-sided upper bound lies below it; INCONCLUSIVE when the interval straddles the
 * allowance, so that a pipeline never reads "cannot tell" as "no regression". Noise between sessions and processes
 * is absorbed by the interval, not by inflating the threshold. Stateless and thread-safe.
 *
 * <p>The ratio current / baseline comes from {@link RatioEstimate#independent}: Welch's t on the log medians of the
 * sessions when both sides were measured in at least two fresh sessions (recommended: 5), otherwise a bootstrap over
 * runs. {@link #decideCalibrated} first divides each session's median by that of a fixed calibration model timed
 * interleaved in the same session; on this shared 2-core machine that removed most of the process-to-process drift
 * (other engineers' builds changed raw medians by up to 9% between two runs of the same model).
 */
public final class RegressionGate {
  /** Significance level of each one-sided bound of a single look. */
  public static final double ALPHA = 0.05;
  /** Power at which {@link RegressionVerdict#minDetectablePct()} is stated. */
  public static final double POWER = 0.8;
  /** Method name of the paired test against the baseline model timed interleaved now. */
  public static final String PAIRED_BASELINE_MODEL = "paired-t-log-session-medians-vs-baseline-model";

  private RegressionGate() {}

  /** {@link #decide(List, List, double, long, double)} at {@link #ALPHA}. */
  public static RegressionVerdict decide(List<double[]> baseline, List<double[]> current, double maxRegressionPct,
      long seed) {
    return decide(baseline, current, maxRegressionPct, seed, ALPHA);
  }

  /**
   * Decides whether {@code current} regressed by more than {@code maxRegressionPct} against {@code baseline}, from
   * raw latencies.
   *
   * @param baseline samples per session of the baseline, milliseconds
   * @param current samples per session now, milliseconds
   * @param maxRegressionPct allowed slowdown in percent, >= 0
   * @param seed seed for the bootstrap fallback
   * @param alpha significance level of each one-sided bound, in (0, 0.5)
   */
  public static RegressionVerdict decide(List<double[]> baseline, List<double[]> current, double maxRegressionPct,
      long seed, double alpha) {
    checkAllowance(maxRegressionPct);
    RatioEstimate r = RatioEstimate.independent(current, baseline, 1 - 2 * alpha, seed);
    return verdict(r, baseline, current, maxRegressionPct, false, alpha);
  }

  /** {@link #decideCalibrated(List, List, List, List, double, long, double)} at {@link #ALPHA}. */
  public static RegressionVerdict decideCalibrated(List<double[]> baseline, List<double[]> baselineCalibration,
      List<double[]> current, List<double[]> currentCalibration, double maxRegressionPct, long seed) {
    return decideCalibrated(baseline, baselineCalibration, current, currentCalibration, maxRegressionPct, seed,
        ALPHA);
  }

  /**
   * Like {@link #decide}, but each session's median is first divided by the median of the calibration model timed
   * interleaved in the same session, so that the test compares latencies relative to how fast the machine was at the
   * time. Falls back to {@link #decide} when a side has fewer than two sessions or the calibration samples do not
   * pair up with the sessions.
   */
  public static RegressionVerdict decideCalibrated(List<double[]> baseline, List<double[]> baselineCalibration,
      List<double[]> current, List<double[]> currentCalibration, double maxRegressionPct, long seed, double alpha) {
    checkAllowance(maxRegressionPct);
    if (baseline.size() < 2 || current.size() < 2 || baselineCalibration == null || currentCalibration == null
        || baselineCalibration.size() != baseline.size() || currentCalibration.size() != current.size()) {
      return decide(baseline, current, maxRegressionPct, seed, alpha);
    }
    RatioEstimate w = RatioEstimate.welch(normalise(current, currentCalibration),
        normalise(baseline, baselineCalibration), 1 - 2 * alpha);
    RatioEstimate r = new RatioEstimate(w.ratio(), w.lowRatio(), w.highRatio(), w.confidenceLevel(),
        RatioEstimate.WELCH_CALIBRATED, w.degreesOfFreedom(), w.standardErrorLog(), w.sessionsA(), w.sessionsB());
    return verdict(r, baseline, current, maxRegressionPct, true, alpha);
  }

  /**
   * Decides from the baseline model and the current model timed interleaved now, session {@code i} of both open
   * together: a paired t on the per-session log ratios, so that whatever load the machine is under slows both alike
   * and cancels. Needs at least two sessions; with one it falls back to the bootstrap over runs.
   */
  public static RegressionVerdict decidePaired(List<double[]> baselineNow, List<double[]> current,
      double maxRegressionPct, long seed, double alpha) {
    checkAllowance(maxRegressionPct);
    if (current.size() < 2) {
      return decide(baselineNow, current, maxRegressionPct, seed, alpha);
    }
    RatioEstimate p = RatioEstimate.paired(current, baselineNow, 1 - 2 * alpha);
    RatioEstimate r = new RatioEstimate(p.ratio(), p.lowRatio(), p.highRatio(), p.confidenceLevel(),
        PAIRED_BASELINE_MODEL, p.degreesOfFreedom(), p.standardErrorLog(), p.sessionsA(), p.sessionsB());
    return verdict(r, baselineNow, current, maxRegressionPct, false, alpha);
  }

  /**
   * The smallest allowance at which a gate against these baseline sessions can be expected (80% power) to call an
   * unchanged model OK, when it is measured with as many sessions and the same session-to-session noise: the noise is
   * the standard deviation of the log session medians (divided by the calibration model's when given), and the
   * test compares two such sets of sessions. Null with fewer than two sessions.
   */
  public static Double supportedAllowancePct(List<double[]> sessions, List<double[]> calibration, double alpha) {
    if (sessions.size() < 2) {
      return null;
    }
    List<double[]> unit = calibration != null && calibration.size() == sessions.size()
        ? normalise(sessions, calibration) : sessions;
    double[] logs = RatioEstimate.logMedians(unit);
    double sd = Math.sqrt(org.apache.commons.statistics.descriptive.Variance.of(logs).getAsDouble());
    double n = logs.length;
    double se = sd * Math.sqrt(2 / n);
    double df = 2 * (n - 1);
    return 100 * (Math.exp((Distributions.studentTQuantile(1 - alpha, df)
        + Distributions.studentTQuantile(POWER, df)) * se) - 1);
  }

  private static List<double[]> normalise(List<double[]> model, List<double[]> calibration) {
    List<double[]> out = new java.util.ArrayList<>();
    for (int i = 0; i < model.size(); i++) {
      out.add(new double[] {SampleStats.median(model.get(i)) / SampleStats.median(calibration.get(i))});
    }
    return out;
  }

  private static RegressionVerdict verdict(RatioEstimate r, List<double[]> baseline, List<double[]> current,
      double maxRegressionPct, boolean calibrated, double alpha) {
    double limit = 1 + maxRegressionPct / 100;
    double p = r.pValueAbove(limit);
    RegressionVerdict.Verdict verdict = r.lowRatio() > limit ? RegressionVerdict.Verdict.REGRESSION
        : r.highRatio() < limit ? RegressionVerdict.Verdict.OK : RegressionVerdict.Verdict.INCONCLUSIVE;
    String level = percent(1 - alpha);
    String slowdown = (calibrated ? "calibrated " : "") + "slowdown";
    String rule = "regressed if the one-sided " + level + "% lower bound of the " + slowdown + " > "
        + maxRegressionPct + "% (p < " + alpha + "); OK if the " + level + "% upper bound < " + maxRegressionPct
        + "%; otherwise inconclusive";
    double base = SampleStats.median(RatioEstimate.concat(baseline));
    double cur = SampleStats.median(RatioEstimate.concat(current));
    return new RegressionVerdict(base, cur, 100 * (r.ratio() - 1), 100 * (r.lowRatio() - 1),
        100 * (r.highRatio() - 1), 100 * (cur / base - 1), maxRegressionPct, p, alpha, calibrated, r.method(), rule,
        verdict == RegressionVerdict.Verdict.REGRESSION, verdict,
        100 * (r.minDetectableRatio(limit, alpha, POWER) - 1), null);
  }

  private static void checkAllowance(double maxRegressionPct) {
    if (!(maxRegressionPct >= 0) || Double.isInfinite(maxRegressionPct)) {
      throw new IllegalArgumentException("maxRegressionPct must be a number >= 0, got " + maxRegressionPct);
    }
  }

  /** A share as a percentage without trailing zeros: 0.95 -> "95", 0.9875 -> "98.75". */
  static String percent(double v) {
    return java.math.BigDecimal.valueOf(Math.round(v * 10000) / 100.0).stripTrailingZeros().toPlainString();
  }
}
