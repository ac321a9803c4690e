package org.nas4j.profiler.flops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nas4j.profiler.onnx.TestGraph.attr;
import static org.nas4j.profiler.onnx.TestGraph.attrs;

import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.nas4j.profiler.onnx.TestGraph;

/** Counting conventions on small graphs whose counts are worked out by hand in each test. */
class FlopCounterTest {
  private static ModelProfile count(TestGraph g) {
    return FlopCounter.count(g.infer());
  }

  private static NodeProfile node(ModelProfile p, String opType) {
    return p.nodes().stream().filter(n -> n.opType().equals(opType)).findFirst().orElseThrow();
  }

  @Test
  void convMacsFlopsAndParams() {
    // y = Relu(Conv(x)): 4 out channels x 8x8 outputs x (3 in channels x 3x3 kernel) = 256 x 27 MACs.
    ModelProfile p = count(TestGraph.opset(13).input("x", 1, 3, 8, 8).weight("w", 4, 3, 3, 3).weight("b", 4)
        .node("Conv", "x,w,b", "y", attrs("pads", 1, 1, 1, 1)).node("Relu", "y", "z").output("z"));
    assertThat(p.macs()).isEqualTo(256 * 27);
    assertThat(node(p, "Conv").flops()).isEqualTo(2 * 256 * 27);
    assertThat(node(p, "Relu").flops()).isEqualTo(256);
    assertThat(p.flops()).isEqualTo(2 * 256 * 27 + 256);
    assertThat(p.params()).isEqualTo(4 * 27 + 4);
    assertThat(node(p, "Conv").params()).isEqualTo(112);
    assertThat(p.activationBytes()).isEqualTo(2 * 256 * 4);
  }

  @Test
  void groupedConvCountsOnlyTheChannelsOfItsGroup() {
    // Depthwise: each of 16x10x10 outputs reads one channel's 3x3 window.
    ModelProfile dw = count(TestGraph.opset(13).input("x", 1, 16, 10, 10).weight("w", 16, 1, 3, 3)
        .node("Conv", "x,w", "y", attr("group", 16L), attrs("pads", 1, 1, 1, 1)).output("y"));
    assertThat(dw.macs()).isEqualTo(1600 * 9);
    // Two groups: each output reads 4 of the 8 input channels.
    ModelProfile g2 = count(TestGraph.opset(13).input("x", 2, 8, 5, 5).weight("w", 6, 4, 1, 1)
        .node("Conv", "x,w", "y", attr("group", 2L)).output("y"));
    assertThat(g2.macs()).isEqualTo(2 * 6 * 25 * 4);
  }

  @Test
  void convTransposeCountsPerInputElement() {
    // Each of 16x7x7 inputs is scattered into 8 output channels x 4x4 kernel.
    ModelProfile p = count(TestGraph.opset(13).input("x", 1, 16, 7, 7).weight("w", 16, 8, 4, 4)
        .node("ConvTranspose", "x,w", "y", attrs("strides", 2, 2), attrs("pads", 1, 1, 1, 1)).output("y"));
    assertThat(p.macs()).isEqualTo(16 * 49 * 8 * 16);
  }

  @Test
  void gemmAndBatchedMatMul() {
    ModelProfile gemm = count(TestGraph.opset(13).input("a", 2, 64).weight("w", 10, 64).weight("c", 10)
        .node("Gemm", "a,w,c", "y", attr("transB", 1L)).output("y"));
    assertThat(gemm.macs()).isEqualTo(2 * 10 * 64);
    assertThat(gemm.flops()).isEqualTo(2 * 2 * 10 * 64);
    ModelProfile transA = count(TestGraph.opset(13).input("a", 64, 2).weight("w", 64, 10)
        .node("Gemm", "a,w", "y", attr("transA", 1L)).output("y"));
    assertThat(transA.macs()).isEqualTo(2 * 10 * 64);
    // [2,1,3,4] x [5,4,6] -> [2,5,3,6]: 180 outputs, K = 4.
    ModelProfile mm = count(TestGraph.opset(13).input("a", 2, 1, 3, 4).input("b", 5, 4, 6)
        .node("MatMul", "a,b", "y").output("y"));
    assertThat(mm.macs()).isEqualTo(180 * 4);
  }

