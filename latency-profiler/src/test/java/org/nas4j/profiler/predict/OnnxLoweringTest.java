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
    // Hardmax has a shape rule but no cost model (Softmax, which it used to test, is priced since issue 19)
    Path f = withHead("hm.onnx", "Hardmax", "hm");
    assertThatThrownBy(() -> OnnxLowering.lower(f, Map.of())).isInstanceOf(InvalidModelException.class)
        .hasMessageContaining("hm.onnx: node hm has op type Hardmax").hasMessageContaining("cannot price");
  }

  @Test
  void softmaxIsOneElementWisePass() throws Exception {
    List<OpSpec> plain = OnnxLowering.lower(OnnxModels.write(dir.resolve("plain.onnx"), OnnxModels.convNet(4, 1, 8,
        1)), Map.of());
    List<OpSpec> ops = OnnxLowering.lower(withHead("sm.onnx", "Softmax", "sm"), Map.of());
    assertThat(ops).hasSize(plain.size() + 1);
    OpSpec last = ops.get(ops.size() - 1);
    assertThat(last.type()).isEqualTo(KernelType.MUL);
    assertThat(last.inputChannels()).isEqualTo(plain.get(plain.size() - 1).outputChannels());
  }

  /** The test conv net with one more node of this op type after its Gemm, writing the graph output. */
  private Path withHead(String file, String opType, String name) throws Exception {
    Onnx.ModelProto m = Onnx.ModelProto.parseFrom(OnnxModels.convNet(4, 1, 8, 1));
    Onnx.GraphProto.Builder g = m.getGraph().toBuilder();
    for (int i = 0; i < g.getNodeCount(); i++) {
      if (g.getNode(i).getOpType().equals("Gemm")) {
        g.setNode(i, g.getNode(i).toBuilder().setOutput(0, "fc_y"));
      }
    }
    g.addNode(Onnx.NodeProto.newBuilder().setOpType(opType).setName(name).addInput("fc_y").addOutput("output"));
    return OnnxModels.write(dir.resolve(file), m.toBuilder().setGraph(g).build().toByteArray());
  }
}
