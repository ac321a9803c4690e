package org.nas4j.profiler;

import java.nio.file.Path;
import org.nas4j.targets.TargetProfile;

/**
 * Times ONNX models on a target. Latencies are milliseconds at the input shapes the model declares (dynamic
 * dimensions 1 unless overridden). Implementations are not required to be thread-safe: time one model at a time, in
 * isolation, or the numbers mean little. Arguments are never mutated.
 *
 * <p>All methods throw {@link InvalidModelException} (the model file is missing, empty, not ONNX, or fails its dry
 * run; the message names the file and the runtime's reason), {@link org.nas4j.targets.error.InvalidArgumentException}
 * (settings that do not fit the model, such as an input shape of the wrong rank), {@link
 * org.nas4j.targets.error.TargetUnavailableException} (the target cannot be timed on this machine) and {@link
 * ProfilingException} (the runtime failed while timing a model that passed its dry run).
 */
public interface LatencyProfiler {

  /**
   * Loads the model for the target and runs it once with generated inputs, without timing it. Use it to reject bad
   * models before spending time on good ones.
   */
  void check(Path model, TargetProfile target, MeasureSettings settings);

  /** Times the model: per session, a dry run, warm-up runs, then timed runs. */
  Measurement measure(Path model, TargetProfile target, MeasureSettings settings);

  /**
   * Times two models with their runs interleaved in one process (each session pair in random ABAB/BABA order per
   * run), so that drift of the machine cancels in their ratio.
   */
  Comparison compare(Path model, Path reference, TargetProfile target, MeasureSettings settings);

  /**
   * Times the model interleaved with the fixed {@link CalibrationModel} (the comparison's reference), so that a
   * regression gate can divide out how fast the machine is right now. The timed-time floor ({@code minTimeMs})
   * counts the model's runs only.
   */
  Comparison measureCalibrated(Path model, TargetProfile target, MeasureSettings settings);
}
