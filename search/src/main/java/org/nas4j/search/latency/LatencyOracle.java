package org.nas4j.search.latency;

import java.nio.file.Path;
import org.nas4j.profiler.OnnxRuntimeProfiler;
import org.nas4j.search.net.NetSpec;
import org.nas4j.search.space.MacroConfig;
import org.nas4j.targets.TargetProfile;
import org.nas4j.targets.error.TargetUnavailableException;

/**
 * The latency of a network on one target, from the target's own latency source: the kernel-level predictor of a
 * {@link org.nas4j.targets.MeasureMode#PREDICT} target ({@link PredictedLatency}) or a real ONNX Runtime measurement
 * of an {@link org.nas4j.targets.MeasureMode#ONNXRUNTIME} target ({@link MeasuredLatency}).
 *
 * <p>{@link #latencyMs} returns milliseconds at batch size 1 and does not mutate its argument. Implementations are
 * not thread-safe (a measurement needs the machine to itself anyway).
 */
public interface LatencyOracle {
  /** The target's id, e.g. {@code pixel}. */
  String targetId();

  /**
   * Where the numbers come from, as recorded in run files: {@code predicted:<predictor file>} or {@code
   * measured:onnxruntime-<provider>}.
   */
  String source();

  /** Whether {@link #latencyMs} runs the network (seconds per call) rather than predicting it (microseconds). */
  boolean measured();

  /**
   * Latency of the network {@code spec} in milliseconds at batch size 1.
   *
   * @throws org.nas4j.profiler.ProfilingException if a measurement fails
   */
  double latencyMs(NetSpec spec);

  /**
   * How well predictions for networks of this space and macro network are known (see {@link FittedPredictor}), or
   * null for an oracle that measures.
   */
  default FittedPredictor.Band band(String space, MacroConfig macro) {
    return null;
  }

  /**
   * The oracle of a target profile.
   *
   * @param scratch folder for the temporary ONNX files of measured targets
   * @throws TargetUnavailableException if the target has no predictor, cannot be measured here, or measures over adb
   */
  static LatencyOracle of(TargetProfile target, Path scratch) {
    return switch (target.measure()) {
      case PREDICT -> PredictedLatency.of(target);
      case ONNXRUNTIME -> {
        OnnxRuntimeProfiler.requireAvailable(target);
        yield new MeasuredLatency(target, scratch);
      }
      case ADB -> throw new TargetUnavailableException("target '" + target.id() + "' measures over adb; a phone "
          + "in the loop is not supported here: fit a predictor with 'nas targets calibrate' and use it");
    };
  }
}
