/**
 * {@code nas bench} below the command line: {@link org.nas4j.profiler.bench.BenchRun} takes a {@link
 * org.nas4j.profiler.bench.BenchRequest}, times the models, runs the CI gate ({@link
 * org.nas4j.profiler.bench.RegressionGate}: OK, REGRESSION or INCONCLUSIVE, measured in rounds until it can tell,
 * paired against the baseline model when its file is available) and returns a {@link
 * org.nas4j.profiler.bench.BenchReport}, which {@link org.nas4j.profiler.bench.BenchJson} and {@link
 * org.nas4j.profiler.bench.BenchText} render (JSON, text, Markdown, JUnit XML). Statistics ({@link
 * org.nas4j.profiler.bench.SampleStats}, {@link org.nas4j.profiler.bench.RatioEstimate}) use Apache Commons
 * Statistics. All latencies are milliseconds; apart from {@code BenchRun}, which times through ONNX Runtime,
 * everything here is pure computation or file I/O.
 */
package org.nas4j.profiler.bench;
