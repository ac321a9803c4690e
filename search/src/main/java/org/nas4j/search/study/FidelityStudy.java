package org.nas4j.search.study;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nas4j.search.dl4j.Dl4jGraphBuilder;
import org.nas4j.search.net.NetSpec;
import org.nas4j.search.net.NetSpecs;
import org.nas4j.search.dl4j.TrainingWorkers;
import org.nas4j.search.data.Dataset;
import org.nas4j.search.space.DartsGenotype;
import org.nas4j.search.space.DartsSpace;
import org.nas4j.search.space.MacroConfig;
import org.nas4j.targets.error.InvalidArgumentException;
import org.nas4j.search.estimate.Dl4jProxyTrainer;
import org.nas4j.search.estimate.Optimizer;
import org.nas4j.search.estimate.ProxyDefaults;
import org.nas4j.search.estimate.TrainingBudget;
import org.nas4j.search.estimate.TrainingResult;

/**
 * Measures how well a cheap training budget ranks architectures: draws random DARTS-space genotypes (seeded), trains
 * each from scratch once with the low budget and once with the high budget, and reports Kendall's tau between the two
 * validation accuracies. Optionally trains either budget a second time with another seed ({@link Repeats}): the tau
 * between the two high-budget runs measures the high budget's own noise, and is about what a cheap budget as repeatable
 * as the high budget would reach against one high-budget run (a practical ceiling: only a cheap budget that repeats
 * better than the high budget could exceed it); the tau between the two low-budget runs measures how much of the cheap
 * budget's own ranking repeats at all. Architectures train on up to {@code jobs} threads at once; the outcome does not
 * depend on it. The high-budget results of an earlier study with the same draw can be reused ({@link KnownHigh}), so
 * that several cheap budgets are compared against one expensive reference.
 */
public final class FidelityStudy {
  /** Offset between the training seed of an architecture's high-budget run and of its repeat. */
  public static final long REPEAT_SEED_OFFSET = 1_000_003L;

  /** How the low budget's training seed is chosen (the high budget's is always per architecture). */
  public enum LowSeed {
    /** Architecture i trains with seed + i: its own training images, data order and initial weights. */
    PER_ARCHITECTURE,
    /**
     * Every architecture trains with the study's seed: the same training images in the same order, weights drawn
     * from the same seed, as {@code nas search} trains every candidate with the run's seed.
     */
    SHARED
  }

  /**
   * Which budgets every architecture trains a second time, with its seed plus {@link #REPEAT_SEED_OFFSET}.
   *
   * @param low repeat the low budget
   * @param high repeat the high budget
   */
  public record Repeats(boolean low, boolean high) {
    /** No repeats. */
    public static final Repeats NONE = new Repeats(false, false);

    /** The high budget only. */
    public static final Repeats HIGH = new Repeats(false, true);
  }

  /**
   * One architecture's outcome.
   *
   * @param index position in the draw (0-based)
   * @param genotype the architecture
   * @param low result of the low budget
   * @param high result of the high budget
   * @param highRepeat result of the high budget with another training seed, or null when not asked for
   * @param lowRepeat result of the low budget with another training seed, or null when not asked for
   */
  public record Row(int index, DartsGenotype genotype, TrainingResult low, TrainingResult high,
      TrainingResult highRepeat, TrainingResult lowRepeat) {
    /** Whether every run of this row finished. */
    public boolean ok() {
      return low.ok() && high.ok() && (highRepeat == null || highRepeat.ok()) && (lowRepeat == null || lowRepeat.ok());
    }
  }

  /**
   * The study's outcome.
   *
   * @param rows one per architecture, in draw order
   * @param kendallTau tau-b between low- and high-budget validation accuracy over the rows where all runs are OK
   * @param repeatKendallTau tau-b between the two high-budget runs (NaN without repeats)
   * @param meanHighKendallTau tau-b between the low budget and the mean of the two high-budget runs (NaN without
   *     repeats)
   * @param lowRepeatKendallTau tau-b between the two low-budget runs (NaN without low repeats)
   */
  public record Outcome(List<Row> rows, double kendallTau, double repeatKendallTau, double meanHighKendallTau,
      double lowRepeatKendallTau) {
    /** Copies the rows. */
    public Outcome {
      rows = List.copyOf(rows);
    }
  }

  /**
   * One architecture's high-budget results measured by an earlier study with the same draw, split and high budget.
   *
   * @param genotype the architecture (checked against the draw)
   * @param high result of the high budget
   * @param highRepeat result of its repeat with another seed, or null when the earlier study had none
   */
  public record KnownHigh(DartsGenotype genotype, TrainingResult high, TrainingResult highRepeat) {}

  private final Dataset.Split data;
  private final Dataset.Split lowData;
  private final int classes;
  private final MacroConfig macro;

  /**
   * A study that validates both budgets on the whole validation split.
   *
   * @param data training and validation images
   * @param classes number of classes
   * @param macro the proxy network's macro configuration
   */
  public FidelityStudy(Dataset.Split data, int classes, MacroConfig macro) {
    this(data, classes, macro, data.validation().count());
  }

