package org.nas4j.profiler.bench;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The decision of the latency regression gate, with every number a CI log needs to explain it.
 *
 * @param baselineP50Ms median of all baseline runs
 * @param currentP50Ms median of all current runs
 * @param slowdownPct estimated slowdown, {@code 100 * (ratio - 1)}, from the test's ratio estimate
 * @param slowdownCiLowPct lower end of the two-sided 90% interval = one-sided 95% lower bound
 * @param slowdownCiHighPct upper end of the two-sided 90% interval
 * @param maxRegressionPct the allowed slowdown
 * @param pValue one-sided p-value of H0 "true slowdown <= maxRegressionPct"
 * @param alpha significance level
 * @param test the ratio method, see {@link RatioEstimate#method()}
 * @param rule the decision rule in words
 * @param regressed whether the gate fails
 */
@JsonPropertyOrder({"baselineP50Ms", "currentP50Ms", "slowdownPct", "slowdownCiLowPct", "slowdownCiHighPct",
    "maxRegressionPct", "pValue", "alpha", "test", "rule", "regressed"})
public record RegressionVerdict(
    double baselineP50Ms,
    double currentP50Ms,
    double slowdownPct,
    double slowdownCiLowPct,
    double slowdownCiHighPct,
    double maxRegressionPct,
    double pValue,
    double alpha,
    String test,
    String rule,
    boolean regressed) {}
