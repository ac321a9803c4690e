package org.nas4j.profiler;

import java.util.SplittableRandom;
import onnx.Onnx;
import org.nas4j.profiler.onnx.OnnxProtos;

/**
 * The fixed reference workload of the regression gate: a small conv net (3x3 stem to 32 channels, 4 Conv+Relu layers
 * of 32 channels, GlobalAveragePool, Flatten, Gemm; input {@code [1, 3, 32, 32]}; IR 8, opset 13; weights from seed
 * 1). It is timed interleaved with the model, so a machine that is slower now (other processes, frequency, noisy
 * neighbours) slows both alike and the ratio model/calibration cancels it. The bytes never change between versions
 * of nas: a baseline records {@link #sha256()} and is only normalised against the same calibration.
 */
public final class CalibrationModel {
  private static final byte[] BYTES = build();
  private static final String SHA256 = OnnxRuntimeProfiler.sha256(BYTES);

  private CalibrationModel() {}

  /** A copy of the model's bytes. */
  public static byte[] bytes() {
    return BYTES.clone();
  }

  /** SHA-256 (hex) of the model's bytes. */
  public static String sha256() {
    return SHA256;
  }

  private static byte[] build() {
    SplittableRandom random = new SplittableRandom(1);
    int channels = 32;
    Onnx.GraphProto.Builder g = Onnx.GraphProto.newBuilder().setName("nas-calibration");
    g.addInput(OnnxProtos.floatValueInfo("input", 1, 3, 32, 32));
    String x = "input";
    int in = 3;
    for (int i = 0; i <= 4; i++) {
      g.addInitializer(OnnxProtos.randomTensor("w" + i, random, 0.5 / Math.sqrt(9.0 * in), channels, in, 3, 3));
      g.addInitializer(OnnxProtos.randomTensor("b" + i, random, 0.01, channels));
      Onnx.NodeProto.Builder conv = node("Conv", x, "w" + i, "b" + i).setName("conv" + i).addOutput("c" + i);
      conv.addAttribute(OnnxProtos.ints("kernel_shape", 3, 3)).addAttribute(OnnxProtos.ints("pads", 1, 1, 1, 1))
          .addAttribute(OnnxProtos.ints("strides", 1, 1));
      g.addNode(conv);
      g.addNode(node("Relu", "c" + i).setName("relu" + i).addOutput("r" + i));
      x = "r" + i;
      in = channels;
    }
    g.addNode(node("GlobalAveragePool", x).setName("gap").addOutput("gap"));
    g.addNode(node("Flatten", "gap").setName("flatten").addOutput("flat").addAttribute(
        Onnx.AttributeProto.newBuilder().setName("axis").setType(Onnx.AttributeProto.AttributeType.INT).setI(1)));
    g.addInitializer(OnnxProtos.randomTensor("fc_w", random, 1.0 / Math.sqrt(channels), channels, 10));
    g.addInitializer(OnnxProtos.randomTensor("fc_b", random, 0.01, 10));
    g.addNode(node("Gemm", "flat", "fc_w", "fc_b").setName("fc").addOutput("output"));
    g.addOutput(OnnxProtos.floatValueInfo("output", 1, 10));
    return Onnx.ModelProto.newBuilder().setIrVersion(8).setProducerName("nas4j-calibration")
        .addOpsetImport(Onnx.OperatorSetIdProto.newBuilder().setDomain("").setVersion(13)).setGraph(g).build()
        .toByteArray();
  }

  private static Onnx.NodeProto.Builder node(String op, String... inputs) {
    Onnx.NodeProto.Builder n = Onnx.NodeProto.newBuilder().setOpType(op);
    for (String i : inputs) {
      n.addInput(i);
    }
    return n;
  }

}
