package org.nas4j.profiler.predict;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import onnx.Onnx.AttributeProto;
import onnx.Onnx.ModelProto;
import onnx.Onnx.NodeProto;
import org.nas4j.profiler.InvalidModelException;
import org.nas4j.profiler.onnx.InferredGraph;
import org.nas4j.profiler.onnx.InferredNode;
import org.nas4j.profiler.onnx.OnnxModels;
import org.nas4j.profiler.onnx.ShapeInference;
import org.nas4j.profiler.onnx.TensorInfo;

/**
 * Lowers an ONNX model (NCHW, batch 1) to the ops a mobile converter would produce, with the profiler's Java shape
 * inference, so that {@code nas predict MODEL.onnx} uses the same kernels as the architecture lowering
 * ({@code NetSpecLowering} in {@code search}): Conv with the BatchNormalization after it folded and a following
 * Relu/Clip fused (when the Conv's and BN's outputs each have that single consumer); BatchNormalization on anything
 * else is folded too (as the NetSpec lowering does); stand-alone Relu ({@code .dup} when another Relu already read
 * the same tensor); chains of binary Add, where an Add's only consumer is another Add that takes it as its first input,
 * become one n-ary Add (the exporter writes an n-ary sum as such a left-to-right chain; a heuristic for other
 * producers); Mul; Max/AveragePool; GlobalAveragePool; Gemm/MatMul as linear;
 * Concat; Slice. Shape-only ops (Flatten, Reshape, Identity, Constant, Shape, ...) and nodes whose outputs shape
 * inference computed are free. Nodes whose result cannot reach a graph output are {@code .dead}; nodes that do not
 * depend on a graph input, or multiply by a constant zero, are {@code .const}. Stateless and thread-safe.
 */
public final class OnnxLowering {
  private static final Set<String> FREE = Set.of("Flatten", "Reshape", "Identity", "Constant", "Shape", "Squeeze",
      "Unsqueeze", "Dropout", "Cast", "Gather", "ConstantOfShape");

  /**
   * Element-wise ops a runtime executes as one pass over the tensor (activations, arithmetic, softmax); priced as a
   * {@link KernelType#MUL} over the output (broadcast ops such as Add/Mul/Sub/Div are listed by the shape inference).
   */
  private static final Set<String> ELEMENTWISE = Set.of("Sigmoid", "HardSigmoid", "HardSwish", "Tanh", "Elu", "Selu",
      "Celu", "Softplus", "Softsign", "PRelu", "Softmax", "LogSoftmax", "Exp", "Log", "Sqrt", "Reciprocal", "Neg",
      "Abs", "Erf", "Max", "Min", "Mean", "Where", "LRN", "InstanceNormalization", "LayerNormalization");

  private OnnxLowering() {}

  /**
   * Loads, checks, infers shapes of and lowers a model file.
   *
   * @param file the ONNX model
   * @param inputShapes shapes of inputs with dynamic dimensions, by input name (may be empty)
   * @throws InvalidModelException for an unreadable model or an op this lowering does not know, naming the file
   */
  public static List<OpSpec> lower(Path file, Map<String, long[]> inputShapes) {
    String name = file.getFileName().toString();
    ModelProto model = OnnxModels.load(file);
    return lower(ShapeInference.infer(model, name, inputShapes));
  }

  /** Lowers a graph after shape inference. */
  public static List<OpSpec> lower(InferredGraph g) {
    List<InferredNode> nodes = g.nodes();
    Map<String, InferredNode> producer = new HashMap<>();
    Map<String, List<InferredNode>> consumers = new HashMap<>();
    for (InferredNode n : nodes) {
      for (String out : n.node().getOutputList()) {
        producer.put(out, n);
      }
      for (String in : n.node().getInputList()) {
        if (!in.isEmpty()) {
          consumers.computeIfAbsent(in, k -> new ArrayList<>()).add(n);
        }
      }
    }
    Set<String> needed = new HashSet<>();
    g.model().getGraph().getOutputList().forEach(o -> needed.add(o.getName()));
    for (int i = nodes.size() - 1; i >= 0; i--) {
      InferredNode n = nodes.get(i);
      if (n.node().getOutputList().stream().anyMatch(needed::contains) && !zeroMul(n)) {
        n.node().getInputList().forEach(needed::add);
      }
    }
    Set<String> variable = new HashSet<>(g.inputs().keySet());
    Set<String> reluRead = new HashSet<>();
    List<OpSpec> ops = new ArrayList<>();
    for (InferredNode n : nodes) {
      NodeProto p = n.node();
      boolean var = !zeroMul(n) && p.getInputList().stream().anyMatch(variable::contains);
      if (var) {
        variable.addAll(p.getOutputList());
      }
      if (n.folded()) {
        continue;
      }
      OpSpec op = kernel(g.name(), n, producer, consumers, reluRead);
      if (op == null) {
        continue;
      }
      boolean live = p.getOutputList().stream().anyMatch(needed::contains);
      ops.add(!var ? op.asConstant() : live ? op : op.asDead());
    }
    return List.copyOf(ops);
  }

