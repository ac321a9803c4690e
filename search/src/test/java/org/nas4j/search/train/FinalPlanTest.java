package org.nas4j.search.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nas4j.search.run.RunFiles;
import org.nas4j.search.run.TrainingOptions;
import org.nas4j.search.strategy.Evaluation;

class FinalPlanTest {
  private static final TrainingOptions DEFAULTS = TrainingOptions.defaults("fashion-mnist", "darts");

  @TempDir Path dir;

  @Test
  void moreImagesThanTheSplitHoldsBecomeMoreEpochsOverAllOfIt() {
    // The embedded Fashion-MNIST subset leaves 9,000 training images; 24,000 are asked for.
    assertThat(FinalPlan.epochsOver(1, 24_000, 9_000)).containsExactly(3, 8_000);
    assertThat(FinalPlan.epochsOver(2, 24_000, 59_000)).containsExactly(2, 24_000);
    assertThat(FinalPlan.epochsOver(1, 0, 59_000)).containsExactly(1, 0);
    int[] b = FinalPlan.epochsOver(2, 10_000, 4_000);
    assertThat(b[0]).isEqualTo(6);
    assertThat(b[0] * b[1]).isBetween(20_000, 20_000 + b[0] - 1);
  }

  @Test
  void theFittedBudgetFillsTheTimeOnTheBusiestCore() {
    // Four members on two cores, slowest first onto the core that frees first: {4, 1} and {3, 2} ms per image
    // give loads of 5 and 5 ms per image; 100 s then hold 20,000 images.
    double[] perImage = {0.001, 0.004, 0.003, 0.002};
    assertThat(FinalPlan.fitImages(perImage, 2, 100, 1_000_000)).isEqualTo(20_000);
    // One core carries all 10 ms per image: 10,000 images.
    assertThat(FinalPlan.fitImages(perImage, 1, 100, 1_000_000)).isEqualTo(10_000);
    // Whole thousands, at least one thousand, at most the cap.
    assertThat(FinalPlan.fitImages(perImage, 2, 1, 1_000_000)).isEqualTo(1_000);
    assertThat(FinalPlan.fitImages(perImage, 2, 100, 12_500)).isEqualTo(12_000);
    assertThat(FinalPlan.fitImages(perImage, 2, Double.POSITIVE_INFINITY, 12_500)).isEqualTo(12_000);
  }

  @Test
  void aPlanOrdersMembersSlowestFirstAndGivesThemOneBudget() throws Exception {
    Map<Evaluation, FinalSelection.Reason> chosen = new LinkedHashMap<>();
    chosen.put(member("aaaaaaaaaaaa", 10_000), FinalSelection.Reason.FASTEST); // 10 ms per proxy image
    chosen.put(member("bbbbbbbbbbbb", 30_000), FinalSelection.Reason.MOST_ACCURATE);
    chosen.put(member("cccccccccccc", 20_000), FinalSelection.Reason.KNEE);
    FinalPlan plan = FinalPlan.of(chosen, DEFAULTS, 59_000, 2, 300, 7);
    assertThat(plan.members()).extracting(x -> x.archId().substring(0, 12))
        .containsExactly("bbbbbbbbbbbb", "cccccccccccc", "aaaaaaaaaaaa");
    // Loads: {30} and {20 + 10} ms per image: 300 s hold 10,000 images.
    assertThat(plan.totalImages()).isEqualTo(10_000);
    assertThat(plan.basis()).startsWith("fitted: 10,000 images");
    assertThat(plan.budget(59_000).batchSize()).isEqualTo(DEFAULTS.finalBatchSize());
    assertThat(plan.budget(59_000).seed()).isEqualTo(7);
    // Written and read back unchanged: a resumed run trains with the same plan.
    Path file = dir.resolve("plan.json");
    RunFiles.writeJson(file, plan);
    assertThat(FinalPlan.read(file)).isEqualTo(plan);
    // A given budget is taken as given, in whole epochs over the split.
    TrainingOptions given = new TrainingOptions("fashion-mnist", 5, 8, 1, 1000, 16, 0.05, 3e-4, 1000, 32, 2, 5_000,
        3, 60, 600);
    FinalPlan fixed = FinalPlan.of(chosen, given, 4_000, 2, 1, 7);
    assertThat(fixed.epochs() * fixed.imagesPerEpoch()).isBetween(10_000, 10_002);
    assertThat(fixed.basis()).startsWith("given");
  }

  private static Evaluation member(String id, double expensiveMs) {
    return new Evaluation(id + "0".repeat(52), "arch " + id, new int[] {1}, Map.of("error", 0.5), Map.of(), 0,
        Evaluation.Status.OK, null, Map.of("cheap", 1.0, "expensive", expensiveMs));
  }

  @Test
  void aFileThatIsNotAPlanIsRefused() throws Exception {
    Path file = dir.resolve("plan.json");
    RunFiles.writeJson(file, Map.of("schema", "something/v1", "members", List.of()));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> FinalPlan.read(file))
        .isInstanceOf(java.io.IOException.class).hasMessageContaining("not a final-stage plan");
  }
}
