package org.nas4j.search.estimate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.updater.graph.ComputationGraphUpdater;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nas4j.search.dl4j.Dl4jGraphBuilder;
import org.nas4j.search.dl4j.Dl4jRuntime;
import org.nas4j.search.dl4j.TrainingWorkers;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * One SGD step of a {@link ComputationGraph} computed on {@code shards} parts of the minibatch, on up to {@code
 * threads} threads at once (data parallelism inside one training). Each shard runs the forward and backward pass on
 * its own replica of the network; the replicas share the network's parameter array, so they always see its current
 * weights. The shards' gradients are added up in shard order and the network's own updater applies the sum, as
 * {@code net.fit} would apply the whole minibatch's.
 *
 * <p>What a step computes depends on {@code shards} only, never on {@code threads}: the same shards on one thread or
 * on several give bit-identical weights. With one shard the step equals {@code net.fit(batch)}. With more, every
 * BatchNormalization layer normalises each shard with that shard's own statistics (as PyTorch's
 * DistributedDataParallel does without SyncBatchNorm), so a sharded step differs slightly from an unsharded one; the
 * running means and variances move towards the shards' size-weighted average. The network's training listeners are
 * not called by sharded steps.
 *
 * <p>Not thread-safe: one thread calls {@link #fit} and {@link #eachShard}. {@link #close()} stops the helper threads.
 * Each helper thread is set up with {@link Dl4jRuntime#initThread()} (the configured OpenMP thread count).
 */
public final class ShardedFit implements AutoCloseable {
  /** Upper limit of {@link #defaultShards}. */
  public static final int MAX_DEFAULT_SHARDS = 4;

  /** The fewest images per shard that {@link #defaultShards} allows. */
  public static final int MIN_DEFAULT_SHARD_IMAGES = 32;

  /** BatchNorm's running statistics: DL4J moves them with a "gradient" that is one step's change. */
  private static final Set<String> STATISTICS = Set.of(BatchNormalizationParamInitializer.GLOBAL_MEAN,
      BatchNormalizationParamInitializer.GLOBAL_VAR, BatchNormalizationParamInitializer.GLOBAL_LOG_STD);

  private final ComputationGraph net;
  private final List<ComputationGraph> replicas = new ArrayList<>();
  /** Per replica: the views of its gradient array that move BatchNorm running statistics. */
  private final List<List<INDArray>> statisticGradients = new ArrayList<>();
  private final int threads;
  private final ExecutorService helpers;
  private double score = Double.NaN;

  /**
   * @param net an initialised network, built after {@link Dl4jRuntime#init()} (its replicas are, and must use the same
   *     layer helpers); its updater applies the steps
   * @param shards parts each minibatch is split into (>= 1)
   * @param threads threads that compute shards at once, the calling thread included (1..shards)
   */
  public ShardedFit(ComputationGraph net, int shards, int threads) {
    if (shards < 1) {
      throw new IllegalArgumentException("shards must be >= 1, got " + shards);
    }
    if (threads < 1 || threads > shards) {
      throw new IllegalArgumentException("threads must be in 1.." + shards + ", got " + threads);
    }
    this.net = net;
    this.threads = threads;
    replicas.add(net);
    for (int s = 1; s < shards; s++) {
      replicas.add(Dl4jGraphBuilder.replica(net));
    }
    AtomicInteger count = new AtomicInteger();
    helpers = threads == 1 ? null : Executors.newFixedThreadPool(threads - 1, task -> {
      Thread t = new Thread(() -> {
        Dl4jRuntime.initThread(); // once per helper thread, before its first shard
        task.run();
      }, "shard-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * The default number of shards for one training on this machine: one per available core, at most {@value
   * #MAX_DEFAULT_SHARDS}, and at most one per {@value #MIN_DEFAULT_SHARD_IMAGES} images of the minibatch (BatchNorm
   * statistics of smaller parts get noisy). At least 1.
   */
  public static int defaultShards(int batchSize) {
    int cores = Runtime.getRuntime().availableProcessors();
    return Math.max(1, Math.min(Math.min(cores, MAX_DEFAULT_SHARDS), batchSize / MIN_DEFAULT_SHARD_IMAGES));
  }

  /** The number of shards. */
  public int shards() {
    return replicas.size();
  }

  /** The network whose steps this computes (shard 0's). */
  public ComputationGraph network() {
    return net;
  }

  /** Work on one shard's network. */
  @FunctionalInterface
  public interface ShardTask<T> {
    /**
     * @param shard the shard's index
     * @param network the network itself (shard 0) or its replica for this shard, sharing its parameters
     */
    T apply(int shard, ComputationGraph network);
  }

  /**
   * Runs {@code task} once per shard, each on the thread that computes that shard in {@link #fit} (shard s on thread
   * s mod threads, thread 0 being the caller), so that every thread goes on using the DL4J state it has set up and
   * warmed (workspaces, kernels): inference on the shards' networks this way is close to {@code threads} times as fast
   * as on one thread, and on freshly started threads with fresh replicas often no faster. Returns the results in shard
   * order; a task's failure is rethrown on the calling thread once every task has ended.
   */
  public <T> List<T> eachShard(ShardTask<T> task) {
    List<Future<List<T>>> pending = new ArrayList<>();
    for (int t = 1; t < threads; t++) {
      int first = t;
      pending.add(helpers.submit(() -> runShards(first, task)));
    }
    List<List<T>> byThread = new ArrayList<>();
    Throwable failure = null;
    try {
      byThread.add(runShards(0, task));
    } catch (RuntimeException | Error e) {
      failure = e; // rethrown once the other shards are done with the shared parameters
    }
    for (Future<List<T>> f : pending) {
      try {
        byThread.add(f.get());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for a shard", e);
      } catch (ExecutionException e) {
        if (failure == null) {
          failure = e.getCause();
        }
      }
    }
    if (failure != null) {
      throw TrainingWorkers.rethrow(failure, "a shard failed");
    }
    List<T> results = new ArrayList<>();
    for (int s = 0; s < replicas.size(); s++) {
      results.add(byThread.get(s % threads).get(s / threads));
    }
    return results;
  }

  /** Runs {@code task} on shards {@code first}, {@code first + threads}, ... on the calling thread. */
  private <T> List<T> runShards(int first, ShardTask<T> task) {
    List<T> results = new ArrayList<>();
    for (int s = first; s < replicas.size(); s += threads) {
      results.add(task.apply(s, replicas.get(s)));
    }
    return results;
  }

  /**
   * One step on {@code batch}: splits it into {@code min(shards, batch size)} contiguous parts of (nearly) equal
   * size, computes their gradients, applies their sum with the network's updater, increments the iteration count and
   * applies the network's constraints.
   */
  public void fit(DataSet batch) {
    if (replicas.size() == 1) {
      net.fit(batch);
      score = net.score();
      return;
    }
    int n = batch.numExamples();
    int parts = Math.min(replicas.size(), n);
    int[] from = new int[parts + 1];
    for (int s = 0; s <= parts; s++) {
      from[s] = (int) ((long) n * s / parts);
    }
    if (statisticGradients.isEmpty()) { // the first step: gradient arrays are set up once, not for inference
      for (ComputationGraph r : replicas) {
        if (r.getFlattenedGradients() == null) {
          r.initGradientsView(); // DL4J creates it lazily, on the first backward pass
        }
        statisticGradients.add(statisticGradients(r));
      }
    }
    eachShard((s, r) -> {
      if (s < parts) {
        r.setInputs(batch.getFeatures().get(NDArrayIndex.interval(from[s], from[s + 1])).dup());
        r.setLabels(batch.getLabels().get(NDArrayIndex.interval(from[s], from[s + 1])).dup());
        r.computeGradientAndScore();
      }
      return null;
    });
    // DL4J's backward pass sums the weights' gradients over the minibatch and its updater divides by the minibatch
    // size, so these add up. BatchNorm's running statistics are moved by a "gradient" that is already one step's
    // change (running - batch statistic, times 1 - decay): those are averaged, weighted by shard size.
    INDArray gradient = net.getFlattenedGradients();
    score = 0;
    for (int s = 0; s < parts; s++) {
      double weight = (double) (from[s + 1] - from[s]) / n;
      for (INDArray v : statisticGradients.get(s)) {
        v.muli(weight);
      }
      if (s > 0) {
        gradient.addi(replicas.get(s).getFlattenedGradients());
      }
      score += replicas.get(s).score() * weight;
    }
    int iteration = net.getIterationCount();
    int epoch = net.getEpochCount();
    ComputationGraphUpdater updater = net.getUpdater();
    updater.update(net.gradient(), iteration, epoch, n, LayerWorkspaceMgr.noWorkspaces());
    INDArray params = net.params();
    params.subi(gradient.reshape(params.shape()));
    net.getConfiguration().setIterationCount(iteration + 1);
    net.applyConstraints(iteration + 1, epoch);
    for (ComputationGraph r : replicas) {
      r.clearLayersStates();
    }
  }

  /** The last step's loss: the shards' losses weighted by their sizes (the whole minibatch's mean loss). */
  public double score() {
    return score;
  }

  /** The views of {@code net}'s gradient array that belong to BatchNorm running means, variances or log stdevs. */
  private static List<INDArray> statisticGradients(ComputationGraph net) {
    List<INDArray> views = new ArrayList<>();
    for (Layer l : net.getLayers()) {
      if (!(l instanceof BatchNormalization)) {
        continue;
      }
      INDArray all = l.getGradientsViewArray();
      INDArray flat = all.rank() == 2 ? all.get(NDArrayIndex.point(0), NDArrayIndex.all()) : all;
      long offset = 0;
      for (Map.Entry<String, INDArray> p : l.paramTable(false).entrySet()) {
        long length = p.getValue().length();
        if (STATISTICS.contains(p.getKey())) {
          views.add(flat.get(NDArrayIndex.interval(offset, offset + length)));
        }
        offset += length;
      }
      if (offset != flat.length()) {
        throw new IllegalStateException("BatchNorm layer " + l.conf().getLayer().getLayerName() + ": parameters of "
            + offset + " values in a gradient view of " + flat.length());
      }
    }
    return views;
  }

  @Override
  public void close() {
    if (helpers != null) {
      helpers.shutdownNow();
    }
  }
}
