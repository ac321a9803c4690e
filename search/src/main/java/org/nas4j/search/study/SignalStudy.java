package org.nas4j.search.study;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nas4j.search.data.Dataset;
import org.nas4j.search.data.LabeledImages;
import org.nas4j.search.dl4j.Dl4jGraphBuilder;
import org.nas4j.search.estimate.ProxyDefaults;
import org.nas4j.search.estimate.TrainingBudget;
import org.nas4j.search.estimate.ZeroCostScores;
import org.nas4j.search.net.NetSpec;
import org.nas4j.search.net.NetSpecs;
import org.nas4j.search.space.DartsGenotype;
import org.nas4j.search.space.MacroConfig;

/**
 * Computes the cheap accuracy signals of DARTS architectures that need no training: parameter count, MACs and the
 * {@link ZeroCostScores} at initialisation, for ranking studies against trained accuracies (the {@link
 * FidelityStudy}'s outputs). Architecture i is initialised as the fidelity study's proxy initialises it (seed {@code
 * seed + i}, same proxy budget's updater and weight decay), so its scores belong to the very network the proxy then
 * trains; further initialisations use seed {@code seed + i + k * FidelityStudy.REPEAT_SEED_OFFSET} and another
 * minibatch, which measures how much of each score is architecture and how much is initialisation.
 */
public final class SignalStudy {
  /**
   * One architecture's signals.
   *
   * @param index position in the list (0-based)
   * @param genotype the architecture
   * @param trainableParams trainable parameters of the proxy network (PyTorch convention)
   * @param macs multiply-adds per image of the proxy network
   * @param inits the training-free scores, one per initialisation
   * @param buildSeconds wall seconds to build and initialise the network, summed over the initialisations
   */
  public record Row(int index, DartsGenotype genotype, long trainableParams, long macs,
      List<ZeroCostScores.Scores> inits, double buildSeconds) {
    /** Copies the list. */
    public Row {
      inits = List.copyOf(inits);
    }
  }

  private final LabeledImages train;
  private final int classes;
  private final MacroConfig macro;

  /**
   * @param data the split (its training images give the minibatches)
   * @param classes number of classes
   * @param macro the proxy network's macro configuration
   */
  public SignalStudy(Dataset.Split data, int classes, MacroConfig macro) {
    this.train = data.train();
    this.classes = classes;
    this.macro = macro;
  }

  /**
   * Scores every genotype, one after another on the calling thread.
   *
   * @param genotypes the architectures
   * @param seed the fidelity study's seed
   * @param inits initialisations per architecture (>= 1)
   * @param batch minibatch size of naswot and the gradient norm
   * @param onRow called with each row, in order
   */
  public List<Row> run(List<DartsGenotype> genotypes, long seed, int inits, int batch, Consumer<Row> onRow) {
    if (inits < 1) {
      throw new IllegalArgumentException("inits must be >= 1, got " + inits);
    }
    List<int[]> orders = new ArrayList<>();
    for (int k = 0; k < inits; k++) {
      orders.add(Dataset.permutation(train.count(),
          new SplittableRandom(seed + k * FidelityStudy.REPEAT_SEED_OFFSET)));
    }
    TrainingBudget budget = ProxyDefaults.budget(seed);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < genotypes.size(); i++) {
      DartsGenotype g = genotypes.get(i);
      NetSpec spec = NetSpecs.darts(g, macro);
      List<ZeroCostScores.Scores> scores = new ArrayList<>();
      double build = 0;
      for (int k = 0; k < inits; k++) {
        long t0 = System.nanoTime();
        ComputationGraph net = Dl4jGraphBuilder.build(spec, seed + i + k * FidelityStudy.REPEAT_SEED_OFFSET,
            budget.updater(), budget.weightDecay());
        build += (System.nanoTime() - t0) / 1e9;
        scores.add(ZeroCostScores.all(spec, net, train, classes, orders.get(k), batch));
      }
      Row row = new Row(i, g, spec.trainableParams(), spec.macs(), scores, build);
      rows.add(row);
      onRow.accept(row);
    }
    return rows;
  }
}
