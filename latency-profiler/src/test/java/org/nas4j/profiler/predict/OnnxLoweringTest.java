package org.nas4j.profiler.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import onnx.Onnx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nas4j.profiler.InvalidModelException;
import org.nas4j.profiler.testing.OnnxModels;

class OnnxLoweringTest {
  @TempDir Path dir;

  @Test
  void convReluChainFusesTheReluAndKeepsShapes() throws Exception {
    Path f = OnnxModels.write(dir.resolve("conv.onnx"), OnnxModels.convNet(8, 2, 16, 1));
    List<OpSpec> ops = OnnxLowering.lower(f, Map.of());
    assertThat(ops).extracting(OpSpec::type).containsExactly(KernelType.CONV, KernelType.CONV, KernelType.CONV,
        KernelType.GLOBAL_POOL, KernelType.LINEAR);
    assertThat(ops.get(0)).isEqualTo(OpSpec.of(KernelType.CONV, 16, 16, 3, 8, 3, 1, 1));
    assertThat(ops.get(4)).isEqualTo(OpSpec.of(KernelType.LINEAR, 1, 1, 8, 10, 1, 1, 1));
  }

  @Test
  void dynamicBatchNeedsAShapeAndThenLowers() throws Exception {
    Path f = OnnxModels.write(dir.resolve("dyn.onnx"), OnnxModels.dynamicBatchConvNet(4, 1, 8, 1));
    List<OpSpec> ops = OnnxLowering.lower(f, Map.of("input", new long[] {1, 3, 8, 8}));
    assertThat(ops).hasSize(4);
  }

  @Test
  void unknownOpIsInvalidInputNamingFileNodeAndOp() throws Exception {
    Onnx.ModelProto m = Onnx.ModelProto.parseFrom(OnnxModels.convNet(4, 1, 8, 1));
    Onnx.GraphProto.Builder g = m.getGraph().toBuilder();
    for (int i = 0; i < g.getNodeCount(); i++) {
      if (g.getNode(i).getOpType().equals("Gemm")) {
        g.setNode(i, g.getNode(i).toBuilder().setOutput(0, "fc_y"));
      }
    }
    g.addNode(Onnx.NodeProto.newBuilder().setOpType("Softmax").setName("sm").addInput("fc_y").addOutput("output"));
    Path f = OnnxModels.write(dir.resolve("sm.onnx"), m.toBuilder().setGraph(g).build().toByteArray());
    assertThatThrownBy(() -> OnnxLowering.lower(f, Map.of())).isInstanceOf(InvalidModelException.class)
        .hasMessageContaining("sm.onnx: node sm has op type Softmax");
  }
}
