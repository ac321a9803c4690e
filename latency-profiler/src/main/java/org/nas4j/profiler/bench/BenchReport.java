package org.nas4j.profiler.bench;

import java.nio.file.Path;
import java.util.List;
import org.nas4j.profiler.Measurement;
import org.nas4j.profiler.MeasureSettings;
import org.nas4j.targets.TargetProfile;

/**
 * What {@link BenchRun} measured and decided; {@link BenchJson} and {@link BenchText} render it. Either
 * {@code results} holds one entry per model (timing, gate), or {@code comparison} is set (interleaved comparison).
 *
 * @param target the target profile
 * @param settings the settings the models were timed with
 * @param nasVersion version of nas
 * @param results one result per model (empty for a comparison)
 * @param comparison the comparison, or null
 */
public record BenchReport(TargetProfile target, MeasureSettings settings, String nasVersion,
    List<ModelResult> results, ComparisonResult comparison) {

  public BenchReport {
    results = List.copyOf(results);
  }

  /** Whether any model failed the gate. */
  public boolean anyRegressed() {
    return results.stream().anyMatch(r -> r.verdict() != null && r.verdict().regressed());
  }

  /** Whether any model's verdict is INCONCLUSIVE. */
  public boolean anyInconclusive() {
    return results.stream().anyMatch(r -> r.verdict() != null
        && r.verdict().verdict() == RegressionVerdict.Verdict.INCONCLUSIVE);
  }

  /**
   * The timing of one model and, with a baseline, the gate's verdict.
   *
   * @param measurement the model's samples
   * @param stats statistics of all its samples
   * @param calibration the calibration model timed interleaved with it, or null
   * @param baselineFile the baseline file, or null
   * @param baselineEntry the baseline entry it was tested against, or null
   * @param verdict the gate's verdict, or null without a baseline
   * @param seconds wall time spent on this model
   * @param baselineNow the baseline model timed interleaved with it now (paired test), or null
   * @param rounds rounds of sessions measured (more than one when the gate kept measuring until it could tell)
   * @param maxSeconds the gate's time budget
   */
  public record ModelResult(Measurement measurement, SampleStats stats, Measurement calibration, Path baselineFile,
      BaselineEntry baselineEntry, RegressionVerdict verdict, double seconds, Measurement baselineNow, int rounds,
      double maxSeconds) {}

  /**
   * Two models timed interleaved.
   *
   * @param model the model's samples
   * @param reference the reference's samples
   * @param modelStats statistics of the model's samples
   * @param referenceStats statistics of the reference's samples
   * @param ratio model / reference with its 95% interval
   */
  public record ComparisonResult(Measurement model, Measurement reference, SampleStats modelStats,
      SampleStats referenceStats, RatioEstimate ratio) {}
}
