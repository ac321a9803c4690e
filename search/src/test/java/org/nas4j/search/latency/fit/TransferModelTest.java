package org.nas4j.search.latency.fit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nas4j.profiler.predict.ErrorMetrics;
import org.nas4j.profiler.predict.KernelLinearFitter;
import org.nas4j.profiler.predict.PredictorFile;
import org.nas4j.profiler.testing.SharedFiles;
import org.nas4j.search.latency.LatencySpace;

/** The kernel-shared transfer model on the two real Pixel 3 tables (15,625 NB201 cells, 5,000 FBNet networks). */
class TransferModelTest {
  private static PredictorFitting.LoweredTable nb201;
  private static PredictorFitting.LoweredTable fbnet;

  @BeforeAll
  static void lower() {
    nb201 = PredictorFitting.lower(new PredictorFitting.TableSpec(LatencySpace.NB201,
        SharedFiles.resolve("benchmarks").resolve("nb201.csv"), "arch", "hw_c10_pixel3_latency_ms"));
    fbnet = PredictorFitting.lower(new PredictorFitting.TableSpec(LatencySpace.FBNET,
        SharedFiles.resolve("benchmarks").resolve("fbnet_c100_latency.csv"), "ops", "hw_pixel3_latency_ms"));
  }

  @Test
  void sharedCostsRankTheOtherSpaceWhereClassCostsDoNot() {
    PredictorFile.Transfer t = PredictorFitting.transfer(List.of(nb201, fbnet));
    assertThat(t.leaveOneSpaceOut()).extracting(PredictorFile.CrossSpace::fittedOn, PredictorFile.CrossSpace::predicted)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("fbnet", "nb201"),
            org.assertj.core.groups.Tuple.tuple("nb201", "fbnet"));
    ErrorMetrics fbToNb = t.leaveOneSpaceOut().get(0).error();
    ErrorMetrics nbToFb = t.leaveOneSpaceOut().get(1).error();
    // Rationale: issue 19's transfer bar is rho >= 0.85 both ways (measured 0.880 and 0.954); the per-class model
    // ranks FBNet at rho -0.80 when fitted on NB201, so this fails if transfer degrades to it
    assertThat(fbToNb.spearmanRho()).isGreaterThanOrEqualTo(0.85);
    assertThat(nbToFb.spearmanRho()).isGreaterThanOrEqualTo(0.9);
    double perClass = PredictorFitting.score(new KernelLinearFitter().fit(nb201.features(), nb201.latencyMs())
        ::predictMs, List.of(fbnet)).spearmanRho();
    assertThat(perClass).isLessThan(0);
    // Rationale: the byte cost tied to the MAC cost (measured 10.8% and 21.5% median error) against 23.3% and 26.7%
    // with the two slopes free (NB201 alone then prices bytes at 0); fails if transfer falls back to that
    assertThat(nbToFb.medianAbsErrorPct()).isLessThan(15.0);
    assertThat(fbToNb.medianAbsErrorPct()).isLessThan(24.0);
    // The band quoted outside the families is the worse direction's median error
    assertThat(t.typicalErrorPct()).isEqualTo(Math.max(fbToNb.medianAbsErrorPct(), nbToFb.medianAbsErrorPct()));
    assertThat(t.perMegaMacMs()).isPositive();
    assertThat(t.perMegabyteMs() / t.perMegaMacMs()).isBetween(0.5, 8.0); // a byte costs r MACs, r on the grid
    assertThat(t.interceptMs()).isGreaterThanOrEqualTo(0);
  }

  @Test
  void oneSpaceHasNoTransferToMeasure() {
    assertThat(PredictorFitting.transfer(List.of(nb201))).isNull();
  }
}
