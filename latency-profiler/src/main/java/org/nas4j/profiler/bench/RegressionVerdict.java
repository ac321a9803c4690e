package org.nas4j.profiler.bench;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The decision of the latency regression gate, with every number a CI log needs to explain it.
 *
 * @param baselineP50Ms median of all baseline runs (of the baseline model timed now, for a paired test)
 * @param currentP50Ms median of all current runs
 * @param slowdownPct estimated slowdown, {@code 100 * (ratio - 1)}, from the test's ratio estimate (normalised by
 *     the calibration model when {@code calibrated})
 * @param rawSlowdownPct {@code 100 * (currentP50Ms / baselineP50Ms - 1)}, for comparison only
 * @param slowdownCiLowPct lower end of the two-sided {@code 1 - 2 alpha} interval = one-sided lower bound
 * @param slowdownCiHighPct upper end of that interval = one-sided upper bound
 * @param maxRegressionPct the allowed slowdown
 * @param pValue one-sided p-value of H0 "true slowdown <= maxRegressionPct"
 * @param alpha significance level of each one-sided bound (per look when the gate measured in rounds)
 * @param calibrated whether each session's median was divided by the calibration model's median timed interleaved
 *     in the same session (cancels machine-speed drift between the baseline's run and this one)
 * @param test the ratio method, see {@link RatioEstimate#method()}
 * @param rule the decision rule in words
 * @param regressed whether the verdict is {@link Verdict#REGRESSION}
 * @param verdict REGRESSION when the lower bound exceeds the allowance, OK when the upper bound is below it,
 *     INCONCLUSIVE otherwise (or when {@code reason} says the measurement cannot be compared)
 * @param minDetectablePct the smallest true slowdown this measurement's noise lets the gate flag with 80% power
 * @param reason why the verdict is INCONCLUSIVE although the interval alone would decide, else null
 */
@JsonPropertyOrder({"baselineP50Ms", "currentP50Ms", "slowdownPct", "slowdownCiLowPct", "slowdownCiHighPct",
    "rawSlowdownPct", "maxRegressionPct", "pValue", "alpha", "calibrated", "test", "rule", "regressed", "verdict",
    "minDetectablePct", "reason"})
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
public record RegressionVerdict(
    double baselineP50Ms,
    double currentP50Ms,
    double slowdownPct,
    double slowdownCiLowPct,
    double slowdownCiHighPct,
    double rawSlowdownPct,
    double maxRegressionPct,
    double pValue,
    double alpha,
    boolean calibrated,
    String test,
    String rule,
    boolean regressed,
    Verdict verdict,
    double minDetectablePct,
    String reason) {

  /** The three outcomes of the gate. */
  public enum Verdict { OK, REGRESSION, INCONCLUSIVE }

  /** This verdict turned INCONCLUSIVE because of {@code why} (the numbers stay as measured). */
  public RegressionVerdict inconclusive(String why) {
    return new RegressionVerdict(baselineP50Ms, currentP50Ms, slowdownPct, slowdownCiLowPct, slowdownCiHighPct,
        rawSlowdownPct, maxRegressionPct, pValue, alpha, calibrated, test, rule, false, Verdict.INCONCLUSIVE,
        minDetectablePct, why);
  }
}
