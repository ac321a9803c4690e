package org.nas4j.targets;

/**
 * Where a model runs. Our own enum: only {@code latency-profiler} maps it to ONNX Runtime's providers, and {@code
 * NNAPI}/{@code XNNPACK} only exist on Android (measured over adb).
 */
public enum ExecutionProvider {
  CPU,
  CUDA,
  NNAPI,
  XNNPACK
}
