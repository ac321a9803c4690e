package org.nas4j.targets;

/** How a target's latency is obtained. */
public enum MeasureMode {
  /** Timed through ONNX Runtime in this process, with the profile's execution provider. */
  ONNXRUNTIME,
  /** Predicted by a latency model fitted on real measurements of the device. */
  PREDICT,
  /** Timed on an Android device over adb with {@code onnxruntime_perf_test}. */
  ADB
}