  @Test
  void elementwiseNormalisationPoolingAndReductionCountOnePerOutputElement() {
    ModelProfile p = count(TestGraph.opset(13).input("x", 1, 4, 6, 6).weight("s", 4).weight("b", 4)
        .weight("m", 4).weight("v", 4).node("BatchNormalization", "x,s,b,m,v", "bn")
        .node("MaxPool", "bn", "mp", attrs("kernel_shape", 2, 2), attrs("strides", 2, 2))
        .node("HardSwish", "mp", "hs").node("Mul", "hs,mp", "mul")
        .node("GlobalAveragePool", "mul", "gap").node("ReduceMean", "mul", "rm", attrs("axes", 1))
        .node("Flatten", "gap", "flat").node("Softmax", "flat", "sm").output("sm"));
    Map<String, Long> flops = p.nodes().stream().collect(Collectors.toMap(NodeProfile::opType, NodeProfile::flops));
    assertThat(flops).containsEntry("BatchNormalization", 144L).containsEntry("MaxPool", 36L)
        .containsEntry("HardSwish", 36L).containsEntry("Mul", 36L).containsEntry("GlobalAveragePool", 4L)
        .containsEntry("ReduceMean", 9L).containsEntry("Flatten", 0L).containsEntry("Softmax", 4L);
    assertThat(p.macs()).isZero();
    assertThat(p.flops()).isEqualTo(144 + 36 + 36 + 36 + 4 + 9 + 4);
    assertThat(p.params()).isEqualTo(16);
  }

  @Test
  void foldedShapeArithmeticCountsNothing() {
    ModelProfile p = count(TestGraph.opset(13).input("x", 1, 8, 4, 4).node("Shape", "x", "s").ints("i", 0)
        .node("Gather", "s,i", "n").ints("m1", -1).node("Concat", "n,m1", "t", attr("axis", 0L))
        .node("Reshape", "x,t", "y").node("Constant", "", "k", attrs("value_ints", 1, 2, 3))
        .node("Relu", "y", "z").output("z"));
    assertThat(p.foldedNodeCount()).isEqualTo(4);
    assertThat(p.nodes().stream().filter(NodeProfile::folded).mapToLong(NodeProfile::outputBytes).sum()).isZero();
    assertThat(p.flops()).isEqualTo(128);
    assertThat(p.constantElements()).isEqualTo(3);
    assertThat(p.params()).as("initializers i and m1; the Constant is not a param").isEqualTo(2);
    assertThat(p.activationBytes()).isEqualTo(2 * 128 * 4);
  }

  @Test
  void sharedAndAliasedInitializersAreCountedOnce() {
    // torch.onnx de-duplicates equal initializers and re-introduces them through Identity nodes.
    ModelProfile p = count(TestGraph.opset(13).input("x", 1, 4, 5, 5).weight("w", 4, 4, 1, 1).weight("b", 4)
        .node("Identity", "b", "b2").node("Conv", "x,w,b", "y").node("Conv", "y,w,b2", "z").output("z"));
    assertThat(p.params()).isEqualTo(16 + 4);
    assertThat(p.nodes().get(0).folded()).isTrue();
    assertThat(p.nodes().get(0).params()).isZero();
    assertThat(p.nodes().get(1).params()).isEqualTo(20);
    assertThat(p.nodes().get(2).params()).isZero();
    assertThat(p.opTypes().stream().mapToLong(OpTypeProfile::params).sum()).isEqualTo(p.params());
  }

  @Test
  void peakActivationFollowsLiveTensors() {
    // x(16 B) -> a = Relu(x), b = Relu(x), c = Add(a, b): x, a and b are live together (48 B).
    ModelProfile p = count(TestGraph.opset(13).input("x", 1, 4).node("Relu", "x", "a").node("Relu", "x", "b")
        .node("Add", "a,b", "c").output("c"));
    assertThat(p.activationBytes()).isEqualTo(48);
    assertThat(p.peakActivationBytes()).isEqualTo(48);
    // A chain frees each tensor after use: never more than two 16-byte tensors live.
    ModelProfile chain = count(TestGraph.opset(13).input("x", 1, 4).node("Relu", "x", "a").node("Relu", "a", "b")
        .node("Relu", "b", "c").node("Relu", "c", "d").output("d"));
    assertThat(chain.activationBytes()).isEqualTo(64);
    assertThat(chain.peakActivationBytes()).isEqualTo(32);
  }

  @Test
  void opTypesAreSortedByFlopsAndSumToTheTotals() {
    ModelProfile p = count(TestGraph.opset(13).input("x", 1, 3, 8, 8).weight("w", 4, 3, 3, 3)
        .node("Conv", "x,w", "y").node("Relu", "y", "r").node("Sigmoid", "r", "s").node("Mul", "r,s", "z")
        .output("z"));
    assertThat(p.opTypes().get(0).opType()).isEqualTo("Conv");
    assertThat(p.opTypes().stream().mapToLong(OpTypeProfile::flops).sum()).isEqualTo(p.flops());
    assertThat(p.opTypes().stream().mapToLong(OpTypeProfile::macs).sum()).isEqualTo(p.macs());
    assertThat(p.opTypes().stream().mapToLong(OpTypeProfile::count).sum()).isEqualTo(p.nodeCount());
  }
}
