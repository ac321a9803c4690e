package org.nas4j.search.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nas4j.search.data.Dataset;
import org.nas4j.search.data.DatasetSpec;
import org.nas4j.search.run.TrainingOptions;
import org.nas4j.search.space.SearchSpaces;
import org.nas4j.search.strategy.GenomeSpace;
import org.nas4j.search.strategy.ObjectiveValues;
import org.nas4j.targets.TargetRegistry;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Real DL4J training of real Fashion-MNIST images on two threads at once: each candidate ends with exactly the weights
 * and validation error it gets when trained alone (this needs each training thread to get the configured OpenMP
 * thread count; with 2 OpenMP threads the weights differ in the last bits at this size).
 */
class TrainingEvaluatorConcurrencyTest {
  private static final TrainingOptions OPTIONS =
      new TrainingOptions("fashion-mnist:embedded", 2, 8, 1, 128, 16, 0.05, 3e-4, 500, 32, 1, 64, 0, 0, 0);

  @TempDir Path scratch;

  @Test
  void concurrentTrainingsGiveTheWeightsOfSequentialOnes() throws Exception {
    Dataset data = DatasetSpec.embeddedFashionMnist();
    GenomeSpace space = new ArchitectureGenomeSpace<>(SearchSpaces.byName("darts"));
    SplittableRandom rng = new SplittableRandom(3);
    List<int[]> genomes = new ArrayList<>();
    while (genomes.size() < 2) {
      int[] g = space.sample(rng);
      if (space.isValid(g)) {
        genomes.add(space.canonical(g));
      }
    }
    TrainingEvaluator alone = evaluator(data, space, 1);
    List<ObjectiveValues> expected = new ArrayList<>();
    for (int[] g : genomes) {
      expected.add(alone.expensiveObjectives(g, 0));
    }
    TrainingEvaluator together = evaluator(data, space, 2);
    assertThat(together.concurrency()).isEqualTo(2);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<ObjectiveValues>> futures = new ArrayList<>();
      for (int[] g : genomes) {
        futures.add(pool.submit(() -> {
          // A fresh thread starts with OpenMP's default, all cores (this test JVM runs with OMP_NUM_THREADS=1, so
          // set what bin/nas's JVM gets on a 2-core machine); the evaluator must bring it back to the configured 1.
          NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(2);
          return together.expensiveObjectives(g, 0);
        }));
      }
      for (int i = 0; i < genomes.size(); i++) {
        ObjectiveValues got = futures.get(i).get();
        assertThat(got.ok()).as(got.failureReason()).isTrue();
        assertThat(got.values()).isEqualTo(expected.get(i).values());
        ComputationGraph a = alone.lowFidelityNetwork(genomes.get(i), alone.budget());
        ComputationGraph b = together.lowFidelityNetwork(genomes.get(i), together.budget());
        float[] wa = a.params().data().asFloat();
        float[] wb = b.params().data().asFloat();
        assertThat(java.util.Arrays.equals(wa, wb)).as("candidate %d's %d weights are bit-identical (largest "
            + "difference %s)", i, wa.length, largestDifference(wa, wb)).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static double largestDifference(float[] a, float[] b) {
    double d = a.length == b.length ? 0 : Double.NaN;
    for (int i = 0; i < Math.min(a.length, b.length); i++) {
      d = Math.max(d, Math.abs(a[i] - b[i]));
    }
    return d;
  }

  private TrainingEvaluator evaluator(Dataset data, GenomeSpace space, int jobs) {
    return new TrainingEvaluator(space, "darts", OPTIONS, data, 7, List.of(TargetRegistry.builtIn("pixel")), scratch,
        jobs);
  }
}
