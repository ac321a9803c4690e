/**
 * Latency measurement through ONNX Runtime and ONNX graph analysis. The profiler never sees a search-space
 * architecture: it takes an ONNX file. ONNX Runtime's native library is extracted from the onnxruntime jar on first
 * use of {@code OrtEnvironment}; nothing here loads it at class-load time, so commands that do not time anything
 * stay fast. If loading fails, run with {@code -Donnxruntime.native.path=DIR} pointing at a directory holding
 * {@code libonnxruntime.so} and {@code libonnxruntime4j_jni.so}.
 */
package org.nas4j.profiler;
