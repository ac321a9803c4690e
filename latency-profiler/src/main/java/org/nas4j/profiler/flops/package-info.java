/**
 * Counting the cost of an ONNX model from its inferred shapes: multiply-accumulates ({@code macs}), floating-point
 * operations ({@code flops}), parameters and activation memory, per node, per op type and in total. The entry point
 * is {@link org.nas4j.profiler.flops.ModelProfiler#profile}; the counting conventions are documented on {@link
 * org.nas4j.profiler.flops.FlopCounter} and in {@code docs/profile.md}. Pure Java, stateless and thread-safe; no
 * native code (ND4J, ONNX Runtime) is loaded.
 */
package org.nas4j.profiler.flops;
