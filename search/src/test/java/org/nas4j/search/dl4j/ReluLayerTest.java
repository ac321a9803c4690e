package org.nas4j.search.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.ops.transforms.Transforms;

/** {@link ReluLayer} in real DL4J graphs, against DL4J's own ReLU layer. */
class ReluLayerTest {
  /** x -> dense -> h; y = relu(h) + h: the ReLU's input is read by another vertex too. */
  private static ComputationGraph graph(boolean ours, WorkspaceMode mode) {
    Dl4jRuntime.init();
    ComputationGraph g = new ComputationGraph(new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT).seed(3)
        .updater(new Sgd(0.1)).trainingWorkspaceMode(mode).inferenceWorkspaceMode(mode).graphBuilder()
        .addInputs("in").setInputTypes(InputType.feedForward(6))
        .addLayer("h", new DenseLayer.Builder().nIn(6).nOut(8).activation(Activation.IDENTITY).build(), "in")
        .addLayer("relu", ours ? new ReluLayer() : new ActivationLayer(new ActivationReLU()), "h")
        .addVertex("sum", new ElementWiseVertex(ElementWiseVertex.Op.Add), "relu", "h")
        .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(8).nOut(2)
            .activation(Activation.IDENTITY).build(), "sum")
        .setOutputs("out").build());
    g.init();
    return g;
  }

  @Test
  void inferenceLeavesTheSharedInputIntactInEveryWorkspaceMode() {
    INDArray x = Nd4j.rand(DataType.FLOAT, 5, 6).subi(0.5).muli(4);
    for (WorkspaceMode mode : WorkspaceMode.values()) {
      ComputationGraph g = graph(true, mode);
      INDArray h = x.mmul(g.getParam("h_W")).addiRowVector(g.getParam("h_b"));
      INDArray sum = Transforms.relu(h, true).addi(h);
      INDArray expected = sum.mmul(g.getParam("out_W")).addiRowVector(g.getParam("out_b"));
      assertThat(h.minNumber().doubleValue()).as("some pre-activations are negative").isNegative();
      assertThat(g.outputSingle(x).equalsWithEps(expected, 1e-5)).as("%s", mode).isTrue();
    }
  }

  @Test
  void trainingMatchesDl4jsReluStepForStep() {
    INDArray x = Nd4j.rand(DataType.FLOAT, 5, 6).subi(0.5).muli(4);
    INDArray y = Nd4j.rand(DataType.FLOAT, 5, 2);
    ComputationGraph ours = graph(true, WorkspaceMode.ENABLED);
    ComputationGraph theirs = graph(false, WorkspaceMode.ENABLED);
    theirs.setParams(ours.params().dup());
    INDArray before = ours.params().dup();
    for (int i = 0; i < 3; i++) {
      ours.fit(new DataSet(x, y));
      theirs.fit(new DataSet(x, y));
      assertThat(ours.score()).isCloseTo(theirs.score(), org.assertj.core.data.Offset.offset(1e-6));
    }
    assertThat(ours.params().equalsWithEps(theirs.params(), 1e-6)).isTrue();
    assertThat(ours.params().equalsWithEps(before, 1e-3)).as("training moved the weights").isFalse();
  }

  @Test
  void survivesTheConfigurationsJsonRoundTrip() {
    ComputationGraph g = graph(true, WorkspaceMode.ENABLED);
    String json = g.getConfiguration().toJson();
    assertThat(json).contains(ReluLayer.class.getName());
    var back = org.deeplearning4j.nn.conf.ComputationGraphConfiguration.fromJson(json);
    assertThat(back).isEqualTo(g.getConfiguration());
  }
}
