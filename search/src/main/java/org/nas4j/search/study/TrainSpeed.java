package org.nas4j.search.study;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nas4j.search.dl4j.Dl4jGraphBuilder;
import org.nas4j.search.net.NetSpec;
import org.nas4j.search.dl4j.TrainingWorkers;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nas4j.search.dl4j.Dl4jRuntime;
import org.nas4j.search.estimate.ShardedFit;

/**
 * Measures DL4J training throughput of a network on random data: SGD with Nesterov momentum 0.9, one fixed random
 * minibatch, {@code warmupSteps} warm-up steps, then the median of {@code windows} timed windows. The same protocol
 * as {@code benchmarks/train_speed_torch.py}. Not thread-safe; the result depends on the machine's load.
 *
 * <p>Warm-up matters for DL4J: a {@code ComputationGraph} sizes its per-layer workspaces over its first few
 * iterations (DL4J's {@code LearningPolicy.OVER_TIME}), and until then allocates outside them. On the DARTS
 * reference network (batch 128) steps 4 and 5 took 2x as long as every later one; from step 6 on the step time is
 * steady. {@link #DEFAULT_WARMUP_STEPS} covers that.
 */
public final class TrainSpeed {
  /**
   * One measurement.
   *
   * @param imagesPerSecond median images/s of the windows
   * @param windowImagesPerSecond images/s of each window
   * @param macsPerImage forward multiply-adds per image of the network
   */
  public record Result(double imagesPerSecond, List<Double> windowImagesPerSecond, long macsPerImage) {
    /** Copies the window list. */
    public Result {
      windowImagesPerSecond = List.copyOf(windowImagesPerSecond);
    }
  }

  /** Warm-up steps before timing: enough for DL4J's workspaces to reach their steady size. */
  public static final int DEFAULT_WARMUP_STEPS = 8;

  private TrainSpeed() {}

  /**
   * Builds {@code spec} and times {@code fit} on it, on the calling thread.
   *
   * @param batchSize minibatch size (>= 1)
   * @param warmupSteps untimed steps first (>= 0)
   * @param windowSeconds length of one timed window (> 0); a window holds at least one step
   * @param windows number of windows (>= 1)
   */
  public static Result measure(NetSpec spec, int batchSize, int warmupSteps, double windowSeconds, int windows) {
    return measure(spec, batchSize, warmupSteps, windowSeconds, windows, 1);
  }

  /**
   * Throughput of {@code jobs} copies of {@code spec} trained at once, each on its own thread with the configured
   * OpenMP thread count (as the search trains its candidates): every copy warms up, then the copies start each
   * window together, and a window's rate is the sum of the copies' rates. With {@code jobs == 1}, one copy on the
   * calling thread.
   *
   * @param jobs copies trained at once (>= 1)
   * @see #measure(NetSpec, int, int, double, int)
   */
  public static Result measure(NetSpec spec, int batchSize, int warmupSteps, double windowSeconds, int windows,
      int jobs) {
    return measure(spec, batchSize, warmupSteps, windowSeconds, windows, jobs, 1);
  }

  /**
   * As {@link #measure(NetSpec, int, int, double, int, int)}, with every step of every copy split into {@code shards}
   * parts computed at once on as many threads ({@link ShardedFit}, what {@code nas train --threads} does).
   *
   * @param shards parts of each minibatch (1..batchSize)
   */
  public static Result measure(NetSpec spec, int batchSize, int warmupSteps, double windowSeconds, int windows,
      int jobs, int shards) {
    Dl4jRuntime.init();
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
    }
    if (warmupSteps < 0) {
      throw new IllegalArgumentException("warmupSteps must be >= 0, got " + warmupSteps);
    }
    if (!(windowSeconds > 0)) {
      throw new IllegalArgumentException("windowSeconds must be > 0, got " + windowSeconds);
    }
    if (windows < 1) {
      throw new IllegalArgumentException("windows must be >= 1, got " + windows);
    }
    if (jobs < 1) {
      throw new IllegalArgumentException("jobs must be >= 1, got " + jobs);
    }
    if (shards < 1 || shards > batchSize) {
      throw new IllegalArgumentException("shards must be in 1.." + batchSize + ", got " + shards);
    }
    double[] total = jobs == 1 ? copy(spec, batchSize, warmupSteps, windowSeconds, windows, shards, () -> {})
        : copiesAtOnce(spec, batchSize, warmupSteps, windowSeconds, windows, jobs, shards);
    List<Double> rates = Arrays.stream(total).boxed().toList();
    double[] sorted = total.clone();
    Arrays.sort(sorted);
    return new Result(sorted[sorted.length / 2], rates, spec.macs());
  }

  /** The window rates summed over {@code jobs} copies on as many threads; the copies start each window together. */
  private static double[] copiesAtOnce(NetSpec spec, int batchSize, int warmupSteps, double windowSeconds,
      int windows, int jobs, int shards) {
    CyclicBarrier together = new CyclicBarrier(jobs);
    Runnable startWindow = () -> {
      try {
        together.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      } catch (BrokenBarrierException e) {
        throw new IllegalStateException("another copy failed", e);
      }
    };
    List<Callable<double[]>> copies = new ArrayList<>();
    for (int j = 0; j < jobs; j++) {
      copies.add(() -> {
        try {
          return copy(spec, batchSize, warmupSteps, windowSeconds, windows, shards, startWindow);
        } catch (RuntimeException | Error e) {
          together.reset(); // releases the copies waiting for this one
          throw e;
        }
      });
    }
    double[] total = new double[windows];
    for (double[] rates : TrainingWorkers.runInOrder(jobs, "train-speed", copies, r -> {})) {
      for (int w = 0; w < windows; w++) {
        total[w] += rates[w];
      }
    }
    return total;
  }

  /** One copy: build, warm up, then images/s of each window, calling {@code startWindow} before each. */
  private static double[] copy(NetSpec spec, int batchSize, int warmupSteps, double windowSeconds, int windows,
      int shards, Runnable startWindow) {
    ComputationGraph net = Dl4jGraphBuilder.build(spec, 0, new Nesterovs(0.01, 0.9));
    var in = spec.nodes().get(0).out();
    int classes = spec.output().out().channels();
    SplittableRandom rnd = new SplittableRandom(0);
    float[] x = new float[batchSize * in.channels() * in.height() * in.width()];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) rnd.nextDouble();
    }
    INDArray features = Nd4j.create(x, new long[] {batchSize, in.channels(), in.height(), in.width()}, 'c');
    INDArray labels = Nd4j.zeros(DataType.FLOAT, batchSize, classes);
    for (int i = 0; i < batchSize; i++) {
      labels.putScalar(i, rnd.nextInt(classes), 1f);
    }
    DataSet ds = new DataSet(features, labels);
    try (ShardedFit step = new ShardedFit(net, shards, shards)) {
      for (int i = 0; i < warmupSteps; i++) {
        step.fit(ds);
      }
      double[] rates = new double[windows];
      for (int w = 0; w < windows; w++) {
        startWindow.run();
        long t0 = System.nanoTime();
        long n = 0;
        while (System.nanoTime() - t0 < windowSeconds * 1e9) {
          step.fit(ds);
          n += batchSize;
        }
        rates[w] = n / ((System.nanoTime() - t0) / 1e9);
      }
      return rates;
    }
  }
}
