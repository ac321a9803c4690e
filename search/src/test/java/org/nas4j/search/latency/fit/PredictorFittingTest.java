package org.nas4j.search.latency.fit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nas4j.profiler.predict.ErrorMetrics;
import org.nas4j.profiler.predict.HeldOutEvaluation;
import org.nas4j.profiler.predict.KernelLinearFitter;
import org.nas4j.profiler.testing.SharedFiles;
import org.nas4j.search.latency.LatencySpace;

/** Fits on the real NB201 Pixel 3 table (all 15,625 cells, 5 folds grouped by iso_class). */
class PredictorFittingTest {
  private static PredictorFitting.LoweredTable table;
  private static List<String> groups;

  @BeforeAll
  static void lower() {
    table = PredictorFitting.lower(new PredictorFitting.TableSpec(LatencySpace.NB201,
        SharedFiles.resolve("benchmarks").resolve("nb201.csv"), "arch", "hw_c10_pixel3_latency_ms"));
    groups = table.table().rows().stream().map(LatencyTable.Row::group).toList();
  }

  @Test
  void kernelModelBeatsTheRankThresholdThatTheEdgeLookupTableMisses() {
    // Rationale: the acceptance bar of issue 5 is rho >= 0.95 and median error <= 8% on held-out cells; the
    // per-edge lookup table (0.94 here) must stay below it, so this test fails if the kernel model degrades to it.
    ErrorMetrics kernel = HeldOutEvaluation.crossValidate(table.features(), table.latencyMs(), groups, 5, 1,
        new KernelLinearFitter()).metrics();
    List<String> archs = new ArrayList<>();
    table.table().rows().forEach(r -> archs.add(r.arch()));
    ErrorMetrics lut = HeldOutEvaluation.crossValidate(archs, table.latencyMs(), groups, 5, 1,
        EdgeLookupTable::fit).metrics();
    assertThat(kernel.rows()).isEqualTo(15625);
    assertThat(kernel.spearmanRho()).isGreaterThanOrEqualTo(0.95);
    assertThat(kernel.medianAbsErrorPct()).isLessThanOrEqualTo(8.0);
    assertThat(lut.spearmanRho()).isLessThan(0.95);
    assertThat(kernel.spearmanRho()).isGreaterThan(lut.spearmanRho());
  }

  @Test
  void iso_classKeepsIsomorphicCopiesInOneFold() {
    int[] fold = HeldOutEvaluation.assignFolds(groups, 5, 1);
    java.util.Map<String, Integer> seen = new java.util.HashMap<>();
    for (int i = 0; i < fold.length; i++) {
      Integer before = seen.putIfAbsent(groups.get(i), fold[i]);
      assertThat(before == null || before == fold[i]).isTrue();
    }
    assertThat(seen).hasSize(6466);
  }
}
