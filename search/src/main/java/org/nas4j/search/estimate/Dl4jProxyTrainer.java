package org.nas4j.search.estimate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nas4j.search.data.Dataset;
import org.nas4j.search.data.LabeledImages;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.dataset.DataSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a DL4J {@link ComputationGraph} briefly and measures validation accuracy. The same network configuration,
 * data and budget give bit-identical results (data order comes from the budget's seed; weights from the network's
 * seed). Failures end the candidate with a recorded reason instead of throwing. Not thread-safe.
 *
 * <p>With several shards the trainer keeps the replicas and helper threads of the network it last trained or
 * evaluated ({@link ShardedFit}), so that training, validation and a later {@link #accuracy} of the same network all
 * run on the same warmed-up threads; {@link #close()} stops them (with one shard there is nothing to stop).
 */
public final class Dl4jProxyTrainer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Dl4jProxyTrainer.class);

  /** Receives progress: called after every minibatch with (images done, images total, last loss). */
  public interface Progress {
    void update(long imagesDone, long imagesTotal, double loss);

    Progress NONE = (d, t, l) -> { };
  }

  /**
   * Minibatch of inference ({@link #accuracy}, validation at the end of {@link #train}): large, because inference of
   * the small proxy networks is dominated by per-op overhead (one batch of 256 costs little more than one of 32).
   */
  public static final int EVAL_BATCH = 256;

  /**
   * Receives the network after every finished epoch of {@link #trainScheduled} (e.g. to write a checkpoint), with
   * the epochs finished in total and that epoch's mean training loss. Runs on the training thread; an exception
   * ends training and propagates.
   */
  public interface EpochListener {
    void epochDone(ComputationGraph net, int epochsDone, double meanLoss);

    EpochListener NONE = (n, e, l) -> { };
  }

  private final Dataset.Split data;
  private final int classes;
  private final int shards;
  /** The shards of the network last trained or evaluated, or null. */
  private ShardedFit parallel;

  /** A trainer that computes every step on the calling thread, as {@code net.fit} does. */
  public Dl4jProxyTrainer(Dataset.Split data, int classes) {
    this(data, classes, 1);
  }

  /**
   * A trainer that splits every minibatch into {@code shards} parts and computes them at once on up to {@code
   * min(shards, available cores)} threads ({@link ShardedFit}). Results depend on {@code shards} (BatchNorm
   * statistics are per part), not on the number of cores.
   *
   * @param shards parts of each minibatch (>= 1); 1 trains exactly as {@code net.fit} does
   */
  public Dl4jProxyTrainer(Dataset.Split data, int classes, int shards) {
    if (shards < 1) {
      throw new IllegalArgumentException("shards must be >= 1, got " + shards);
    }
    this.data = data;
    this.classes = classes;
    this.shards = shards;
  }

  /**
   * Trains {@code net} (already initialised and configured with {@code budget.updater()}) for {@code
   * budget.epochs()} epochs from its current state, then evaluates it on the validation split. Calling it again on
   * the same network continues training (the multi-fidelity step): the learning rate restarts a cosine cycle over the
   * new epochs and the data order continues from where the earlier call stopped.
   */
  public TrainingResult train(ComputationGraph net, TrainingBudget budget, Progress progress) {
    int batchesPerEpoch = batchesPerEpoch(budget);
    return run(net, budget, budget.epochs(), new CosineSchedule(budget.learningRate(), net.getIterationCount(),
        batchesPerEpoch * budget.epochs()), 0, budget.epochs(), EpochListener.NONE, progress);
  }

  /**
   * Trains a final model on one cosine schedule that spans all {@code budget.epochs()} epochs from iteration 0, and
   * continues it where it stopped: a network that has finished {@code k = net.getEpochCount()} epochs (freshly
   * built: 0; restored from a checkpoint written by {@code listener}: k) trains epochs k+1..E with the learning rate
   * and data order an uninterrupted run would use, so interrupting and resuming gives the same weights as training
   * straight through. {@code listener} is called after every epoch; {@code progress} counts images over all E
   * epochs (starting at k epochs done). The returned loss curve covers this call's epochs; {@code epochsDone} is the
   * total. When k = E, only the validation accuracy is measured.
   *
   * @throws IllegalArgumentException if k > E or the network's iteration count is not k whole epochs of this budget
   */
  public TrainingResult trainScheduled(ComputationGraph net, TrainingBudget budget, EpochListener listener,
      Progress progress) {
    int batchesPerEpoch = batchesPerEpoch(budget);
    int done = net.getEpochCount();
    if (done > budget.epochs()) {
      throw new IllegalArgumentException("the network has finished " + done + " epochs, more than the schedule's "
          + budget.epochs());
    }
    if (net.getIterationCount() != done * batchesPerEpoch) {
      throw new IllegalArgumentException("iterationCount must be epochs done x batches per epoch = " + done + " x "
          + batchesPerEpoch + " to continue this schedule, got " + net.getIterationCount());
    }
    return run(net, budget, budget.epochs() - done, new CosineSchedule(budget.learningRate(), 0,
        batchesPerEpoch * budget.epochs()), done, budget.epochs(), listener, progress);
  }

  private int batchesPerEpoch(TrainingBudget budget) {
    int n = budget.trainImages() == 0 ? data.train().count() : Math.min(budget.trainImages(), data.train().count());
    return (n + budget.batchSize() - 1) / budget.batchSize();
  }

  /**
   * Trains {@code epochs} epochs with {@code schedule}; progress is reported as if {@code epochsBeforeProgress} of
   * {@code epochsForProgress} epochs were done already.
   */
  private TrainingResult run(ComputationGraph net, TrainingBudget budget, int epochs, CosineSchedule schedule,
      int epochsBeforeProgress, int epochsForProgress, EpochListener listener, Progress progress) {
    long start = System.nanoTime();
    long deadline = budget.timeLimit().isZero() ? Long.MAX_VALUE : start + budget.timeLimit().toNanos();
    LabeledImages train = data.train();
    int n = budget.trainImages() == 0 ? train.count() : Math.min(budget.trainImages(), train.count());
    int batch = budget.batchSize();
    int batchesPerEpoch = (n + batch - 1) / batch;
    int epochsBefore = net.getEpochCount();
    if (!hasSchedule(net, schedule)) {
      // A network restored from a checkpoint already carries the schedule (and DL4J cannot swap the schedule of
      // a restored updater), so it is only installed when it differs.
      net.setLearningRate(schedule);
    }
    ImageBatches batches = new ImageBatches(train, classes);
    List<Double> losses = new ArrayList<>();
    long seen = 0;
    long progressOffset = (long) n * epochsBeforeProgress;
    long total = (long) n * epochsForProgress;
    // The training subset is the first n images of a seeded shuffle: the same for every epoch and every call.
    int[] subset = java.util.Arrays.copyOf(
        Dataset.permutation(train.count(), new SplittableRandom(budget.seed())), n);
    ShardedFit step = shardsOf(net);
    try {
      for (int e = 0; e < epochs; e++) {
        // The epoch's order depends only on the seed and the absolute epoch number, so continuing is reproducible.
        SplittableRandom rng = new SplittableRandom(budget.seed() * 1_000_003L + epochsBefore + e);
        int[] perm = Dataset.permutation(n, rng);
        int[] epochOrder = new int[n];
        for (int i = 0; i < n; i++) {
          epochOrder[i] = subset[perm[i]];
        }
        double lossSum = 0;
        for (int b = 0; b < batchesPerEpoch; b++) {
          int from = b * batch;
          int to = Math.min(n, from + batch);
          DataSet ds = batches.batch(epochOrder, from, to);
          step.fit(ds);
          double loss = step.score();
          if (!Double.isFinite(loss)) {
            return failed(TrainingResult.Status.DIVERGED, "training loss became " + loss + " in epoch "
                + (epochsBefore + e + 1) + ", minibatch " + (b + 1), losses, net, start, seen);
          }
          lossSum += loss * (to - from);
          seen += to - from;
          progress.update(progressOffset + seen, total, loss);
          if (System.nanoTime() > deadline) {
            return failed(TrainingResult.Status.TIME_LIMIT, "time limit of " + budget.timeLimit().toSeconds()
                + " s reached after " + seen + " of " + total + " images", losses, net, start, seen);
          }
        }
        losses.add(lossSum / n);
        net.incrementEpochCount();
        listener.epochDone(net, net.getEpochCount(), lossSum / n);
      }
      double accuracy = accuracy(step, data.validation(), EVAL_BATCH);
      double seconds = (System.nanoTime() - start) / 1e9;
      return new TrainingResult(TrainingResult.Status.OK, accuracy, losses, net.getEpochCount(), seconds,
          seen / seconds, null);
    } catch (OutOfMemoryError e) {
      return failed(TrainingResult.Status.OUT_OF_MEMORY, "out of memory: " + e.getMessage(), losses, net, start,
          seen);
    } catch (RuntimeException e) {
      if (isNativeOutOfMemory(e)) {
        return failed(TrainingResult.Status.OUT_OF_MEMORY, "native allocation failed: " + e.getMessage(), losses,
            net, start, seen);
      }
      throw e;
    }
  }

  /** Whether every trainable layer's updater already uses {@code schedule}. */
  private static boolean hasSchedule(ComputationGraph net, ISchedule schedule) {
    for (org.deeplearning4j.nn.api.Layer l : net.getLayers()) {
      if (l.conf().getLayer() instanceof BaseLayer b && l.numParams() > 0) {
        IUpdater u = b.getIUpdater();
        ISchedule s = u instanceof Nesterovs n ? n.getLearningRateSchedule()
            : u instanceof Adam a ? a.getLearningRateSchedule() : null;
        if (!schedule.equals(s)) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * Top-1 accuracy of {@code net} in inference mode on {@code images}, in minibatches of {@code batchSize}. A trainer
   * with several shards splits the images into as many contiguous parts and counts them at once on up to {@code
   * min(shards, available cores)} threads, each part on its shard's network ({@link ShardedFit#eachShard}); the parts
   * and their minibatches depend on the shards only, so the result does not depend on the cores.
   */
  public double accuracy(ComputationGraph net, LabeledImages images, int batchSize) {
    return accuracy(shardsOf(net), images, batchSize);
  }

  private double accuracy(ShardedFit step, LabeledImages images, int batchSize) {
    int n = images.count();
    int parts = Math.min(step.shards(), n);
    long correct = 0;
    for (long c : step.eachShard((s, network) -> s >= parts ? 0L
        : correct(network, images, (int) ((long) n * s / parts), (int) ((long) n * (s + 1) / parts), batchSize))) {
      correct += c;
    }
    return correct / (double) n;
  }

  /**
   * The shards of {@code net}: with one shard a plain step (no replicas, no threads, nothing kept); with several those
   * kept from the last call when it was on the same network, else new ones.
   */
  private ShardedFit shardsOf(ComputationGraph net) {
    if (shards == 1) {
      return new ShardedFit(net, 1, 1);
    }
    if (parallel == null || parallel.network() != net) {
      close();
      parallel = new ShardedFit(net, shards, threadsFor(shards));
    }
    return parallel;
  }

  /** Stops the helper threads kept for the network last trained or evaluated with several shards. */
  @Override
  public void close() {
    if (parallel != null) {
      parallel.close();
      parallel = null;
    }
  }

  /** Threads for {@code parts} parts: one per part, at most one per available core. */
  private static int threadsFor(int parts) {
    return Math.min(parts, Runtime.getRuntime().availableProcessors());
  }

  /** The number of images {@code from..to-1} that {@code net} classifies correctly. */
  private long correct(ComputationGraph net, LabeledImages images, int from, int to, int batchSize) {
    ImageBatches batches = new ImageBatches(images, classes);
    long correct = 0;
    for (int b = from; b < to; b += batchSize) {
      int e = Math.min(to, b + batchSize);
      DataSet ds = batches.batch(null, b, e);
      INDArray out = net.output(false, ds.getFeatures())[0];
      INDArray predicted = out.argMax(1);
      for (int k = 0; k < e - b; k++) {
        if (predicted.getInt(k) == images.label(b + k)) {
          correct++;
        }
      }
    }
    return correct;
  }

  private static boolean isNativeOutOfMemory(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT);
      if (t instanceof OutOfMemoryError || m.contains("out of memory") || m.contains("failed to allocate")
          || m.contains("cannot allocate")) {
        return true;
      }
    }
    return false;
  }

  private static TrainingResult failed(TrainingResult.Status status, String reason, List<Double> losses,
      ComputationGraph net, long start, long seen) {
    double seconds = (System.nanoTime() - start) / 1e9;
    LOG.warn("candidate stopped: {}", reason);
    return new TrainingResult(status, Double.NaN, losses, net.getEpochCount(), seconds, seen / seconds, reason);
  }
}
