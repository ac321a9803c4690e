package org.nas4j.profiler.bench;

import java.nio.file.Path;
import java.util.List;
import org.nas4j.profiler.MeasureSettings;
import org.nas4j.targets.TargetProfile;

/**
 * What {@link BenchRun} is asked to do: time {@code models} on {@code target}, and optionally gate them against a
 * baseline, record a new baseline, write JUnit XML, or compare one model with a reference interleaved.
 *
 * @param models the model files, resolved and de-duplicated, at least one
 * @param target the target profile (measured through ONNX Runtime)
 * @param settings threads, warm-up, runs, sessions, spinning, input shapes and seed
 * @param baseline baseline file to gate against, or null
 * @param maxRegressionPct allowed slowdown in percent, >= 0
 * @param saveBaseline file to record this run's samples in, or null
 * @param calibrate whether to time the calibration model interleaved with each model
 * @param junit JUnit XML file to write, or null
 * @param compare reference model to time interleaved with the single model, or null
 * @param nasVersion version of nas, recorded in baselines, JSON and text
 * @param baselineModel the baseline's ONNX file to time interleaved with the model, or null (then the copy stored
 *     next to the baseline file is used when there is one)
 * @param maxSeconds time budget of the gate: rounds of sessions are added until the verdict is decided or the next
 *     round would not fit, > 0
 * @param junitInconclusive how an INCONCLUSIVE verdict appears in JUnit XML
 */
public record BenchRequest(
    List<Path> models,
    TargetProfile target,
    MeasureSettings settings,
    Path baseline,
    double maxRegressionPct,
    Path saveBaseline,
    boolean calibrate,
    Path junit,
    Path compare,
    String nasVersion,
    Path baselineModel,
    double maxSeconds,
    JUnitReport.Outcome junitInconclusive) {

  public BenchRequest {
    if (models == null || models.isEmpty()) {
      throw new IllegalArgumentException("models must hold at least one model");
    }
    models = List.copyOf(models);
    if (compare != null && models.size() != 1) {
      throw new IllegalArgumentException("compare needs exactly one model, got " + models.size());
    }
    if (!(maxSeconds > 0)) {
      throw new IllegalArgumentException("maxSeconds must be > 0, got " + maxSeconds);
    }
    if (baselineModel != null && (baseline == null || models.size() != 1)) {
      throw new IllegalArgumentException("baselineModel needs a baseline and exactly one model");
    }
    if (!(maxRegressionPct >= 0) || Double.isInfinite(maxRegressionPct)) {
      throw new IllegalArgumentException("maxRegressionPct must be a number >= 0, got " + maxRegressionPct);
    }
  }
}
