package org.nas4j.search.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.Arrays;
import java.util.function.Supplier;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNBatchNormHelper;
import org.deeplearning4j.nn.layers.normalization.BatchNormalizationHelper;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nas4j.search.net.ReferenceNets;
import org.nas4j.search.net.NodeOp;
import org.nas4j.search.net.NetSpec;

/**
 * Checks {@link NchwBatchNormHelper} against DL4J's own BatchNorm code (the layer without a helper) and against
 * DL4J's oneDNN helper: outputs, input gradients, parameter gradients and running statistics.
 */
class NchwBatchNormHelperTest {
  private static final long[] SHAPE = {4, 3, 5, 6};

  @Test
  void trainingForwardAndBackwardMatchDl4jsOwnCodeAndItsOneDnnHelper() {
    INDArray x = Nd4j.rand(DataType.FLOAT, SHAPE).muli(3).addi(-1);
    x.get(NDArrayIndex.all(), NDArrayIndex.point(2)).addi(5);
    INDArray dy = Nd4j.rand(DataType.FLOAT, SHAPE).subi(0.5);
    Step fast = step(NchwBatchNormHelper::new, x, dy, true);
    Step builtIn = step(() -> null, x, dy, true);
    Step oneDnn = step(() -> new MKLDNNBatchNormHelper(DataType.FLOAT), x, dy, true);
    assertThat(fast.helper).isEqualTo("NchwBatchNormHelper");
    assertThat(builtIn.helper).isEqualTo("none");
    for (Step ref : new Step[] {builtIn, oneDnn}) {
      assertClose(fast.out, ref.out, 1e-5);
      assertClose(fast.dx, ref.dx, 1e-5);
      assertClose(fast.dGamma, ref.dGamma, 1e-4);
      assertClose(fast.dBeta, ref.dBeta, 1e-4);
      assertClose(fast.dMean, ref.dMean, 1e-5);
      assertClose(fast.dVar, ref.dVar, 1e-5);
    }
    assertThat(fast.dx.sumNumber().doubleValue()).as("input gradient of BN sums to ~0 per channel").isCloseTo(0,
        offset(1e-4));
  }

  @Test
  void inferenceUsesTheRunningStatistics() {
    INDArray x = Nd4j.rand(DataType.FLOAT, SHAPE);
    Step fast = step(NchwBatchNormHelper::new, x, null, false);
    Step builtIn = step(() -> null, x, null, false);
    assertClose(fast.out, builtIn.out, 1e-5);
    // y = gamma * (x - mean) / sqrt(var + eps) + beta, channel 1: gamma 1.5, beta -0.25, mean 0.2, var 2
    double expected = 1.5 * (x.getDouble(3, 1, 4, 5) - 0.2) / Math.sqrt(2 + 1e-5) - 0.25;
    assertThat(fast.out.getDouble(3, 1, 4, 5)).isCloseTo(expected, offset(1e-5));
  }

  @Test
  void varianceStaysExactWhenTheMeanIsLargeAgainstTheSpread() {
    INDArray x = Nd4j.rand(DataType.FLOAT, SHAPE).subi(0.5).muli(0.02).addi(1000);
    Step fast = step(NchwBatchNormHelper::new, x, Nd4j.zeros(DataType.FLOAT, SHAPE), true);
    double[] v = x.castTo(DataType.DOUBLE).permute(1, 0, 2, 3).dup('c').reshape(3, -1).toDoubleMatrix()[0];
    double mean = Arrays.stream(v).average().orElseThrow();
    double var = Arrays.stream(v).map(a -> (a - mean) * (a - mean)).average().orElseThrow();
    // the normalised output of channel 0 has variance 1 (gamma 0.5: 0.25) only if var was computed exactly
    INDArray out0 = fast.out.get(NDArrayIndex.all(), NDArrayIndex.point(0));
    assertThat(var).isGreaterThan(1e-6);
    assertThat(out0.varNumber().doubleValue() * (out0.length() - 1) / out0.length())
        .isCloseTo(0.25 * var / (var + 1e-5), offset(2e-3));
  }

  @Test
  void trainingAGraphGivesTheSameParametersAsDl4jsOwnCode() {
    INDArray x = Nd4j.rand(DataType.FLOAT, SHAPE).muli(2);
    INDArray y = Nd4j.rand(DataType.FLOAT, SHAPE);
    ComputationGraph fast = graph(NchwBatchNormHelper::new);
    ComputationGraph builtIn = graph(() -> null);
    for (int i = 0; i < 5; i++) {
      fast.fit(new DataSet(x, y));
      builtIn.fit(new DataSet(x, y));
    }
    assertClose(fast.params(), builtIn.params(), 1e-5);
    assertThat(fast.params().equalsWithEps(graph(() -> null).params(), 1e-3)).as("training changed them").isFalse();
  }

