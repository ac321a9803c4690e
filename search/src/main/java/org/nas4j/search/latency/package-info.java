/**
 * Turns architectures of the benchmark search spaces into the op lists the latency predictor reads, and fits and
 * evaluates predictors on measurement tables. {@link org.nas4j.search.latency.LatencySpace} lowers NB201 arch strings
 * and FBNet op lists to {@link org.nas4j.profiler.predict.OpSpec}s; {@link org.nas4j.search.latency.LatencyTable}
 * reads a CSV table; {@link org.nas4j.search.latency.PredictorFitting} runs k-fold evaluation and the final fit
 * behind {@code nas targets fit}; {@link org.nas4j.search.latency.NetSpecLowering} lowers any built network (DARTS,
 * NB201 in other macro settings); {@link org.nas4j.search.latency.Calibration} samples, exports, times and fits
 * behind {@code nas targets calibrate}. Latencies are milliseconds; all types are stateless or immutable, except
 * that calibration drives one timer sequentially.
 */
package org.nas4j.search.latency;
