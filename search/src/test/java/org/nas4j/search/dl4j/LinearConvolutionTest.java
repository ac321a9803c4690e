package org.nas4j.search.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Checks {@link LinearConvolution} and {@link LinearDepthwiseConvolution} against DL4J's own layers (with its oneDNN
 * helper where DL4J uses one): outputs, weight, bias and input gradients, for strides, padding and dilation.
 */
class LinearConvolutionTest {
  private static final long[] IN = {3, 2, 9, 8};

  @Test
  void backwardWithInputGradientEqualsDl4jsLayer() {
    for (int stride : new int[] {1, 2}) {
      Result fast = run(new LinearConvolution(conv(3, stride, 1, 1, true), true));
      Result dl4j = run(conv(3, stride, 1, 1, true).build());
      assertClose(fast.out, dl4j.out, 1e-6);
      assertClose(fast.dW, dl4j.dW, 1e-5);
      assertClose(fast.dB, dl4j.dB, 1e-5);
      assertClose(fast.dx, dl4j.dx, 1e-5);
    }
  }

  @Test
  void layerReadingTheNetworkInputComputesTheSameWeightGradientsAndNoInputGradient() {
    int[][] cases = {{3, 1, 1, 1}, {3, 2, 1, 1}, {1, 1, 0, 1}, {5, 2, 2, 1}, {3, 1, 2, 2}}; // kernel, stride, pad, dil
    for (int[] c : cases) {
      for (boolean bias : new boolean[] {false, true}) {
        Result fast = run(new LinearConvolution(conv(c[0], c[1], c[2], c[3], bias), false));
        Result dl4j = run(conv(c[0], c[1], c[2], c[3], bias).build());
        assertClose(fast.out, dl4j.out, 1e-6);
        assertClose(fast.dW, dl4j.dW, 1e-4);
        if (bias) {
          assertClose(fast.dB, dl4j.dB, 1e-4);
        }
        assertThat(fast.dx).as("input gradient of a layer reading the network input").isNull();
        assertThat(dl4j.dx).isNotNull();
      }
    }
  }

  @Test
  void depthwiseBackwardEqualsDl4jsLayer() {
    for (int stride : new int[] {1, 2}) {
      Result fast = run(new LinearDepthwiseConvolution(depthwise(stride)));
      Result dl4j = run(depthwise(stride).build());
      assertClose(fast.out, dl4j.out, 1e-6);
      assertClose(fast.dW, dl4j.dW, 1e-6);
      assertClose(fast.dx, dl4j.dx, 1e-6);
    }
  }

  @Test
  void graphsWithTheseLayersTrainAsDl4jsAndSurviveJson() {
    ComputationGraph fast = twoLayerGraph(true);
    ComputationGraph dl4j = twoLayerGraph(false);
    dl4j.setParams(fast.params());
    INDArray x = Nd4j.rand(DataType.FLOAT, IN);
    INDArray y = Nd4j.rand(DataType.FLOAT, IN[0], 4, IN[2], IN[3]);
    fast.fit(new INDArray[] {x}, new INDArray[] {y});
    double firstScore = fast.score();
    dl4j.fit(new INDArray[] {x}, new INDArray[] {y});
    for (int i = 0; i < 3; i++) {
      fast.fit(new INDArray[] {x}, new INDArray[] {y});
      dl4j.fit(new INDArray[] {x}, new INDArray[] {y});
    }
    assertClose(fast.params(), dl4j.params(), 1e-5);
    assertThat(fast.score()).isCloseTo(dl4j.score(), offset(1e-5 * dl4j.score())).isLessThan(firstScore);

    String json = fast.getConfiguration().toJson();
    ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(json);
    assertThat(back.toJson()).isEqualTo(json);
    LinearConvolution first = (LinearConvolution) layerConf(back, "c1");
    assertThat(first.inputGradient()).isFalse();
    assertThat(((LinearConvolution) layerConf(back, "c2")).inputGradient()).isTrue();
    assertThat(layerConf(back, "d")).isInstanceOf(LinearDepthwiseConvolution.class);
  }

