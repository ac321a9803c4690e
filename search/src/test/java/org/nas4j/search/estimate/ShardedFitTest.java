package org.nas4j.search.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nas4j.search.dl4j.Dl4jGraphBuilder;
import org.nas4j.search.dl4j.Dl4jRuntime;
import org.nas4j.search.net.ReferenceNets;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.schedule.ISchedule;

/** Data-parallel steps on real DL4J networks, compared with DL4J's own {@code fit}. */
class ShardedFitTest {
  private static final TrainingBudget BUDGET =
      new TrainingBudget(1, 0, 10, Optimizer.SGD, 0.1, 0.9, 1e-3, 5, Duration.ZERO);

  @BeforeAll
  static void runtime() {
    Dl4jRuntime.initThread(); // as every nas entry point does before building a network
  }

  /** A random 28x28x1 minibatch of {@code n} images with one-hot labels. */
  private static DataSet batch(int n, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    float[] x = new float[n * 28 * 28];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) rnd.nextDouble();
    }
    INDArray labels = Nd4j.zeros(DataType.FLOAT, n, 10);
    for (int i = 0; i < n; i++) {
      labels.putScalar(i, rnd.nextInt(10), 1f);
    }
    return new DataSet(Nd4j.create(x, new long[] {n, 1, 28, 28}, 'c'), labels);
  }

  /** {@code net} with a learning rate that changes every iteration, so an iteration count off by one shows. */
  private static ComputationGraph scheduled(ComputationGraph net) {
    ISchedule lr = new CosineSchedule(0.1, 0, 8);
    net.setLearningRate(lr);
    return net;
  }

  @Test
  void withoutBatchNormShardsGiveTheFullBatchStep() {
    // No BatchNorm: the weighted mean of the shards' gradients is the full batch's gradient, so momentum, weight
    // decay, the schedule and the iteration count must all come out as DL4J's own fit computes them.
    ComputationGraph plain = scheduled(Dl4jProxyTrainerTest.smallNet(BUDGET, false));
    ComputationGraph sharded = scheduled(Dl4jProxyTrainerTest.smallNet(BUDGET, false));
    sharded.setParams(plain.params().dup());
    try (ShardedFit step = new ShardedFit(sharded, 3, 2)) {
      for (int i = 0; i < 4; i++) {
        DataSet ds = batch(10, i); // 10 images in shards of 3, 3 and 4
        plain.fit(ds);
        step.fit(ds);
        assertThat(step.score()).isCloseTo(plain.score(), org.assertj.core.data.Offset.offset(1e-5));
      }
    }
    assertThat(sharded.getIterationCount()).isEqualTo(plain.getIterationCount()).isEqualTo(4);
    INDArray moved = plain.params().sub(Dl4jProxyTrainerTest.smallNet(BUDGET, false).params());
    assertThat(moved.norm2Number().doubleValue()).isGreaterThan(1e-3); // the steps did change the weights
    double diff = plain.params().sub(sharded.params()).amaxNumber().doubleValue();
    assertThat(diff).isLessThan(1e-5);
  }

  /** The parameters of {@code net} after four sharded steps on batches of 16. */
  private static INDArray fourSteps(ComputationGraph net, int shards, int threads) {
    try (ShardedFit step = new ShardedFit(net, shards, threads)) {
      for (int i = 0; i < 4; i++) {
        step.fit(batch(16, 10 + i));
        assertThat(step.score()).isFinite();
      }
    }
    return net.params().dup();
  }

  /** nas4j's build of the plain reference network: 4 conv-BN-ReLU blocks, running variance stored as is. */
  private static ComputationGraph plainReference() {
    return Dl4jGraphBuilder.build(ReferenceNets.of("plain-28x28x1"), 7, new Nesterovs(0.05, 0.9), 1e-4);
  }

  @Test
  void resultsDependOnTheShardsNotOnTheThreads() {
    INDArray oneThread = fourSteps(plainReference(), 2, 1);
    INDArray twoThreads = fourSteps(plainReference(), 2, 2);
    INDArray unsharded = fourSteps(plainReference(), 1, 1);
    assertThat(twoThreads).isEqualTo(oneThread);
    // BatchNorm normalises each shard with its own statistics: close to the unsharded steps, not equal. The running
    // means and variances are parameters too; adding up the shards' updates of them instead of averaging moved them
    // 0.24 away (measured), the per-shard statistics move weights and running statistics by less than 0.005.
    double diff = unsharded.sub(twoThreads).amaxNumber().doubleValue();
    assertThat(diff).isGreaterThan(0).isLessThan(0.02);
  }

  @Test
  void runningStatisticsStoredAsLogStdevAreAveragedToo() {
    // DL4J's default BatchNormalization keeps log10 of the running standard deviation instead of the variance
    ComputationGraph unsharded = Dl4jProxyTrainerTest.smallNet(BUDGET, true);
    ComputationGraph sharded = Dl4jProxyTrainerTest.smallNet(BUDGET, true);
    sharded.setParams(unsharded.params().dup());
    assertThat(unsharded.paramTable()).containsKey("bn0_log10stdev");
    double diff = fourSteps(unsharded, 1, 1).sub(fourSteps(sharded, 2, 2)).amaxNumber().doubleValue();
    assertThat(diff).isGreaterThan(0).isLessThan(0.02);
  }

  @Test
  void aBatchSmallerThanTheShardsUsesOneShardPerImage() {
    ComputationGraph net = Dl4jProxyTrainerTest.smallNet(BUDGET, true);
    INDArray before = net.params().dup();
    try (ShardedFit step = new ShardedFit(net, 4, 2)) {
      assertThat(step.shards()).isEqualTo(4);
      step.fit(batch(2, 3));
      assertThat(step.score()).isFinite().isPositive();
    }
    assertThat(net.params()).isNotEqualTo(before);
    assertThat(net.getIterationCount()).isEqualTo(1);
  }

  @Test
  void eachShardRunsOnItsNetworkAndThreadEveryTimeAndReturnsInShardOrder() {
    ComputationGraph net = Dl4jProxyTrainerTest.smallNet(BUDGET, true);
    DataSet images = batch(6, 4);
    INDArray whole = net.output(false, images.getFeatures())[0];
    try (ShardedFit step = new ShardedFit(net, 3, 2)) {
      List<String> first = step.eachShard((s, network) -> Thread.currentThread().getName());
      // Shard 0 on the caller, shards 1 and 2 on the helper (thread s mod 2 = 1 for shard 1, 0 for shard 2).
      assertThat(first.get(0)).isEqualTo(Thread.currentThread().getName());
      assertThat(first.get(2)).isEqualTo(first.get(0));
      assertThat(first.get(1)).startsWith("shard-");
      step.fit(batch(6, 5)); // training in between keeps the assignment
      assertThat(step.eachShard((s, network) -> Thread.currentThread().getName())).isEqualTo(first);
      // Shard 0's network is the network itself; the others are replicas that see its current weights.
      List<INDArray> outputs = step.eachShard((s, network) -> {
        assertThat(network == net).isEqualTo(s == 0);
        return network.output(false, images.getFeatures().get(NDArrayIndex.interval(2 * s, 2 * s + 2)))[0];
      });
      INDArray after = net.output(false, images.getFeatures())[0];
      assertThat(after).isNotEqualTo(whole);
      for (int s = 0; s < 3; s++) {
        assertThat(outputs.get(s)).isEqualTo(after.get(NDArrayIndex.interval(2 * s, 2 * s + 2)));
      }
      // A failing shard fails the call on the caller's thread, after the others have ended.
      assertThatThrownBy(() -> step.eachShard((s, network) -> {
        if (s == 1) {
          throw new IllegalStateException("shard 1 broke");
        }
        return s;
      })).isInstanceOf(IllegalStateException.class).hasMessage("shard 1 broke");
      assertThat(step.eachShard((s, network) -> s)).containsExactly(0, 1, 2);
    }
  }

  @Test
  void rejectsBadCounts() {
    ComputationGraph net = Dl4jProxyTrainerTest.smallNet(BUDGET, false);
    assertThatThrownBy(() -> new ShardedFit(net, 0, 1)).hasMessage("shards must be >= 1, got 0");
    assertThatThrownBy(() -> new ShardedFit(net, 2, 3)).hasMessage("threads must be in 1..2, got 3");
  }
}
