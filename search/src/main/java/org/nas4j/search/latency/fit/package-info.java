/**
 * Fitting and evaluating latency predictors on measurement tables, apart from the search-time oracle in {@link
 * org.nas4j.search.latency}: {@link org.nas4j.search.latency.fit.LatencyTable} reads a CSV table; {@link
 * org.nas4j.search.latency.fit.PredictorFitting} runs k-fold evaluation and the final fit behind {@code nas targets
 * fit}; {@link org.nas4j.search.latency.fit.PredictorReport} is the evaluation behind {@code
 * benchmarks/predictor-eval.sh} (with the {@link org.nas4j.search.latency.fit.EdgeLookupTable} baseline); {@link
 * org.nas4j.search.latency.fit.Calibration} samples, exports, times and fits behind {@code nas targets calibrate}.
 * Latencies are milliseconds; all types are stateless or immutable, except that calibration drives one timer
 * sequentially.
 */
package org.nas4j.search.latency.fit;
