package org.nas4j.search.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.nas4j.search.study.FidelityStudy.Repeats.NONE;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nas4j.search.data.Dataset;
import org.nas4j.search.data.DatasetSpec;
import org.nas4j.search.space.DartsGenotype;
import org.nas4j.search.space.InputShape;
import org.nas4j.search.space.MacroConfig;
import org.nas4j.search.space.Stem;
import org.nas4j.targets.error.InvalidArgumentException;
import org.nas4j.search.estimate.Optimizer;
import org.nas4j.search.estimate.TrainingBudget;
import org.nas4j.search.estimate.TrainingResult;

/** The fidelity study with real (tiny) DL4J trainings on real Fashion-MNIST images. */
class FidelityStudyTest {
  private static final Dataset.Split SPLIT = DatasetSpec.embeddedFashionMnist().split(300, 1);
  private static final InputShape INPUT = new InputShape(1, 28, 28);
  private static final MacroConfig MACRO = new MacroConfig(2, 4, INPUT, 10, Stem.auto(INPUT));

  /** SGD with Nesterov momentum 0.9, lr 0.05, weight decay 3e-4, one epoch, no time limit. */
  private static TrainingBudget budget(int images, int batch) {
    return new TrainingBudget(1, images, batch, Optimizer.SGD, 0.05, 0.9, 3e-4, 0, Duration.ZERO);
  }

  @Test
  void reportsTauOverItsRowsAndIsTheSameOnTwoThreads() {
    FidelityStudy.Repeats both = new FidelityStudy.Repeats(true, true);
    FidelityStudy study = new FidelityStudy(SPLIT, 10, MACRO);
    TrainingBudget low = budget(64, 16);
    TrainingBudget high = budget(192, 16);
    List<Integer> seen = new ArrayList<>();
    List<DartsGenotype> four = FidelityStudy.draw(4, 9);
    FidelityStudy.Outcome two = study.run(four, 9, low, high, both, 2, List.of(), r -> seen.add(r.index()));
    assertThat(seen).containsExactly(0, 1, 2, 3);
    assertThat(two.rows().stream().map(FidelityStudy.Row::genotype).toList()).isEqualTo(four);
    FidelityStudy.Outcome one = study.run(four, 9, low, high, both, 1, List.of(), r -> { });
    for (int i = 0; i < 4; i++) {
      FidelityStudy.Row a = one.rows().get(i);
      FidelityStudy.Row b = two.rows().get(i);
      assertThat(b.ok()).isTrue();
      assertThat(b.genotype()).isEqualTo(a.genotype());
      assertThat(b.low().validationAccuracy()).isEqualTo(a.low().validationAccuracy());
      assertThat(b.high().validationAccuracy()).isEqualTo(a.high().validationAccuracy());
      assertThat(b.highRepeat().validationAccuracy()).isEqualTo(a.highRepeat().validationAccuracy());
      // The repeat is a different training run: its loss curve differs from the first high-budget run's.
      assertThat(b.highRepeat().lossCurve()).isNotEqualTo(b.high().lossCurve());
      assertThat(b.lowRepeat().validationAccuracy()).isEqualTo(a.lowRepeat().validationAccuracy());
      assertThat(b.lowRepeat().lossCurve()).isNotEqualTo(b.low().lossCurve());
    }
    double[] lo = two.rows().stream().mapToDouble(r -> r.low().validationAccuracy()).toArray();
    double[] hi = two.rows().stream().mapToDouble(r -> r.high().validationAccuracy()).toArray();
    double[] again = two.rows().stream().mapToDouble(r -> r.highRepeat().validationAccuracy()).toArray();
    assertThat(two.kendallTau()).isEqualTo(KendallTau.tauB(lo, hi));
    double[] loAgain = two.rows().stream().mapToDouble(r -> r.lowRepeat().validationAccuracy()).toArray();
    assertThat(two.repeatKendallTau()).isEqualTo(KendallTau.tauB(hi, again));
    assertThat(two.lowRepeatKendallTau()).isEqualTo(KendallTau.tauB(lo, loAgain));
    assertThat(two.kendallTau()).isEqualTo(one.kendallTau());
  }