  /**
   * A study that validates the low budget on the first {@code lowValidationImages} images of the validation split
   * only (evaluation is part of a candidate's cost), the high budget on all of it.
   *
   * @throws IllegalArgumentException unless 1 <= lowValidationImages <= the validation split's size
   */
  public FidelityStudy(Dataset.Split data, int classes, MacroConfig macro, int lowValidationImages) {
    int all = data.validation().count();
    if (lowValidationImages < 1 || lowValidationImages > all) {
      throw new IllegalArgumentException("lowValidationImages must be in 1.." + all + ", got " + lowValidationImages);
    }
    this.data = data;
    this.lowData = lowValidationImages == all ? data : new Dataset.Split(data.train(), data.validation().select(
        IntStream.range(0, lowValidationImages).toArray(), data.validation().name()));
    this.classes = classes;
    this.macro = macro;
  }

  /**
   * The low and high training budgets of a study.
   *
   * @param low the search's proxy budget (or what was given)
   * @param high {@code factor} times its work: as many training images as the split holds, the rest as epochs
   */
  public record Budgets(TrainingBudget low, TrainingBudget high) {}

  /**
   * Derives the budgets: the {@link ProxyDefaults} budget overridden by what is given, and a high budget doing
   * {@code factor} times the low budget's work (images x epochs) on at most {@code availableImages} images per epoch.
   *
   * @param trainImages low-budget training images, or null for the default
   * @param epochs low-budget epochs, or null
   * @param batchSize low-budget minibatch, or null
   * @param learningRate low-budget initial learning rate, or null
   * @param highBatchSize high-budget minibatch, or null for the low one
   * @param highLearningRate high-budget initial learning rate, or null for the low one
   * @throws IllegalArgumentException naming the options when a value is out of range
   */
  public static Budgets budgets(Integer trainImages, Integer epochs, Integer batchSize, Double learningRate,
      Integer highBatchSize, Double highLearningRate, int factor, int availableImages, long seed) {
    TrainingBudget d = ProxyDefaults.budget(seed);
    int lowImages = trainImages != null ? trainImages : d.trainImages();
    int lowEpochs = epochs != null ? epochs : d.epochs();
    int batch = batchSize != null ? batchSize : d.batchSize();
    double lr = learningRate != null ? learningRate : d.learningRate();
    if (lowImages < 1 || lowImages > availableImages || lowEpochs < 1 || batch < 1 || !(lr > 0)) {
      throw new IllegalArgumentException("--train-images must be in 1.." + availableImages
          + ", --epochs and --batch-size >= 1, --lr > 0");
    }
    long highWork = (long) lowImages * lowEpochs * factor;
    int highImages = (int) Math.min(availableImages, highWork);
    int highEpochs = (int) Math.max(1, Math.round(highWork / (double) highImages));
    int hb = highBatchSize != null ? highBatchSize : batch;
    if (hb < 1) {
      throw new IllegalArgumentException("--high-batch-size must be >= 1, got " + hb);
    }
    double hlr = highLearningRate != null ? highLearningRate : lr;
    if (!(hlr > 0)) {
      throw new IllegalArgumentException("--high-lr must be > 0, got " + hlr);
    }
    return new Budgets(
        new TrainingBudget(lowEpochs, lowImages, batch, Optimizer.SGD, lr, 0.9, d.weightDecay(), seed, Duration.ZERO),
        new TrainingBudget(highEpochs, highImages, hb, Optimizer.SGD, hlr, 0.9, d.weightDecay(), seed, Duration.ZERO));
  }

  /** The first {@code architectures} genotypes of the seeded random draw of the DARTS space that a study uses. */
  public static List<DartsGenotype> draw(int architectures, long seed) {
    DartsSpace space = new DartsSpace();
    SplittableRandom draw = new SplittableRandom(seed);
    List<DartsGenotype> genotypes = new ArrayList<>();
    for (int i = 0; i < architectures; i++) {
      genotypes.add(space.sample(draw));
    }
    return genotypes;
  }

  /**
   * {@link #run(List, long, TrainingBudget, TrainingBudget, Repeats, LowSeed, int, List, Consumer)} with the low
   * budget seeded {@link LowSeed#PER_ARCHITECTURE}.
   */
  public Outcome run(List<DartsGenotype> genotypes, long seed, TrainingBudget low, TrainingBudget high,
      Repeats repeats, int jobs, List<KnownHigh> known, Consumer<Row> onRow) {
    return run(genotypes, seed, low, high, repeats, LowSeed.PER_ARCHITECTURE, jobs, known, onRow);
  }

