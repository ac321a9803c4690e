package org.nas4j.search.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nas4j.search.data.Dataset;
import org.nas4j.search.data.DatasetSpec;
import org.nas4j.search.dl4j.Dl4jGraphBuilder;
import org.nas4j.search.estimate.ZeroCostScores;
import org.nas4j.search.net.NetSpec;
import org.nas4j.search.net.NetSpecs;
import org.nas4j.search.run.TrainingOptions;
import org.nas4j.search.space.SearchSpaces;
import org.nas4j.search.strategy.GenomeSpace;
import org.nas4j.search.strategy.ObjectiveValues;
import org.nas4j.targets.TargetRegistry;

/**
 * The proxy+naswot accuracy signal on real DL4J networks and real Fashion-MNIST images: each candidate's NASWOT score
 * is the score of its untrained network (the run's seed) on the first 128 images of the proxy's training order, and
 * scoring it leaves the proxy training bit-identical to a run without it.
 */
class TrainingEvaluatorNaswotTest {
  private static final TrainingOptions PROXY =
      new TrainingOptions("fashion-mnist:embedded", 2, 8, 1, 128, 16, 0.05, 3e-4, 500, 32, 1, 64, 0, 0, 0);

  @TempDir Path scratch;

  @Test
  void naswotIsTheUntrainedNetworksScoreAndLeavesTrainingUnchanged() {
    Dataset data = DatasetSpec.embeddedFashionMnist();
    GenomeSpace space = new ArchitectureGenomeSpace<>(SearchSpaces.byName("darts"));
    TrainingEvaluator plain = evaluator(data, space, PROXY);
    TrainingEvaluator blended = evaluator(data, space, PROXY.withAccuracySignal(TrainingOptions.PROXY_NASWOT));
    assertThat(plain.objectiveNames()).doesNotContain("naswot");
    assertThat(blended.objectiveNames()).contains("naswot");
    SplittableRandom rng = new SplittableRandom(5);
    int scored = 0;
    while (scored < 2) {
      int[] g = space.sample(rng);
      if (!space.isValid(g)) {
        continue;
      }
      g = space.canonical(g);
      ObjectiveValues p = plain.expensiveObjectives(g, 0);
      ObjectiveValues b = blended.expensiveObjectives(g, 0);
      assertThat(b.ok()).as(b.failureReason()).isTrue();
      assertThat(p.values()).doesNotContainKey("naswot");
      assertThat(b.values().get("error")).isEqualTo(p.values().get("error"));

      NetSpec spec = NetSpecs.of(blended.architecture(g), blended.proxyMacro());
      ComputationGraph fresh = Dl4jGraphBuilder.build(spec, 7, blended.budget().updater(),
          blended.budget().weightDecay());
      int[] order = Dataset.permutation(blended.split().train().count(), new SplittableRandom(7));
      double expected = ZeroCostScores.naswot(spec, fresh, blended.split().train(), data.classes(), order, 128);
      assertThat(b.values().get("naswot")).isEqualTo(expected);
      // A different minibatch gives a different score: the one used is the proxy's first images.
      double other = ZeroCostScores.naswot(spec, fresh, blended.split().train(), data.classes(), null, 128);
      assertThat(other).isNotEqualTo(expected);
      scored++;
    }
  }

  private TrainingEvaluator evaluator(Dataset data, GenomeSpace space, TrainingOptions options) {
    return new TrainingEvaluator(space, "darts", options, data, 7, List.of(TargetRegistry.builtIn("pixel")), scratch,
        1);
  }
}