  @Test
  void spreadingTheLoopsOverThreadsGivesIdenticalResults() {
    long[] shape = {8, 16, 32, 32}; // large enough to be spread
    INDArray x = Nd4j.rand(DataType.FLOAT, shape).muli(3);
    INDArray dy = Nd4j.rand(DataType.FLOAT, shape).subi(0.5);
    var ops = org.nd4j.nativeblas.NativeOpsHolder.getInstance().getDeviceNativeOps();
    int before = ops.ompGetMaxThreads();
    try {
      ops.setOmpNumThreads(1);
      assertThat(Dl4jRuntime.threads()).isEqualTo(1);
      Step one = step(NchwBatchNormHelper::new, x, dy, true, shape);
      ops.setOmpNumThreads(2);
      assertThat(Dl4jRuntime.threads()).isEqualTo(2);
      Step two = step(NchwBatchNormHelper::new, x, dy, true, shape);
      assertThat(two.out).isEqualTo(one.out);
      assertThat(two.dx).isEqualTo(one.dx);
      assertThat(two.dGamma).isEqualTo(one.dGamma);
      assertThat(two.dVar).isEqualTo(one.dVar);
    } finally {
      ops.setOmpNumThreads(before);
    }
  }

  @Test
  void builtNetworksUseIt() {
    NetSpec spec = ReferenceNets.of("plain-28x28x1");
    ComputationGraph g = Dl4jGraphBuilder.build(spec, 1);
    long bnLayers = spec.nodes().stream().filter(n -> n.op() == NodeOp.BATCH_NORM).count();
    assertThat(bnLayers).isPositive();
    assertThat(NchwBatchNormHelper.install(g)).isEqualTo((int) bnLayers);
  }

  private record Step(String helper, INDArray out, INDArray dx, INDArray dGamma, INDArray dBeta, INDArray dMean,
      INDArray dVar) {}

  private static Step step(Supplier<BatchNormalizationHelper> helper, INDArray x, INDArray dy, boolean training) {
    return step(helper, x, dy, training, SHAPE);
  }

  private static Step step(Supplier<BatchNormalizationHelper> helper, INDArray x, INDArray dy, boolean training,
      long[] shape) {
    ComputationGraph g = graph(helper, shape);
    Layer bn = g.getLayer("bn");
    LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
    bn.setInput(x.dup(), mgr);
    INDArray out = bn.activate(training, mgr).dup();
    if (dy == null) {
      return new Step(name(bn), out, null, null, null, null, null);
    }
    Pair<Gradient, INDArray> p = bn.backpropGradient(dy.dup(), mgr);
    Gradient gr = p.getFirst();
    return new Step(name(bn), out, p.getSecond().dup(), gr.getGradientFor("gamma").dup(),
        gr.getGradientFor("beta").dup(), gr.getGradientFor("mean").dup(), gr.getGradientFor("var").dup());
  }

  private static String name(Layer bn) {
    Object h = ((org.deeplearning4j.nn.layers.normalization.BatchNormalization) bn).getHelper();
    return h == null ? "none" : h.getClass().getSimpleName();
  }

  private static ComputationGraph graph(Supplier<BatchNormalizationHelper> helper) {
    return graph(helper, SHAPE);
  }

  /** input (shape) -> BatchNorm -> MSE loss; gamma, beta and running statistics set per channel (cycling 3 values). */
  private static ComputationGraph graph(Supplier<BatchNormalizationHelper> helper, long[] shape) {
    Dl4jRuntime.init();
    ComputationGraph g = new ComputationGraph(new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT)
        .updater(new Sgd(0.1)).graphBuilder().addInputs("in")
        .setInputTypes(InputType.convolutional(shape[2], shape[3], shape[1], CNN2DFormat.NCHW))
        .addLayer("bn", new BatchNormalization.Builder().nIn(shape[1]).nOut(shape[1]).eps(1e-5).decay(0.9)
            .useLogStd(false).dataFormat(CNN2DFormat.NCHW).build(), "in")
        .addLayer("out", new CnnLossLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY)
            .format(CNN2DFormat.NCHW).build(), "bn")
        .setOutputs("out").build());
    g.init();
    g.initGradientsView();
    assertThat(NchwBatchNormHelper.install(g, helper)).isEqualTo(1);
    Layer bn = g.getLayer("bn");
    set(bn.getParam("gamma"), 0.5f, 1.5f, -0.75f);
    set(bn.getParam("beta"), 0.1f, -0.25f, 2f);
    set(bn.getParam("mean"), 0f, 0.2f, 5f);
    set(bn.getParam("var"), 1f, 2f, 0.5f);
    return g;
  }

  private static void set(INDArray param, float... cycle) {
    float[] v = new float[(int) param.length()];
    for (int i = 0; i < v.length; i++) {
      v[i] = cycle[i % cycle.length];
    }
    param.assign(Nd4j.createFromArray(v).reshape(param.shape()));
  }

  private static void assertClose(INDArray actual, INDArray expected, double tolerance) {
    assertThat(actual.shape()).isEqualTo(expected.shape());
    double scale = Math.max(1, expected.amaxNumber().doubleValue());
    double diff = actual.castTo(DataType.DOUBLE).sub(expected.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
    assertThat(diff).as("max abs difference (scale %s)", scale).isLessThanOrEqualTo(tolerance * scale);
  }
}
