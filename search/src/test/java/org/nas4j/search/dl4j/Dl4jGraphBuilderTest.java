package org.nas4j.search.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nas4j.search.space.DartsGenotype;
import org.nas4j.search.space.InputShape;
import org.nas4j.search.space.MacroConfig;
import org.nas4j.search.space.Nb201Arch;
import org.nas4j.search.space.Stem;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nas4j.search.net.NetSpecs;
import org.nas4j.search.net.NetSpec;
import org.nas4j.search.net.NetNode;

class Dl4jGraphBuilderTest {
  @Test
  void oneDnnConvHelperAndNchwBatchNormHelperAreUsed() throws Exception {
    assertThat(Dl4jRuntime.init()).as("BaseMKLDNNHelper.mklDnnEnabled()").isTrue();
    NetSpec spec = NetSpecs.nb201(Nb201Arch.parse(
        "|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|"),
        new MacroConfig(1, 8, new InputShape(3, 16, 16), 10, null));
    ComputationGraph g = Dl4jGraphBuilder.build(spec, 1);
    g.output(Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 2, 3, 16, 16));
    assertThat(helperName(g.getLayer("stem.conv"))).isEqualTo("MKLDNNConvHelper");
    assertThat(helperName(g.getLayer("stem.bn"))).isEqualTo("NchwBatchNormHelper");
    assertThat(((LinearConvolution) g.getLayer("stem.conv").conf().getLayer()).inputGradient()).isFalse();
    assertThat(g.getConfiguration().getVertices().values().stream()
        .filter(v -> v instanceof org.deeplearning4j.nn.conf.graph.LayerVertex lv
            && lv.getLayerConf().getLayer() instanceof LinearConvolution c && c.inputGradient())
        .count()).as("convolutions inside the cells").isGreaterThan(0);
  }

  private static String helperName(Layer layer) throws Exception {
    for (Class<?> c = layer.getClass(); c != null; c = c.getSuperclass()) {
      try {
        Field f = c.getDeclaredField("helper");
        f.setAccessible(true);
        Object h = f.get(layer);
        return h == null ? "none" : h.getClass().getSimpleName();
      } catch (NoSuchFieldException e) {
        // try the superclass
      }
    }
    return "no helper field";
  }

  @Test
  void dartsNetworkHasTheSpecsParameterCountAndTrains() {
    MacroConfig m = new MacroConfig(5, 8, new InputShape(1, 28, 28), 10, Stem.CIFAR);
    NetSpec spec = NetSpecs.darts(DartsGenotype.DARTS_V2, m);
    ComputationGraph g = Dl4jGraphBuilder.build(spec, 7);
    assertThat(g.numParams()).isEqualTo(spec.allParams() + Dl4jGraphBuilder.maskedZeroParams(spec));
    INDArray x = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 4, 1, 28, 28);
    INDArray y = Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, 4, 10);
    for (int i = 0; i < 4; i++) {
      y.putScalar(i, i, 1f);
    }
    g.fit(new DataSet(x, y));
    double first = g.score(); // training-mode loss of the first step (inference mode depends on BN running stats)
    for (int i = 0; i < 5; i++) {
      g.fit(new DataSet(x, y));
    }
    assertThat(g.score()).isLessThan(first);
    assertThat(Dl4jGraphBuilder.logits(g, x).shape()).containsExactly(4, 10);
    // Rationale: the dense kernels standing in for dilated ones keep their off-grid taps at zero while training,
    // so the whole kernel's weight mass is on the dilated taps that the ONNX export reads.
    NetNode dil = spec.live().nodes().stream().filter(n -> n.depthwise() && n.dilation()[0] > 1).findFirst()
        .orElseThrow();
    INDArray dense = g.getLayer(dil.name()).getParam("W");
    INDArray taps = Dl4jGraphBuilder.onnxDepthwiseWeights(g, dil);
    assertThat(dense.shape()).containsExactly(5, 5, 8, 1);
    assertThat(taps.shape()).containsExactly(8, 1, 3, 3);
    assertThat(taps.amaxNumber().doubleValue()).isPositive();
    assertThat(org.nd4j.linalg.ops.transforms.Transforms.abs(dense).sumNumber().doubleValue())
        .isCloseTo(org.nd4j.linalg.ops.transforms.Transforms.abs(taps).sumNumber().doubleValue(), org.assertj.core.data.Offset.offset(1e-4));
  }

  @Test
  void fullSizeDartsV2HasTheReferenceCount() {
    NetSpec spec = NetSpecs.darts(DartsGenotype.DARTS_V2, MacroConfig.dartsCifar());
    ComputationGraph g = new ComputationGraph(Dl4jGraphBuilder.configuration(spec, 1,
        new org.nd4j.linalg.learning.config.Sgd(0.1)));
    g.init();
    // Rationale: the reference count plus the always-zero taps of the dense kernels standing in for dilated ones.
    assertThat(g.numParams() - Dl4jGraphBuilder.maskedZeroParams(spec)).isEqualTo(3_349_342L + 40_392L);
    assertThat(Dl4jGraphBuilder.maskedZeroParams(spec)).isPositive();
  }
}
