package org.nas4j.profiler.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import onnx.Onnx;
import org.nas4j.profiler.onnx.OnnxProtos;

/**
 * Small ONNX models built with the {@code onnx.Onnx} protobuf builders (IR 8, opset 13), for tests and benchmark
 * scripts: a stack of Conv+Relu layers, GlobalAveragePool, Flatten and Gemm with random weights stored as
 * {@code raw_data}, plus deliberately broken variants. Deterministic for a given seed.
 *
 * <p>Command line (used by the benchmark scripts): {@code OnnxModels OUT.onnx CHANNELS LAYERS SIZE [SEED]}.
 */
public final class OnnxModels {

  private OnnxModels() {}

  /** Writes a conv net: {@code OnnxModels OUT CHANNELS LAYERS SIZE [SEED]}. */
  public static void main(String... args) throws IOException {
    if (args.length < 4) {
      System.err.println("usage: OnnxModels OUT.onnx CHANNELS LAYERS SIZE [SEED]");
      System.exit(2);
    }
    long seed = args.length > 4 ? Long.parseLong(args[4]) : 1;
    write(Path.of(args[0]), convNet(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
        seed));
  }

  /** Writes the bytes to a file, creating folders. */
  public static Path write(Path file, byte[] model) throws IOException {
    if (file.toAbsolutePath().getParent() != null) {
      Files.createDirectories(file.toAbsolutePath().getParent());
    }
    Files.write(file, model);
    return file;
  }

  /**
   * A conv net on a {@code [1, 3, size, size]} float input named "input": a 3x3 stem conv to {@code channels}, then
   * {@code layers} 3x3 Conv+Relu layers of {@code channels} channels, GlobalAveragePool, Flatten, Gemm to 10 outputs.
   * Work grows linearly with {@code layers} and quadratically with {@code channels}.
   */
  public static byte[] convNet(int channels, int layers, int size, long seed) {
    return convNetModel(channels, layers, size, seed, channels, false).toByteArray();
  }

  /** Same as {@link #convNet} but the input's batch dimension is the symbolic "N". */
  public static byte[] dynamicBatchConvNet(int channels, int layers, int size, long seed) {
    return convNetModel(channels, layers, size, seed, channels, true).toByteArray();
  }

  /**
   * A conv net whose second conv's weight has {@code channels / 2} input channels: a valid protobuf that ONNX Runtime
   * loads, which fails only at run() ("Input channels C is not equal to kernel channels * group").
   */
  public static byte[] wrongInChannels(int channels, int size) {
    return convNetModel(channels, 2, size, 1, channels / 2, false).toByteArray();
  }

  /** A model whose only node reads a tensor nothing produces. */
  public static byte[] danglingInput() {
    Onnx.GraphProto.Builder g = Onnx.GraphProto.newBuilder().setName("dangling");
    g.addInput(OnnxProtos.floatValueInfo("input", 1, 3, 8, 8));
    g.addNode(node("Relu", "relu0", new String[] {"nowhere"}, "output"));
    g.addOutput(OnnxProtos.floatValueInfo("output", 1, 3, 8, 8));
    return model(g).toByteArray();
  }

  private static Onnx.ModelProto convNetModel(int channels, int layers, int size, long seed, int secondInChannels,
      boolean dynamicBatch) {
    SplittableRandom random = new SplittableRandom(seed);
    Onnx.GraphProto.Builder g = Onnx.GraphProto.newBuilder().setName("convnet");
    Onnx.ValueInfoProto.Builder in = OnnxProtos.floatValueInfo("input", 1, 3, size, size);
    if (dynamicBatch) {
      in.getTypeBuilder().getTensorTypeBuilder().getShapeBuilder().getDimBuilder(0).clearDimValue().setDimParam("N");
    }
    g.addInput(in);
    String x = "input";
    int inChannels = 3;
    for (int i = 0; i <= layers; i++) {
      int wIn = i == 1 ? secondInChannels : inChannels;
      String w = "w" + i;
      String b = "b" + i;
      g.addInitializer(OnnxProtos.randomTensor(w, random, 0.5 / Math.sqrt(9.0 * wIn), channels, wIn, 3, 3));
      g.addInitializer(OnnxProtos.randomTensor(b, random, 0.01, channels));
      Onnx.NodeProto.Builder conv = node("Conv", "conv" + i, new String[] {x, w, b}, "conv" + i + "_y");
      conv.addAttribute(OnnxProtos.ints("kernel_shape", 3, 3));
      conv.addAttribute(OnnxProtos.ints("pads", 1, 1, 1, 1));
      conv.addAttribute(OnnxProtos.ints("strides", 1, 1));
      g.addNode(conv);
      g.addNode(node("Relu", "relu" + i, new String[] {"conv" + i + "_y"}, "relu" + i + "_y"));
      x = "relu" + i + "_y";
      inChannels = channels;
    }
    g.addNode(node("GlobalAveragePool", "gap", new String[] {x}, "gap_y"));
    Onnx.NodeProto.Builder flatten = node("Flatten", "flatten", new String[] {"gap_y"}, "flat_y");
    flatten.addAttribute(Onnx.AttributeProto.newBuilder().setName("axis").setType(Onnx.AttributeProto
        .AttributeType.INT).setI(1));
    g.addNode(flatten);
    g.addInitializer(OnnxProtos.randomTensor("fc_w", random, 1.0 / Math.sqrt(channels), channels, 10));
    g.addInitializer(OnnxProtos.randomTensor("fc_b", random, 0.01, 10));
    g.addNode(node("Gemm", "fc", new String[] {"flat_y", "fc_w", "fc_b"}, "output"));
    Onnx.ValueInfoProto.Builder out = OnnxProtos.floatValueInfo("output", 1, 10);
    if (dynamicBatch) {
      out.getTypeBuilder().getTensorTypeBuilder().getShapeBuilder().getDimBuilder(0).clearDimValue().setDimParam("N");
    }
    g.addOutput(out);
    return model(g);
  }

  private static Onnx.ModelProto model(Onnx.GraphProto.Builder g) {
    return Onnx.ModelProto.newBuilder()
        .setIrVersion(8)
        .setProducerName("nas4j-tests")
        .addOpsetImport(Onnx.OperatorSetIdProto.newBuilder().setDomain("").setVersion(13))
        .setGraph(g)
        .build();
  }

  private static Onnx.NodeProto.Builder node(String op, String name, String[] inputs, String output) {
    Onnx.NodeProto.Builder n = Onnx.NodeProto.newBuilder().setOpType(op).setName(name).addOutput(output);
    for (String i : inputs) {
      n.addInput(i);
    }
    return n;
  }

}