  @Test
  void aSharedLowSeedTrainsEveryArchitectureAsTheSearchDoesWithItsSeed() {
    FidelityStudy study = new FidelityStudy(SPLIT, 10, MACRO);
    TrainingBudget low = budget(64, 16);
    TrainingBudget high = budget(128, 16);
    DartsGenotype g = FidelityStudy.draw(1, 3).get(0);
    List<DartsGenotype> twice = List.of(g, g);
    FidelityStudy.Outcome shared =
        study.run(twice, 3, low, high, NONE, FidelityStudy.LowSeed.SHARED, 2, List.of(), r -> { });
    FidelityStudy.Outcome own = study.run(twice, 3, low, high, NONE, 2, List.of(), r -> { });
    // The same architecture twice: with one seed both low runs are the same run, with seed + i two different ones.
    assertThat(shared.rows().get(1).low().lossCurve()).isEqualTo(shared.rows().get(0).low().lossCurve());
    assertThat(own.rows().get(1).low().lossCurve()).isNotEqualTo(own.rows().get(0).low().lossCurve());
    // Architecture 0 has seed + 0 either way; the high budget is seeded per architecture in both.
    assertThat(shared.rows().get(0).low().lossCurve()).isEqualTo(own.rows().get(0).low().lossCurve());
    assertThat(shared.rows().get(1).high().lossCurve()).isEqualTo(own.rows().get(1).high().lossCurve());
    assertThat(shared.rows().get(1).high().lossCurve()).isNotEqualTo(shared.rows().get(0).high().lossCurve());
  }

  @Test
  void reusesTheHighResultsOfAnEarlierStudyOfTheSameDrawOnly() {
    FidelityStudy study = new FidelityStudy(SPLIT, 10, MACRO);
    TrainingBudget low = budget(64, 16);
    TrainingBudget high = budget(128, 16);
    List<DartsGenotype> three = FidelityStudy.draw(3, 5);
    FidelityStudy.Outcome first = study.run(three, 5, low, high, NONE, 2, List.of(), r -> { });
    List<FidelityStudy.KnownHigh> known = first.rows().stream()
        .map(r -> new FidelityStudy.KnownHigh(r.genotype(), r.high(), null)).toList();

    TrainingBudget cheaper = budget(32, 8);
    FidelityStudy.Outcome second = study.run(three, 5, cheaper, high, NONE, 2, known, r -> { });
    assertThat(second.rows()).allSatisfy(r -> assertThat(r.lowRepeat()).isNull());
    assertThat(second.lowRepeatKendallTau()).isNaN();
    double[] lo = second.rows().stream().mapToDouble(r -> r.low().validationAccuracy()).toArray();
    double[] hi = first.rows().stream().mapToDouble(r -> r.high().validationAccuracy()).toArray();
    for (int i = 0; i < 3; i++) {
      assertThat(second.rows().get(i).high()).isSameAs(first.rows().get(i).high());
      assertThat(second.rows().get(i).low().lossCurve()).isNotEqualTo(first.rows().get(i).low().lossCurve());
    }
    assertThat(second.kendallTau()).isEqualTo(KendallTau.tauB(lo, hi));

    // The low budget validated on the first 100 of the 300 validation images: the same training, a smaller evaluation.
    FidelityStudy part = new FidelityStudy(SPLIT, 10, MACRO, 100);
    FidelityStudy.Outcome third = part.run(three, 5, cheaper, high, NONE, 2, known, r -> { });
    for (int i = 0; i < 3; i++) {
      TrainingResult all = second.rows().get(i).low();
      TrainingResult some = third.rows().get(i).low();
      assertThat(some.lossCurve()).isEqualTo(all.lossCurve());
      assertThat(some.validationAccuracy() * 100).isCloseTo(Math.rint(some.validationAccuracy() * 100), within(1e-9));
      assertThat(all.validationAccuracy() * 300).isCloseTo(Math.rint(all.validationAccuracy() * 300), within(1e-9));
    }
    assertThatThrownBy(() -> new FidelityStudy(SPLIT, 10, MACRO, 301))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1..300");

    // Repeating the low budget needs no high-budget repeats: only the cheap runs are trained.
    FidelityStudy.Outcome again = study.run(three, 5, cheaper, high, new FidelityStudy.Repeats(true, false), 2, known,
        r -> { });
    for (int i = 0; i < 3; i++) {
      FidelityStudy.Row r = again.rows().get(i);
      assertThat(r.high()).isSameAs(first.rows().get(i).high());
      assertThat(r.low().lossCurve()).isEqualTo(second.rows().get(i).low().lossCurve());
      assertThat(r.lowRepeat().lossCurve()).isNotEqualTo(r.low().lossCurve());
    }

    assertThatThrownBy(() -> study.run(FidelityStudy.draw(3, 6), 6, cheaper, high, NONE, 1, known, r -> { }))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("architecture 0 of the earlier study");
    assertThatThrownBy(() -> study.run(FidelityStudy.draw(4, 5), 5, cheaper, high, NONE, 1, known, r -> { }))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("has 3 architectures, 4 asked for");
    assertThatThrownBy(() -> study.run(three, 5, cheaper, high, FidelityStudy.Repeats.HIGH, 1, known, r -> { }))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("no repeated high-budget runs");
  }
}
