package org.nas4j.profiler.flops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nas4j.targets.error.InvalidArgumentException;

/**
 * Profiles ONNX files that PyTorch exported from torchvision models and compares with what torchvision publishes.
 *
 * <p>Published figures come from torchvision's weight metadata: {@code _ops} (called GFLOPS in its docs, but they are
 * GMACs: one multiply-add of conv and linear layers) rounded to 3 decimals, and {@code num_params}.
 */
class TorchvisionProfileIT {
  private static ModelProfile profile(String file, Map<String, long[]> shapes) {
    return ModelProfiler.profile(TorchvisionFixtures.file(file), shapes);
  }

  @ParameterizedTest(name = "{0}: {1} GMACs, {2} params")
  @CsvSource({
    "mobilenet_v2, 0.301, 3504872",
    "resnet18, 1.814, 11689512",
    "mnasnet1_0, 0.314, 4383312",
    "mobilenet_v3_small, 0.057, 2542856",
    "shufflenet_v2_x1_0, 0.145, 2278604",
    "efficientnet_b0, 0.386, 5288548",
  })
  void macsMatchTorchvisionAndParamsMatchTheInitializers(String name, double publishedGmacs, long publishedParams)
      throws Exception {
    JsonNode meta = TorchvisionFixtures.meta();
    JsonNode model = meta.path("models").path(name);
    JsonNode file = meta.path("files").path(name + ".onnx");
    ModelProfile p = profile(name + ".onnx", Map.of());

    // Rationale: the published figure has 3 decimals; 1 % covers that rounding (0.5 % at 0.1 GMACs).
    assertThat(p.macs() / 1e9).as("GMACs of %s", name).isCloseTo(publishedGmacs, within(publishedGmacs * 0.01));
    // params is the initializer element count, which the Python side counted with onnx.load.
    assertThat(p.params()).isEqualTo(file.path("initializerElements").asLong());
    // The export folds each BatchNorm (weight + bias, 2 per channel) into its conv's bias (1 per channel).
    assertThat(model.path("torchParams").asLong()).isEqualTo(publishedParams);
    assertThat(p.params()).isEqualTo(publishedParams - model.path("bnFeatures").asLong());
    // Every node was profiled, none skipped.
    Map<String, Long> counts = new HashMap<>();
    p.opTypes().forEach(o -> counts.put(o.opType(), o.count()));
    Map<String, Long> expected = new HashMap<>();
    file.path("opTypes").fields().forEachRemaining(e -> expected.put(e.getKey(), e.getValue().asLong()));
    assertThat(counts).isEqualTo(expected);
    assertThat(p.inputs().get("input")).containsExactly(1, 3, 224, 224);
    assertThat(p.flops()).isGreaterThan(2 * p.macs());
    assertThat(p.peakActivationBytes()).isPositive().isLessThan(p.activationBytes());
  }

  @Test
  void dynamicBatchNeedsAShapeAndScalesLinearly() throws Exception {
    JsonNode meta = TorchvisionFixtures.meta();
    for (String name : new String[] {"mobilenet_v2", "resnet18"}) {
      String file = name + "_dynbatch.onnx";
      assertThatThrownBy(() -> profile(file, Map.of())).isInstanceOf(InvalidArgumentException.class)
          .hasMessageContaining(file).hasMessageContaining("input 'input' has dynamic dimension 'batch'");
      ModelProfile one = profile(file, Map.of("input", new long[] {1, 3, 224, 224}));
      ModelProfile four = profile(file, Map.of("input", new long[] {4, 3, 224, 224}));
      ModelProfile fixed = profile(name + ".onnx", Map.of());
      assertThat(one.macs()).isEqualTo(fixed.macs());
      assertThat(four.macs()).isEqualTo(4 * one.macs());
      assertThat(four.flops()).isEqualTo(4 * one.flops());
      // Default torchvision init has equal zero biases, which torch.onnx de-duplicates behind Identity nodes.
      assertThat(one.params()).isEqualTo(meta.path("files").path(file).path("initializerElements").asLong())
          .isLessThan(fixed.params());
      assertThat(four.params()).isEqualTo(one.params());
    }
  }

  @Test
  void trainingModeExportKeepsBatchNormalizationWithItsRunningStatistics() throws Exception {
    JsonNode resnet = TorchvisionFixtures.meta().path("models").path("resnet18");
    ModelProfile train = profile("resnet18_train.onnx", Map.of());
    ModelProfile eval = profile("resnet18.onnx", Map.of());
    assertThat(train.macs()).isEqualTo(eval.macs());
    // Parameters plus running mean and variance (num_batches_tracked is not exported).
    assertThat(train.params()).isEqualTo(resnet.path("torchParams").asLong() + 2 * resnet.path("bnFeatures").asLong());
    OpTypeProfile bn = train.opTypes().stream().filter(o -> o.opType().equals("BatchNormalization")).findFirst()
        .orElseThrow();
    assertThat(bn.count()).isEqualTo(20);
    // One flop per output element of every BN (same outputs as the convs they follow).
    OpTypeProfile conv = train.opTypes().stream().filter(o -> o.opType().equals("Conv")).findFirst().orElseThrow();
    assertThat(bn.flops()).isEqualTo(conv.outputBytes() / 4);
  }

  @Test
  void theSameNetworkExportedAtFourOpsetsHasTheSameCounts() throws Exception {
    JsonNode files = TorchvisionFixtures.meta().path("files");
    ModelProfile base = profile("zoo_opset13.onnx", Map.of());
    // conv 16x32x24x27 + depthwise 16x32x24x25 + conv-transpose 16x32x24 x 8x16 + attention 2 x 768x768x8 + fc 40
    long expected = 16L * 32 * 24 * 27 + 16L * 32 * 24 * 25 + 16L * 32 * 24 * 8 * 16 + 2L * 768 * 768 * 8 + 40;
    assertThat(base.macs()).isEqualTo(expected);
    for (String file : TorchvisionFixtures.ZOO) {
      ModelProfile p = profile(file, Map.of());
      assertThat(p.macs()).as(file).isEqualTo(base.macs());
      assertThat(p.params()).as(file).isEqualTo(files.path(file).path("initializerElements").asLong());
      long ops = 0;
      for (OpTypeProfile o : p.opTypes()) {
        ops += o.count();
      }
      assertThat(ops).isEqualTo(p.nodeCount());
    }
  }
}
