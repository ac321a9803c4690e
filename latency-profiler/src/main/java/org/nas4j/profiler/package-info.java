/**
 * Latency measurement through ONNX Runtime. The profiler never sees a search-space architecture: it takes an ONNX
 * file. Entry points: {@link org.nas4j.profiler.LatencyProfiler} (contract) and {@link
 * org.nas4j.profiler.OnnxRuntimeProfiler} (implementation), configured by {@link org.nas4j.profiler.MeasureSettings};
 * all times are milliseconds at batch size 1 unless an input shape says otherwise, read through an injected {@link
 * org.nas4j.profiler.Ticker}. Time one model at a time: concurrent timing on this 2-core machine corrupts both.
 * ONNX Runtime's native library is extracted from the onnxruntime jar on first use of {@code OrtEnvironment};
 * nothing here loads it at class-load time, so commands that do not time anything stay fast. If loading fails, run
 * with {@code -Donnxruntime.native.path=DIR} pointing at a directory holding {@code libonnxruntime.so} and {@code
 * libonnxruntime4j_jni.so}.
 */
package org.nas4j.profiler;
