package org.nas4j.search.train;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nas4j.search.estimate.TrainingBudget;
import org.nas4j.search.run.TrainingOptions;

class TrainedFrontExporterTest {
  private static final TrainingOptions OPTIONS = TrainingOptions.defaults("fashion-mnist", "darts");

  @Test
  void moreImagesThanTheSplitHoldsBecomeMoreEpochsOverAllOfIt() {
    // The embedded Fashion-MNIST subset leaves 9,000 training images; 24,000 are asked for.
    TrainingBudget b = TrainedFrontExporter.finalBudget(1, 24_000, 9_000, OPTIONS, 7);
    assertThat(b.epochs()).isEqualTo(3);
    assertThat(b.trainImages()).isEqualTo(8_000);
    assertThat(b.seed()).isEqualTo(7);
  }

  @Test
  void aBudgetThatFitsIsKept() {
    TrainingBudget b = TrainedFrontExporter.finalBudget(2, 24_000, 59_000, OPTIONS, 7);
    assertThat(b.epochs()).isEqualTo(2);
    assertThat(b.trainImages()).isEqualTo(24_000);
    assertThat(TrainedFrontExporter.finalBudget(1, 0, 59_000, OPTIONS, 7).trainImages()).isZero();
  }

  @Test
  void epochsMultiplyWhenEachEpochAsksForMoreThanTheSplit() {
    TrainingBudget b = TrainedFrontExporter.finalBudget(2, 10_000, 4_000, OPTIONS, 7);
    assertThat(b.epochs()).isEqualTo(6);
    assertThat(b.epochs() * b.trainImages()).isBetween(20_000, 20_000 + b.epochs() - 1);
  }
}
