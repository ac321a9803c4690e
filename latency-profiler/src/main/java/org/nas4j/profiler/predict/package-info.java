/**
 * Kernel-level latency prediction. A network is described as the list of {@link org.nas4j.profiler.predict.OpSpec}s
 * a mobile runtime would execute (fused Conv+BN+ReLU, depthwise, pointwise, pooling, add, ...); each is reduced to a
 * {@link org.nas4j.profiler.predict.Kernel} (class key, MACs, bytes moved) and a
 * {@link org.nas4j.profiler.predict.LatencyPredictor} sums per-kernel predictions plus a constant.
 * {@link org.nas4j.profiler.predict.KernelLinearFitter} fits the per-kernel coefficients from whole-network
 * measurements, {@link org.nas4j.profiler.predict.OnnxLowering} lowers an ONNX file with the profiler's shape
 * inference, {@link org.nas4j.profiler.predict.HeldOutEvaluation} measures k-fold held-out error, and
 * {@link org.nas4j.profiler.predict.PredictorFile} reads and writes the {@code nas.predictor/v1} JSON.
 * All latencies are milliseconds at batch size 1; all types are immutable and thread-safe.
 */
package org.nas4j.profiler.predict;