  @Test
  void rejectsAnActivationOrLayout() {
    assertThatThrownBy(() -> new LinearConvolution(conv(3, 1, 1, 1, false).activation(Activation.RELU), true))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("identity");
    assertThatThrownBy(() -> new LinearConvolution(conv(3, 1, 1, 1, false).dataFormat(CNN2DFormat.NHWC), true))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NCHW");
    assertThatThrownBy(() -> new LinearDepthwiseConvolution(depthwise(1).activation(Activation.TANH)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static ConvolutionLayer.Builder conv(int k, int stride, int pad, int dil, boolean bias) {
    return new ConvolutionLayer.Builder(new int[] {k, k}, new int[] {stride, stride}, new int[] {pad, pad})
        .dilation(dil, dil).nIn(IN[1]).nOut(4).hasBias(bias).activation(Activation.IDENTITY)
        .convolutionMode(ConvolutionMode.Truncate).dataFormat(CNN2DFormat.NCHW);
  }

  private static DepthwiseConvolution2D.Builder depthwise(int stride) {
    return new DepthwiseConvolution2D.Builder(new int[] {3, 3}, new int[] {stride, stride}, new int[] {1, 1})
        .depthMultiplier(1).nIn(IN[1]).nOut(IN[1]).hasBias(false).activation(Activation.IDENTITY)
        .convolutionMode(ConvolutionMode.Truncate).dataFormat(CNN2DFormat.NCHW);
  }

  private record Result(INDArray out, INDArray dW, INDArray dB, INDArray dx) {}

  /** One forward and backward pass of the layer alone, with weights and bias drawn from a fixed seed. */
  private static Result run(org.deeplearning4j.nn.conf.layers.Layer conf) {
    Dl4jRuntime.init();
    ComputationGraph g = new ComputationGraph(new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT)
        .updater(new Sgd(0.1)).graphBuilder().addInputs("in")
        .setInputTypes(InputType.convolutional(IN[2], IN[3], IN[1], CNN2DFormat.NCHW))
        .addLayer("c", conf, "in").addLayer("out", new CnnLossLayer.Builder(LossFunctions.LossFunction.MSE)
            .activation(Activation.IDENTITY).format(CNN2DFormat.NCHW).build(), "c")
        .setOutputs("out").build());
    g.init();
    g.initGradientsView();
    Nd4j.getRandom().setSeed(42);
    g.setParams(Nd4j.rand(DataType.FLOAT, 1, g.numParams()).subi(0.5));
    Nd4j.getRandom().setSeed(7);
    INDArray x = Nd4j.rand(DataType.FLOAT, IN).subi(0.5);
    Layer c = g.getLayer("c");
    LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
    c.setInput(x, mgr);
    INDArray out = c.activate(true, mgr).dup();
    Nd4j.getRandom().setSeed(9);
    INDArray dy = Nd4j.rand(DataType.FLOAT, out.shape()).subi(0.5);
    Pair<Gradient, INDArray> p = c.backpropGradient(dy, mgr);
    INDArray dB = p.getFirst().getGradientFor("b");
    return new Result(out, p.getFirst().getGradientFor("W").dup(), dB == null ? null : dB.dup(),
        p.getSecond() == null ? null : p.getSecond().dup());
  }

  /** in -> conv 3x3 (reads the input) -> depthwise 3x3 -> conv 1x1 -> MSE, with the DL4J or the linear layers. */
  private static ComputationGraph twoLayerGraph(boolean linear) {
    Dl4jRuntime.init();
    ConvolutionLayer.Builder c1 = conv(3, 1, 1, 1, false);
    DepthwiseConvolution2D.Builder d = new DepthwiseConvolution2D.Builder(new int[] {3, 3}, new int[] {1, 1},
        new int[] {1, 1}).depthMultiplier(1).nIn(4).nOut(4).hasBias(false).activation(Activation.IDENTITY)
        .convolutionMode(ConvolutionMode.Truncate).dataFormat(CNN2DFormat.NCHW);
    ConvolutionLayer.Builder c2 = new ConvolutionLayer.Builder(new int[] {1, 1}, new int[] {1, 1}, new int[] {0, 0})
        .nIn(4).nOut(4).hasBias(false).activation(Activation.IDENTITY).convolutionMode(ConvolutionMode.Truncate)
        .dataFormat(CNN2DFormat.NCHW);
    ComputationGraph g = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.FLOAT)
        .updater(new Sgd(0.01)).graphBuilder().addInputs("in")
        .setInputTypes(InputType.convolutional(IN[2], IN[3], IN[1], CNN2DFormat.NCHW))
        .addLayer("c1", linear ? new LinearConvolution(c1, false) : c1.build(), "in")
        .addLayer("d", linear ? new LinearDepthwiseConvolution(d) : d.build(), "c1")
        .addLayer("c2", linear ? new LinearConvolution(c2, true) : c2.build(), "d")
        .addLayer("out", new CnnLossLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY)
            .format(CNN2DFormat.NCHW).build(), "c2")
        .setOutputs("out").build());
    g.init();
    return g;
  }

  private static org.deeplearning4j.nn.conf.layers.Layer layerConf(ComputationGraphConfiguration c, String name) {
    return ((org.deeplearning4j.nn.conf.graph.LayerVertex) c.getVertices().get(name)).getLayerConf().getLayer();
  }

  private static void assertClose(INDArray actual, INDArray expected, double relTol) {
    assertThat(actual.shape()).isEqualTo(expected.shape());
    double scale = Math.max(1e-3, expected.amaxNumber().doubleValue());
    double diff = actual.castTo(DataType.DOUBLE).sub(expected.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
    assertThat(diff).as("max |difference| against max |expected| %s", scale).isLessThanOrEqualTo(relTol * scale);
  }
}