  /**
   * Runs the study on {@code genotypes} ({@link #draw} for a random sample, or given ones such as the candidates a
   * search evaluated), taking the high-budget results from an earlier study of the same architectures instead of
   * training them when {@code known} is not empty.
   *
   * @param genotypes the architectures (>= 2)
   * @param seed architecture i is trained with seed {@code seed + i} (its repeats with {@code seed + i +
   *     REPEAT_SEED_OFFSET}); its low budget with {@code seed} when {@code lowSeed} is {@link LowSeed#SHARED}
   * @param low the cheap budget (its seed is replaced)
   * @param high the expensive budget (its seed is replaced)
   * @param repeats which budgets to train a second time with another seed
   * @param lowSeed how the low budget's seed is chosen
   * @param jobs architectures trained at once, each on its own thread (>= 1)
   * @param known high-budget results of the same architectures in the same order (empty: train them); must cover
   *     all of them, and hold repeats when {@code repeats.high()}
   * @param onRow called with each architecture's row, in order, from the calling thread
   * @throws InvalidArgumentException if {@code known} is too short, lacks repeats, or its genotypes are not these
   */
  public Outcome run(List<DartsGenotype> genotypes, long seed, TrainingBudget low, TrainingBudget high,
      Repeats repeats, LowSeed lowSeed, int jobs, List<KnownHigh> known, Consumer<Row> onRow) {
    int architectures = genotypes.size();
    if (architectures < 2) {
      throw new IllegalArgumentException("architectures must be >= 2, got " + architectures);
    }
    if (jobs < 1) {
      throw new IllegalArgumentException("jobs must be >= 1, got " + jobs);
    }
    if (!known.isEmpty() && known.size() < architectures) {
      throw new InvalidArgumentException("the earlier study has " + known.size() + " architectures, "
          + architectures + " asked for");
    }
    List<Callable<Row>> tasks = new ArrayList<>();
    for (int i = 0; i < architectures; i++) {
      int index = i;
      DartsGenotype g = genotypes.get(i);
      KnownHigh k = known.isEmpty() ? null : known.get(i);
      if (k != null && !k.genotype().equals(g)) {
        throw new InvalidArgumentException("architecture " + i + " of the earlier study is not this study's "
            + "(another --seed or --genotypes?): " + k.genotype().toText());
      }
      if (k != null && repeats.high() && k.highRepeat() == null) {
        throw new InvalidArgumentException("the earlier study has no repeated high-budget runs (--repeat-high)");
      }
      long lowTrainingSeed = lowSeed == LowSeed.SHARED ? seed : seed + index;
      tasks.add(() -> row(index, g, seed + index, lowTrainingSeed, low, high, repeats, k));
    }
    List<Row> rows = TrainingWorkers.runInOrder(jobs, "nas-fidelity", tasks, onRow);
    List<Row> ok = rows.stream().filter(Row::ok).toList();
    double[] lo = ok.stream().mapToDouble(r -> r.low().validationAccuracy()).toArray();
    double[] hi = ok.stream().mapToDouble(r -> r.high().validationAccuracy()).toArray();
    double tau = ok.size() < 2 ? Double.NaN : KendallTau.tauB(lo, hi);
    double repeatTau = Double.NaN;
    double meanTau = Double.NaN;
    double lowRepeatTau = Double.NaN;
    if (repeats.high() && ok.size() >= 2) {
      double[] again = ok.stream().mapToDouble(r -> r.highRepeat().validationAccuracy()).toArray();
      double[] mean = new double[hi.length];
      for (int i = 0; i < mean.length; i++) {
        mean[i] = (hi[i] + again[i]) / 2;
      }
      repeatTau = KendallTau.tauB(hi, again);
      meanTau = KendallTau.tauB(lo, mean);
    }
    if (repeats.low() && ok.size() >= 2) {
      lowRepeatTau = KendallTau.tauB(lo, ok.stream().mapToDouble(r -> r.lowRepeat().validationAccuracy()).toArray());
    }
    return new Outcome(rows, tau, repeatTau, meanTau, lowRepeatTau);
  }

  private Row row(int index, DartsGenotype g, long trainingSeed, long lowTrainingSeed, TrainingBudget low,
      TrainingBudget high, Repeats repeats, KnownHigh known) {
    NetSpec spec = NetSpecs.darts(g, macro);
    Dl4jProxyTrainer lowTrainer = new Dl4jProxyTrainer(lowData, classes);
    TrainingResult lo = train(lowTrainer, spec, low.withSeed(lowTrainingSeed));
    TrainingResult loAgain = repeats.low()
        ? train(lowTrainer, spec, low.withSeed(lowTrainingSeed + REPEAT_SEED_OFFSET)) : null;
    if (known != null) {
      return new Row(index, g, lo, known.high(), repeats.high() ? known.highRepeat() : null, loAgain);
    }
    Dl4jProxyTrainer trainer = new Dl4jProxyTrainer(data, classes);
    TrainingResult hi = train(trainer, spec, high.withSeed(trainingSeed));
    TrainingResult hiAgain = repeats.high()
        ? train(trainer, spec, high.withSeed(trainingSeed + REPEAT_SEED_OFFSET)) : null;
    return new Row(index, g, lo, hi, hiAgain, loAgain);
  }

  private static TrainingResult train(Dl4jProxyTrainer trainer, NetSpec spec, TrainingBudget budget) {
    ComputationGraph net = Dl4jGraphBuilder.build(spec, budget.seed(), budget.updater(), budget.weightDecay());
    return trainer.train(net, budget, Dl4jProxyTrainer.Progress.NONE);
  }
}