  private static boolean zeroMul(InferredNode n) {
    if (!n.opType().equals("Mul")) {
      return false;
    }
    for (TensorInfo t : n.inputs()) {
      if (t != null && t.floats() != null && t.elements() == 1 && t.doubleAt(0) == 0.0) {
        return true;
      }
    }
    return false;
  }

  private static OpSpec kernel(String file, InferredNode n, Map<String, InferredNode> producer,
      Map<String, List<InferredNode>> consumers, Set<String> reluRead) {
    String type = n.opType();
    TensorInfo x = n.inputs().isEmpty() ? null : n.inputs().get(0);
    TensorInfo y = n.output();
    return switch (type) {
      case "Conv" -> conv(file, n, x);
      case "BatchNormalization" -> null;
      case "Relu", "Clip", "LeakyRelu" -> {
        String in = n.node().getInput(0);
        if (fusedIntoConv(in, producer, consumers)) {
          yield null;
        }
        OpSpec r = OpSpec.of(KernelType.RELU, h(x), w(x), c(x), c(x), 1, 1, 1);
        yield reluRead.add(in) ? r : r.asDuplicate();
      }
      case "Add", "Sum" -> {
        if (absorbedByAdd(n, consumers)) {
          yield null;
        }
        yield new OpSpec(KernelType.ADD, h(y), w(y), c(y), c(y), 1, 1, 1, arity(n, producer, consumers), false,
            false, false);
      }
      case "Mul", "Sub", "Div" -> OpSpec.of(KernelType.MUL, h(y), w(y), c(y), c(y), 1, 1, 1);
      // x * HardSigmoid(x) is how exporters before opset 14 write HardSwish: one kernel, priced at the Mul
      case "HardSigmoid" -> hardSwishHalf(n, consumers) ? null : elementwise(y);
      case "MaxPool", "AveragePool" -> OpSpec.of(KernelType.POOL, h(x), w(x), c(x), c(y),
          (int) ints(n.node(), "kernel_shape", 1)[0], (int) ints(n.node(), "strides", 1)[0], 1);
      case "GlobalAveragePool", "GlobalMaxPool" -> OpSpec.of(KernelType.GLOBAL_POOL, h(x), w(x), c(x), c(x), 1, 1,
          1);
      case "Transpose" -> copy(KernelType.SHUFFLE, x, y);
      case "Gemm", "MatMul" -> {
        TensorInfo wt = n.inputs().get(1);
        boolean transB = type.equals("Gemm") && ints(n.node(), "transB", 0)[0] == 1;
        int in = (int) (transB ? wt.dim(1) : wt.dim(0));
        int out = (int) (transB ? wt.dim(0) : wt.dim(1));
        yield OpSpec.of(KernelType.LINEAR, 1, 1, in, out, 1, 1, 1);
      }
      case "Concat" -> {
        int k = n.node().getInputCount();
        int co = c(y);
        yield new OpSpec(KernelType.CONCAT, h(y), w(y), co % k == 0 ? co / k : co, co, 1, 1, 1, k, false, false,
            false);
      }
      case "Slice" -> OpSpec.of(KernelType.SLICE, h(x), w(x), c(x), c(y), 1, 1, 1);
      case "Split", "Pad", "Expand", "Tile" -> copy(KernelType.SLICE, x, y);
      default -> {
        if (FREE.contains(type)) {
          yield null;
        }
        if (ShapeInference.isReduce(type)) {
          int[] in = flatChw(x);
          yield OpSpec.of(KernelType.GLOBAL_POOL, in[1], in[2], in[0], in[0], 1, 1, 1);
        }
        if (ELEMENTWISE.contains(type) || ShapeInference.isBroadcastBinary(type)) {
          yield elementwise(y);
        }
        throw new InvalidModelException(file + ": node " + n.label() + " has op type " + type
            + ", which the latency predictor cannot price (it lowers convolutions (dense, grouped, depthwise, dilated),"
            + " Gemm/MatMul, pooling, global pooling and Reduce*, Concat/Slice/Split/Pad/Transpose copies, element-wise"
            + " ops and activations, and shape-only ops)");
      }
    };
  }

  private static OpSpec conv(String file, InferredNode n, TensorInfo x) {
    TensorInfo wt = n.inputs().get(1);
    if (x.rank() != 4 || wt.rank() != 4 || x.dim(0) != 1) {
      throw new InvalidModelException(file + ": node " + n.label() + " is not a 2-D NCHW convolution at batch 1"
          + " (input " + x.shapeText() + ")");
    }
    int groups = (int) ints(n.node(), "group", 1)[0];
    int c = c(x);
    int co = (int) wt.dim(0);
    int kh = (int) wt.dim(2);
    int kw = (int) wt.dim(3);
    int stride = (int) ints(n.node(), "strides", 1)[0];
    if (groups > 1 && groups == c && c == co) {
      return OpSpec.of(KernelType.DEPTHWISE, h(x), w(x), c, co, kh, stride, groups);
    }
    if (groups > 1) {
      return OpSpec.of(KernelType.GROUP_CONV, h(x), w(x), c, co, kh, stride, groups);
    }
    if (kh == 1 && kw == 1) {
      return OpSpec.of(KernelType.POINTWISE, h(x), w(x), c, co, 1, stride, 1);
    }
    int k = kh == kw ? kh : (int) Math.round(Math.sqrt((double) kh * kw));
    return OpSpec.of(KernelType.CONV, h(x), w(x), c, co, k, stride, 1);
  }

