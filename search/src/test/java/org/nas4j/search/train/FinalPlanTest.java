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

  private static List<FinalPlan.Member> members(double... perImage) {
    List<FinalPlan.Member> out = new java.util.ArrayList<>();
    for (double p : perImage) {
      out.add(new FinalPlan.Member("m" + p, "spread", p, 0));
    }
    return out;
  }

  @Test
  void theFittedBudgetFillsTheTimeOnTheBusiestCore() {
    // Four members on two cores, slowest first onto the core that frees first: {4, 1} and {3, 2} ms per image
    // give loads of 5 and 5 ms per image; 100 s then hold 20,000 images.
    List<FinalPlan.Member> four = members(0.004, 0.003, 0.002, 0.001);
    assertThat(FinalPlan.fitImages(four, 2, 100, 1_000_000)).isEqualTo(20_000);
    // One core carries all 10 ms per image: 10,000 images.
    assertThat(FinalPlan.fitImages(four, 1, 100, 1_000_000)).isEqualTo(10_000);
    // Whole thousands, at least one thousand, at most the cap.
    assertThat(FinalPlan.fitImages(four, 2, 1, 1_000_000)).isEqualTo(1_000);
    assertThat(FinalPlan.fitImages(four, 2, 100, 12_500)).isEqualTo(12_000);
    assertThat(FinalPlan.fitImages(four, 2, Double.POSITIVE_INFINITY, 12_500)).isEqualTo(12_000);
    // Each member's evaluation and export time comes off its core's time: 20 s on each core leave 80 s.
    List<FinalPlan.Member> fixed = new java.util.ArrayList<>();
    members(0.004, 0.003, 0.002, 0.001).forEach(m -> fixed.add(new FinalPlan.Member(m.archId(), m.reason(),
        m.secondsPerImage(), 10)));
    assertThat(FinalPlan.fitImages(fixed, 2, 100, 1_000_000)).isEqualTo(16_000);
  }

  @Test
  void aPlanOrdersMembersSlowestFirstAndGivesThemOneBudget() throws Exception {
    Map<Evaluation, FinalSelection.Reason> chosen = new LinkedHashMap<>();
    Map<Evaluation, double[]> speed = new LinkedHashMap<>();
    Evaluation a = member("aaaaaaaaaaaa");
    Evaluation b = member("bbbbbbbbbbbb");
    Evaluation c = member("cccccccccccc");
    chosen.put(a, FinalSelection.Reason.FASTEST);
    chosen.put(b, FinalSelection.Reason.MOST_ACCURATE);
    chosen.put(c, FinalSelection.Reason.KNEE);
    speed.put(a, new double[] {0.010, 0.001}); // s per training image, s per evaluated image
    speed.put(b, new double[] {0.030, 0.001});
    speed.put(c, new double[] {0.020, 0.001});
    FinalPlan plan = FinalPlan.of(chosen, speed::get, DEFAULTS, 59_000, 0, 2, 300, 7);
    assertThat(plan.members()).extracting(x -> x.archId().substring(0, 12))
        .containsExactly("bbbbbbbbbbbb", "cccccccccccc", "aaaaaaaaaaaa");
    // Loads: {30} and {20 + 10} ms per image plus 5 s of export per member: (300 - 10) / 0.03 -> 9,000 images.
    assertThat(plan.totalImages()).isEqualTo(9_000);
    assertThat(plan.basis()).startsWith("fitted: 9,000 images");
    assertThat(plan.budget(59_000).batchSize()).isEqualTo(DEFAULTS.finalBatchSize());
    assertThat(plan.budget(59_000).seed()).isEqualTo(7);
    // Written and read back unchanged: a resumed run trains with the same plan.
    Path file = dir.resolve("plan.json");
    RunFiles.writeJson(file, plan);
    assertThat(FinalPlan.read(file)).isEqualTo(plan);
    // A given budget is taken as given, in whole epochs over the split, and needs no speed.
    TrainingOptions given = new TrainingOptions("fashion-mnist", 5, 8, 1, 1000, 16, 0.05, 3e-4, 1000, 32, 2, 5_000,
        3, 60, 600);
    FinalPlan fixed = FinalPlan.of(chosen, e -> { throw new AssertionError("no pilot for a given budget"); }, given,
        4_000, 0, 2, 1, 7);
    assertThat(fixed.epochs() * fixed.imagesPerEpoch()).isBetween(10_000, 10_002);
    assertThat(fixed.basis()).startsWith("given");
  }

  private static Evaluation member(String id) {
    return new Evaluation(id + "0".repeat(52), "arch " + id, new int[] {1}, Map.of("error", 0.5), Map.of(), 0,
        Evaluation.Status.OK, null, Map.of());
  }

  @Test
  void aFileThatIsNotAPlanIsRefused() throws Exception {
    Path file = dir.resolve("plan.json");
    RunFiles.writeJson(file, Map.of("schema", "something/v1", "members", List.of()));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> FinalPlan.read(file))
        .isInstanceOf(java.io.IOException.class).hasMessageContaining("not a final-stage plan");
  }
}
