package org.nas4j.search.estimate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nas4j.search.build.Dl4jGraphBuilder;
import org.nas4j.search.build.NetSpec;
import org.nas4j.search.build.NetSpecs;
import org.nas4j.search.data.Dataset;
import org.nas4j.search.space.DartsGenotype;
import org.nas4j.search.space.DartsSpace;
import org.nas4j.search.space.MacroConfig;

/**
 * Measures how well a cheap training budget ranks architectures: draws random DARTS-space genotypes (seeded), trains
 * each from scratch once with the low budget and once with the high budget, and reports Kendall's tau between the
 * two validation accuracies. Not thread-safe.
 */
public final class FidelityStudy {
  /**
   * One architecture's outcome.
   *
   * @param index position in the draw (0-based)
   * @param genotype the architecture
   * @param low result of the low budget
   * @param high result of the high budget
   */
  public record Row(int index, DartsGenotype genotype, TrainingResult low, TrainingResult high) {}

  /**
   * The study's outcome.
   *
   * @param rows one per architecture, in draw order
   * @param kendallTau tau-b between low- and high-budget validation accuracy over the rows where both are OK
   */
  public record Outcome(List<Row> rows, double kendallTau) {
    /** Copies the rows. */
    public Outcome {
      rows = List.copyOf(rows);
    }
  }

  private final Dataset.Split data;
  private final int classes;
  private final MacroConfig macro;

  /**
   * @param data training and validation images
   * @param classes number of classes
   * @param macro the proxy network's macro configuration
   */
  public FidelityStudy(Dataset.Split data, int classes, MacroConfig macro) {
    this.data = data;
    this.classes = classes;
    this.macro = macro;
  }

  /**
   * Runs the study.
   *
   * @param architectures how many random genotypes (>= 2)
   * @param seed seeds the genotype draw; architecture i is trained with seed {@code seed + i}
   * @param low the cheap budget (its seed is replaced)
   * @param high the expensive budget (its seed is replaced)
   * @param onRow called after each architecture
   */
  public Outcome run(int architectures, long seed, TrainingBudget low, TrainingBudget high, Consumer<Row> onRow) {
    if (architectures < 2) {
      throw new IllegalArgumentException("architectures must be >= 2, got " + architectures);
    }
    DartsSpace space = new DartsSpace();
    SplittableRandom draw = new SplittableRandom(seed);
    Dl4jProxyTrainer trainer = new Dl4jProxyTrainer(data, classes);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < architectures; i++) {
      DartsGenotype g = space.sample(draw);
      NetSpec spec = NetSpecs.darts(g, macro);
      TrainingResult lo = train(trainer, spec, low.withSeed(seed + i));
      TrainingResult hi = train(trainer, spec, high.withSeed(seed + i));
      Row row = new Row(i, g, lo, hi);
      rows.add(row);
      onRow.accept(row);
    }
    List<Row> ok = rows.stream().filter(r -> r.low().ok() && r.high().ok()).toList();
    double tau = ok.size() < 2 ? Double.NaN : KendallTau.tauB(
        ok.stream().mapToDouble(r -> r.low().validationAccuracy()).toArray(),
        ok.stream().mapToDouble(r -> r.high().validationAccuracy()).toArray());
    return new Outcome(rows, tau);
  }

  private static TrainingResult train(Dl4jProxyTrainer trainer, NetSpec spec, TrainingBudget budget) {
    ComputationGraph net = Dl4jGraphBuilder.build(spec, budget.seed(), budget.updater(), budget.weightDecay());
    return trainer.train(net, budget, Dl4jProxyTrainer.Progress.NONE);
  }
}