  private static boolean fusedIntoConv(String tensor, Map<String, InferredNode> producer,
      Map<String, List<InferredNode>> consumers) {
    InferredNode p = producer.get(tensor);
    if (p == null || consumers.getOrDefault(tensor, List.of()).size() != 1) {
      return false;
    }
    if (p.opType().equals("BatchNormalization")) {
      String in = p.node().getInput(0);
      p = producer.get(in);
      if (p == null || consumers.getOrDefault(in, List.of()).size() != 1) {
        return false;
      }
    }
    return p.opType().equals("Conv");
  }

  private static boolean absorbedByAdd(InferredNode n, Map<String, List<InferredNode>> consumers) {
    String out = n.node().getOutput(0);
    List<InferredNode> c = consumers.getOrDefault(out, List.of());
    return c.size() == 1 && c.get(0).opType().equals("Add") && c.get(0).node().getInput(0).equals(out)
        && sameShape(n, c.get(0));
  }

  private static boolean sameShape(InferredNode a, InferredNode b) {
    return java.util.Arrays.equals(a.output().shape(), b.output().shape());
  }

  private static int arity(InferredNode n, Map<String, InferredNode> producer,
      Map<String, List<InferredNode>> consumers) {
    int k = 0;
    for (String in : n.node().getInputList()) {
      InferredNode p = producer.get(in);
      k += p != null && (p.opType().equals("Add") || p.opType().equals("Sum")) && absorbedByAdd(p, consumers)
          ? arity(p, producer, consumers) : 1;
    }
    return k;
  }

  private static long[] ints(NodeProto node, String name, long dflt) {
    for (AttributeProto a : node.getAttributeList()) {
      if (a.getName().equals(name)) {
        if (a.getIntsCount() > 0) {
          return a.getIntsList().stream().mapToLong(Long::longValue).toArray();
        }
        return new long[] {a.getI()};
      }
    }
    return new long[] {dflt};
  }

  /** One element-wise pass over {@code y}. */
  private static OpSpec elementwise(TensorInfo y) {
    int[] out = flatChw(y);
    return OpSpec.of(KernelType.MUL, out[1], out[2], out[0], out[0], 1, 1, 1);
  }

  /** Whether a HardSigmoid's only reader is a Mul of its own input by it (x * hardsigmoid(x) = HardSwish). */
  private static boolean hardSwishHalf(InferredNode n, Map<String, List<InferredNode>> consumers) {
    List<InferredNode> c = consumers.getOrDefault(n.node().getOutput(0), List.of());
    if (c.size() != 1 || !c.get(0).opType().equals("Mul")) {
      return false;
    }
    String x = n.node().getInput(0);
    return c.get(0).node().getInputList().contains(x);
  }

  /** An op that copies {@code x} into {@code y}'s layout (transpose, split, pad, ...), over the input's elements. */
  private static OpSpec copy(KernelType type, TensorInfo x, TensorInfo y) {
    int[] in = flatChw(x);
    int[] out = flatChw(y);
    // outputChannels is chosen so that the output holds as many elements as y (SLICE/SHUFFLE keep height and width)
    long outElems = Math.max(1, y.elements());
    int outC = (int) Math.max(1, Math.round((double) outElems / ((long) in[1] * in[2])));
    return OpSpec.of(type, in[1], in[2], in[0], type == KernelType.SHUFFLE ? in[0] : outC, 1, 1, 1);
  }

  /**
   * A tensor of any rank as channels x height x width with the same element count: the last two dimensions are
   * height and width, the ones between the batch and them are channels (rank 5 [1, g, c/g, h, w] gives g*c/g);
   * rank 3 [1, a, b] gives a x 1 x b; rank 2 [1, n] gives n x 1 x 1.
   */
  static int[] flatChw(TensorInfo t) {
    long[] d = t.shape();
    int r = d.length;
    if (r <= 2) {
      return new int[] {(int) Math.max(1, r == 0 ? 1 : d[r - 1]), 1, 1};
    }
    long c = 1;
    for (int i = 1; i < r - 2; i++) {
      c *= Math.max(1, d[i]);
    }
    long h = r >= 4 ? Math.max(1, d[r - 2]) : 1;
    long w = Math.max(1, d[r - 1]);
    if (r == 3) {
      c = Math.max(1, d[1]);
    }
    return new int[] {(int) c, (int) h, (int) w};
  }

  private static int c(TensorInfo t) {
    return t.rank() >= 2 ? (int) Math.max(1, t.dim(1)) : 1;
  }

  private static int h(TensorInfo t) {
    return t.rank() == 4 ? (int) Math.max(1, t.dim(2)) : 1;
  }

  private static int w(TensorInfo t) {
    return t.rank() == 4 ? (int) Math.max(1, t.dim(3)) : 1;
  }
}
