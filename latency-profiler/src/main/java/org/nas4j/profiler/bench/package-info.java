/**
 * Statistics and CI plumbing for {@code nas bench}: {@link org.nas4j.profiler.bench.SampleStats} (median with a
 * distribution-free confidence interval, p90, mean, stdev, CV), {@link org.nas4j.profiler.bench.RatioEstimate}
 * (ratio of latencies with a confidence interval, sessions as the unit of analysis), the regression gate {@link
 * org.nas4j.profiler.bench.RegressionGate}, baseline files ({@code nas.baseline/v1}) and JUnit XML reports. All
 * latencies are milliseconds; everything here is pure computation or file I/O, thread-safe, and needs no ONNX Runtime.
 */
package org.nas4j.profiler.bench;
