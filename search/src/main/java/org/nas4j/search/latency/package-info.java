/**
 * Turns architectures of the benchmark search spaces into the op lists the latency predictor reads, and fits and
 * evaluates predictors on measurement tables. {@link org.nas4j.search.latency.LatencySpace} lowers NB201 arch strings
 * and FBNet op lists to {@link org.nas4j.profiler.predict.OpSpec}s; {@link org.nas4j.search.latency.LatencyTable}
 * reads a CSV table; {@link org.nas4j.search.latency.PredictorFitting} runs k-fold evaluation and the final fit
 * behind {@code nas targets fit}. The arch-string parsing here is deliberately small and private; it will move onto
 * the search-space classes once they exist. Latencies are milliseconds; all types are stateless or immutable.
 */
package org.nas4j.search.latency;
