package org.nas4j.search.build;

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

class Dl4jGraphBuilderTest {
  @Test
  void oneDnnHelpersAreActiveAndUsedByConvAndBatchNorm() throws Exception {
    assertThat(Dl4jRuntime.init()).as("BaseMKLDNNHelper.mklDnnEnabled()").isTrue();
    NetSpec spec = NetSpecs.nb201(Nb201Arch.parse(
        "|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|"),
        new MacroConfig(1, 8, new InputShape(3, 16, 16), 10, null));
    ComputationGraph g = Dl4jGraphBuilder.build(spec, 1);
    g.output(Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 2, 3, 16, 16));
    assertThat(helperName(g.getLayer("stem.conv"))).isEqualTo("MKLDNNConvHelper");
    assertThat(helperName(g.getLayer("stem.bn"))).isEqualTo("MKLDNNBatchNormHelper");
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
    assertThat(g.numParams()).isEqualTo(spec.allParams());
    INDArray x = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 4, 1, 28, 28);
    INDArray y = Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, 4, 10);
    for (int i = 0; i < 4; i++) {
      y.putScalar(i, i, 1f);
    }
    double before = g.score(new DataSet(x, y));
    for (int i = 0; i < 5; i++) {
      g.fit(new DataSet(x, y));
    }
    assertThat(g.score(new DataSet(x, y))).isLessThan(before);
    assertThat(Dl4jGraphBuilder.logits(g, x).shape()).containsExactly(4, 10);
  }

  @Test
  void fullSizeDartsV2HasTheReferenceCount() {
    NetSpec spec = NetSpecs.darts(DartsGenotype.DARTS_V2, MacroConfig.dartsCifar());
    ComputationGraph g = new ComputationGraph(Dl4jGraphBuilder.configuration(spec, 1,
        new org.nd4j.linalg.learning.config.Sgd(0.1)));
    g.init();
    assertThat(g.numParams()).isEqualTo(3_349_342L + 40_392L);
  }
}
