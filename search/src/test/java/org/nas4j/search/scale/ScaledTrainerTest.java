package org.nas4j.search.scale;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nas4j.search.dl4j.CopyingRelu;
import org.nas4j.search.dl4j.Dl4jRuntime;
import org.nas4j.search.data.Dataset;
import org.nas4j.search.data.DatasetSpec;
import org.nas4j.search.data.LabeledImages;
import org.nas4j.search.space.DartsGenotype;
import org.nas4j.search.space.InputShape;
import org.nas4j.search.space.MacroConfig;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Real DL4J training of a tiny scaled DARTS network on real Fashion-MNIST images, with real checkpoint files. */
class ScaledTrainerTest {
  @TempDir Path dir;

  /** Thrown from the progress callback in epoch 2: the process "dies" after the epoch-1 checkpoint. */
  private static final class Killed extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }

  @Test
  void interruptedAndResumedTrainingEndsWithTheWeightsOfAnUninterruptedOne() throws Exception {
    Dl4jRuntime.init();
    Dataset full = DatasetSpec.embeddedFashionMnist();
    // Few images keep this test at seconds: 300 to train on, 100 validation, 100 test.
    Dataset data = new Dataset(full.name(), full.source(), full.train().select(range(400), "train"),
        full.test().select(range(100), "test"));
    Dataset.Split split = data.split(100, 7);
    MacroConfig macro = new MacroConfig(3, 8, new InputShape(1, 28, 28), 10, null);
    ScaledConfig cfg = new ScalePlanner(DartsGenotype.DARTS_V2, 10, ScaleBudget.macs(Long.MAX_VALUE),
        java.util.List.of()).describe(3, 8, macro.input());
    ScaledModel.Training training = new ScaledModel.Training(2, 0, 64, 0.05, 0.9, 3e-4, 5, 100, 7, 1);
    ScaledModel planned = ScaledModel.planned("m", "run@t", "ab".repeat(32), "darts",
        DartsGenotype.DARTS_V2.toText(), macro, "fashion-mnist", null, new ScaleBudget(null, 10_000_000L, Map.of()),
        cfg, training);

    Path a = dir.resolve("a");
    planned.write(a);
    ScaledModel straight = new ScaledTrainer(a, data, split).train(planned, (d, t, l) -> { });
    assertThat(straight.isFinished()).isTrue();
    assertThat(straight.lossCurve()).hasSize(2);
    assertThat(straight.testAccuracy()).isBetween(0.0, 1.0);
    assertThat(ScaledModel.read(a)).isEqualTo(straight);

    Path b = dir.resolve("b");
    planned.write(b);
    try {
      new ScaledTrainer(b, data, split).train(planned, (done, total, loss) -> {
        if (done > total / 2) {
          throw new Killed();
        }
      });
    } catch (Killed expected) {
      // the first epoch's checkpoint is on disk, the second epoch was cut off after one minibatch
    }
    ScaledModel interrupted = ScaledModel.read(b);
    assertThat(interrupted.status()).isEqualTo(ScaledModel.TRAINING);
    assertThat(interrupted.epochsDone()).isEqualTo(1);
    ScaledModel resumed = new ScaledTrainer(b, data, split).train(interrupted, (d, t, l) -> { });

    ComputationGraph ga = ScaledTrainer.readCheckpoint(a.resolve(ScaledModel.CHECKPOINT));
    ComputationGraph gb = ScaledTrainer.readCheckpoint(b.resolve(ScaledModel.CHECKPOINT));
    assertThat(gb.getEpochCount()).isEqualTo(2);
    assertThat(gb.params()).isEqualTo(ga.params());
    assertThat(resumed.lossCurve()).isEqualTo(straight.lossCurve());
    assertThat(resumed.testAccuracy()).isEqualTo(straight.testAccuracy());
    assertThat(resumed.validationAccuracy()).isEqualTo(straight.validationAccuracy());
  }

  private static int[] range(int n) {
    return java.util.stream.IntStream.range(0, n).toArray();
  }

  @Test
  void checkpointOfAnEarlierBuildStillRestores() throws Exception {
    // What builds before ReluLayer and LinearConvolution wrote: DL4J's own convolution and an ActivationLayer with
    // CopyingRelu, in a conv -> ReLU -> pooling -> classifier network.
    ComputationGraph old = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(5)
        .dataType(DataType.FLOAT).graphBuilder().addInputs("input").setInputTypes(InputType.convolutional(8, 8, 1))
        .addLayer("conv", new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.IDENTITY).build(), "input")
        .addLayer("relu", new ActivationLayer.Builder().activation(new CopyingRelu()).build(), "conv")
        .addLayer("gap", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "relu")
        .addLayer("out", new OutputLayer.Builder().nOut(3).activation(Activation.SOFTMAX).build(), "gap")
        .setOutputs("out").build());
    old.init();
    Path file = dir.resolve("old.zip");
    ScaledTrainer.writeCheckpoint(old, file);
    ComputationGraph back = ScaledTrainer.readCheckpoint(file);
    INDArray x = Nd4j.rand(DataType.FLOAT, 2, 1, 8, 8).subi(0.5);
    assertThat(back.outputSingle(x).equalsWithEps(old.outputSingle(x), 1e-6)).isTrue();
  }
}
