/**
 * Timing ONNX models on an Android device over adb with ONNX Runtime's {@code onnxruntime_perf_test}: {@link
 * org.nas4j.profiler.adb.AdbSession} checks the device, pushes the binary and models, pins to the big cores with
 * {@code taskset}, parses the latencies ({@link org.nas4j.profiler.adb.PerfTestOutput}) and removes what it pushed.
 * Latencies are milliseconds at batch size 1. Device problems are {@code TargetUnavailableException} (exit 4), a
 * wrong binary or unusable output {@code InvalidInputException} (exit 2). Not thread-safe: one session per device.
 */
package org.nas4j.profiler.adb;
