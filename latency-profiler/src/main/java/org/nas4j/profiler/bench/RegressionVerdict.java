package org.nas4j.profiler.bench;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The decision of the latency regression gate, with every number a CI log needs to explain it.
 *
 * @param baselineP50Ms median of all baseline runs
 * @param currentP50Ms median of all current runs
 * @param slowdownPct estimated slowdown, {@code 100 * (ratio - 1)}, from the test's ratio estimate (normalised by
 *     the calibration model when {@code calibrated})
 * @param rawSlowdownPct {@code 100 * (currentP50Ms / baselineP50Ms - 1)}, for comparison only
 * @param slowdownCiLowPct lower end of the two-sided 90% interval = one-sided 95% lower bound
 * @param slowdownCiHighPct upper end of the two-sided 90% interval
 * @param maxRegressionPct the allowed slowdown
 * @param pValue one-sided p-value of H0 "true slowdown <= maxRegressionPct"
 * @param alpha significance level
 * @param calibrated whether each session's median was divided by the calibration model's median timed interleaved
 *     in the same session (cancels machine-speed drift between the baseline's run and this one)
 * @param test the ratio method, see {@link RatioEstimate#method()}
 * @param rule the decision rule in words
 * @param regressed whether the gate fails
 */
@JsonPropertyOrder({"baselineP50Ms", "currentP50Ms", "slowdownPct", "slowdownCiLowPct", "slowdownCiHighPct",
    "rawSlowdownPct", "maxRegressionPct", "pValue", "alpha", "calibrated", "test", "rule", "regressed"})
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
    boolean regressed) {}
