/**
 * The search-time latency oracle and the lowerings it reads: {@link org.nas4j.search.latency.LatencyOracle} gives a
 * network's latency on one target, predicted ({@link org.nas4j.search.latency.PredictedLatency}) or measured
 * ({@link org.nas4j.search.latency.MeasuredLatency}); {@link org.nas4j.search.latency.LatencySpace} lowers NB201 arch
 * strings and FBNet op lists to {@link org.nas4j.profiler.predict.OpSpec}s; {@link
 * org.nas4j.search.latency.NetSpecLowering} lowers any built network (DARTS, NB201 in other macro settings). Fitting
 * and evaluating predictors on measurement tables lives apart, in {@link org.nas4j.search.latency.fit}. Latencies are
 * milliseconds; all types are stateless or immutable.
 */
package org.nas4j.search.latency;
