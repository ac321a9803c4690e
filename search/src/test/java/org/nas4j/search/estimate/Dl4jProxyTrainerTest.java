package org.nas4j.search.estimate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nas4j.search.dl4j.Dl4jRuntime;
import org.nas4j.search.data.Dataset;
import org.nas4j.search.data.DatasetSpec;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Real DL4J training on the embedded (real) Fashion-MNIST subset, kept small. */
class Dl4jProxyTrainerTest {
  private static Dataset.Split split;

  @BeforeAll
  static void data() {
    // As every nas entry point does before building a network: a replica built by ShardedFit must get the same
    // (oneDNN) layer helpers as the network it copies, and the calling thread one OpenMP thread.
    Dl4jRuntime.initThread();
    split = DatasetSpec.embeddedFashionMnist().split(1000, 1);
  }

  /** A small conv net: conv3x3(8)-BN-ReLU, conv3x3 s2 (16)-BN-ReLU, GAP, softmax. */
  static ComputationGraph smallNet(TrainingBudget budget, boolean batchNorm) {
    ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder()
        .seed(budget.seed())
        .updater(budget.updater())
        .l2(budget.weightDecay())
        .weightInit(WeightInit.RELU)
        .convolutionMode(ConvolutionMode.Same)
        .graphBuilder()
        .addInputs("in")
        .setInputTypes(InputType.convolutional(28, 28, 1));
    String last = "in";
    int[][] blocks = {{8, 1}, {16, 2}};
    for (int i = 0; i < blocks.length; i++) {
      g.addLayer("conv" + i, new ConvolutionLayer.Builder(3, 3).stride(blocks[i][1], blocks[i][1])
          .nOut(blocks[i][0]).hasBias(!batchNorm).activation(Activation.IDENTITY).build(), last);
      last = "conv" + i;
      if (batchNorm) {
        g.addLayer("bn" + i, new BatchNormalization.Builder().build(), last);
        last = "bn" + i;
      }
      g.addLayer("relu" + i, new ActivationLayer.Builder().activation(Activation.RELU).build(), last);
      last = "relu" + i;
    }
    g.addLayer("gap", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), last);
    g.addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10)
        .activation(Activation.SOFTMAX).build(), "gap");
    g.setOutputs("out");
    ComputationGraph net = new ComputationGraph(g.build());
    net.init();
    return net;
  }

  private static TrainingBudget budget(int epochs) {
    return new TrainingBudget(epochs, 3000, 64, Optimizer.SGD, 0.1, 0.9, 1e-4, 42, Duration.ZERO);
  }

  @Test
  void trainingLearnsRealDataAndIsBitIdenticalForTheSameSeed() {
    TrainingBudget b = budget(1);
    Dl4jProxyTrainer trainer = new Dl4jProxyTrainer(split, 10);
    TrainingResult first = trainer.train(smallNet(b, true), b, Dl4jProxyTrainer.Progress.NONE);
    TrainingResult again = trainer.train(smallNet(b, true), b, Dl4jProxyTrainer.Progress.NONE);
    assertThat(first.ok()).isTrue();
    // Rationale: 10 balanced classes give 0.10 by chance; this tiny net reaches ~0.5-0.65 after 3,000 images.
    assertThat(first.validationAccuracy()).isGreaterThan(0.35);
    assertThat(first.lossCurve()).hasSize(1);
    assertThat(first.imagesPerSecond()).isPositive();
    assertThat(again.validationAccuracy()).isEqualTo(first.validationAccuracy());
    assertThat(again.lossCurve()).isEqualTo(first.lossCurve());
  }

  @Test
  void shardedTrainingLearnsAndIsBitIdenticalForTheSameSeed() {
    TrainingBudget b = budget(1);
    Dl4jProxyTrainer trainer = new Dl4jProxyTrainer(split, 10, 2);
    ComputationGraph net = smallNet(b, true);
    ComputationGraph twin = smallNet(b, true);
    twin.setParams(net.params().dup());
    TrainingResult first = trainer.train(net, b, Dl4jProxyTrainer.Progress.NONE);
    TrainingResult again = trainer.train(twin, b, Dl4jProxyTrainer.Progress.NONE);
    assertThat(first.ok()).isTrue();
    assertThat(first.validationAccuracy()).isGreaterThan(0.35); // as the unsharded run above
    assertThat(again.lossCurve()).isEqualTo(first.lossCurve());
    assertThat(twin.params()).isEqualTo(net.params());
    // Its accuracy counts two halves of the images on two replicas: the same images, the same predictions (up to a
    // rare float tie between two classes) as one pass on the network itself.
    double oneThread = new Dl4jProxyTrainer(split, 10).accuracy(net, split.validation(), 64);
    assertThat(first.validationAccuracy()).isCloseTo(oneThread, org.assertj.core.data.Offset.offset(0.002));
    // Counted again on the shards kept from training (twin's), on new ones (net's), and after close(): the same
    // parts and minibatches, so the same count.
    int batch = Dl4jProxyTrainer.EVAL_BATCH;
    assertThat(trainer.accuracy(twin, split.validation(), batch)).isEqualTo(again.validationAccuracy());
    assertThat(trainer.accuracy(net, split.validation(), batch)).isEqualTo(first.validationAccuracy());
    trainer.close();
    assertThat(trainer.accuracy(net, split.validation(), batch)).isEqualTo(first.validationAccuracy());
    trainer.close();
  }

  @Test
  void continuingTrainingAddsEpochsAndImproves() {
    TrainingBudget b = budget(1);
    Dl4jProxyTrainer trainer = new Dl4jProxyTrainer(split, 10);
    ComputationGraph net = smallNet(b, true);
    TrainingResult cheap = trainer.train(net, b, Dl4jProxyTrainer.Progress.NONE);
    TrainingResult more = trainer.train(net, b.withEpochs(2), Dl4jProxyTrainer.Progress.NONE);
    assertThat(more.epochsDone()).isEqualTo(3);
    assertThat(more.lossCurve().get(1)).isLessThan(cheap.lossCurve().get(0));
    assertThat(more.validationAccuracy()).isGreaterThan(cheap.validationAccuracy());
  }

  @Test
  void divergenceIsAResultNotACrash() {
    TrainingBudget wild = new TrainingBudget(1, 2000, 64, Optimizer.SGD, 1e30, 0.9, 0, 3, Duration.ZERO);
    TrainingResult r = new Dl4jProxyTrainer(split, 10).train(smallNet(wild, false), wild,
        Dl4jProxyTrainer.Progress.NONE);
    assertThat(r.status()).isEqualTo(TrainingResult.Status.DIVERGED);
    assertThat(r.failureReason()).contains("training loss became");
    assertThat(r.validationAccuracy()).isNaN();
  }

  @Test
  void timeLimitEndsTheCandidateWithAReason() {
    TrainingBudget quick = new TrainingBudget(3, 3000, 64, Optimizer.ADAM, 1e-3, 0, 0, 3, Duration.ofMillis(1));
    TrainingResult r = new Dl4jProxyTrainer(split, 10).train(smallNet(quick, true), quick,
        Dl4jProxyTrainer.Progress.NONE);
    assertThat(r.status()).isEqualTo(TrainingResult.Status.TIME_LIMIT);
    assertThat(r.failureReason()).contains("time limit");
  }

  /** Thrown by a listener to stop training after an epoch, as a kill would. */
  private static final class Interrupted extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }

  @ParameterizedTest(name = "{0} shard(s)")
  @ValueSource(ints = {1, 2})
  void scheduledTrainingInterruptedAndContinuedEqualsOneRun(int shards) {
    TrainingBudget b = new TrainingBudget(2, 300, 64, Optimizer.SGD, 0.1, 0.9, 1e-4, 42, Duration.ZERO);
    Dl4jProxyTrainer trainer = new Dl4jProxyTrainer(split, 10, shards);
    ComputationGraph straight = smallNet(b, true);
    java.util.List<Integer> epochs = new java.util.ArrayList<>();
    TrainingResult whole = trainer.trainScheduled(straight, b, (n, done, loss) -> epochs.add(done),
        Dl4jProxyTrainer.Progress.NONE);
    assertThat(epochs).containsExactly(1, 2);

    ComputationGraph resumed = smallNet(b, true);
    try {
      trainer.trainScheduled(resumed, b, (n, done, loss) -> {
        throw new Interrupted();
      }, Dl4jProxyTrainer.Progress.NONE);
    } catch (Interrupted expected) {
      // stopped after epoch 1, as an interrupted run
    }
    assertThat(resumed.getEpochCount()).isEqualTo(1);
    TrainingResult rest = trainer.trainScheduled(resumed, b, Dl4jProxyTrainer.EpochListener.NONE,
        Dl4jProxyTrainer.Progress.NONE);
    assertThat(rest.epochsDone()).isEqualTo(2);
    assertThat(rest.lossCurve()).containsExactly(whole.lossCurve().get(1));
    assertThat(resumed.params()).isEqualTo(straight.params());
    // The plain train() restarts a cosine cycle per call, so continuing with it takes a different path.
    ComputationGraph restarted = smallNet(b, true);
    trainer.train(restarted, b.withEpochs(1), Dl4jProxyTrainer.Progress.NONE);
    trainer.train(restarted, b.withEpochs(1), Dl4jProxyTrainer.Progress.NONE);
    assertThat(restarted.params()).isNotEqualTo(straight.params());
  }
}
