package org.nas4j.profiler.onnx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import onnx.Onnx.GraphProto;
import onnx.Onnx.ModelProto;
import onnx.Onnx.NodeProto;
import onnx.Onnx.TensorProto;
import onnx.Onnx.TensorShapeProto;
import onnx.Onnx.TypeProto;
import onnx.Onnx.ValueInfoProto;
import org.nas4j.profiler.InvalidModelException;
import org.nas4j.targets.error.InvalidArgumentException;

/**
 * Static shape inference for ONNX graphs (default domain, opsets 7 to 21), written in Java so that profiling needs
 * neither Python nor ONNX Runtime.
 *
 * <p>Every tensor gets a fully static shape: dynamic input dimensions must be given by the caller. Small integer
 * and float tensors (initializers, Constant nodes and everything computed from them and from {@code Shape}) are
 * evaluated, so the Shape → Gather → Unsqueeze → Concat → Reshape chains that exporters emit resolve to concrete
 * shapes. After inference the shapes declared in the model ({@code graph.output} and {@code value_info}) are
 * checked against the computed ones.
 *
 * <p>Stateless and thread-safe; the model is not modified.
 */
public final class ShapeInference {
  private static final int MAX_NODES_LISTED = 3;

  private ShapeInference() {}

  /** The op types (default ONNX domain) that have a shape rule, sorted. */
  public static Set<String> supportedOpTypes() {
    return OpShapes.SUPPORTED;
  }

  /** Whether the op type is one of the Reduce* family (ReduceMean, ReduceMax, ...). */
  public static boolean isReduce(String opType) {
    return OpShapes.REDUCE.contains(opType);
  }

  /** Whether the op type is an element-wise binary op with numpy broadcasting (Add, Mul, Pow, Equal, ...). */
  public static boolean isBroadcastBinary(String opType) {
    return OpShapes.BROADCAST.contains(opType);
  }

  /**
   * Infers the shape of every tensor in {@code model}.
   *
   * @param model a model that passed {@link OnnxModels#check}
   * @param name the label that starts every error message (the file name)
   * @param inputShapes shapes for graph inputs by name, required for inputs with dynamic dimensions and checked
   *     against the static ones; may be empty
   * @throws UnsupportedOperatorException if any node's op type has no shape rule (all are listed)
   * @throws InvalidModelException if a node's inputs are inconsistent (e.g. Conv channels) or a declared shape
   *     differs from the computed one
   * @throws InvalidArgumentException if {@code inputShapes} names an unknown input or disagrees with the model, or
   *     a dynamic input dimension has no shape
   */
  public static InferredGraph infer(ModelProto model, String name, Map<String, long[]> inputShapes) {
    GraphProto g = model.getGraph();
    long opset = OnnxModels.defaultOpset(model, name);
    rejectUnsupported(g, name);

    Map<String, TensorInfo> tensors = new HashMap<>();
    Set<String> constant = new HashSet<>();
    for (TensorProto t : g.getInitializerList()) {
      try {
        tensors.put(t.getName(), Tensors.fromProto(t));
      } catch (ShapeException e) {
        throw new InvalidModelException(name + ": initializer '" + t.getName() + "': " + e.getMessage());
      }
      constant.add(t.getName());
    }
    Map<String, TensorInfo> inputs = resolveInputs(g, name, inputShapes, tensors);
    tensors.putAll(inputs);

    List<InferredNode> nodes = new ArrayList<>();
    for (int i = 0; i < g.getNodeCount(); i++) {
      NodeProto n = g.getNode(i);
      List<TensorInfo> ins = new ArrayList<>();
      boolean allConstant = true;
      for (String in : n.getInputList()) {
        ins.add(in.isEmpty() ? null : tensors.get(in));
        allConstant &= in.isEmpty() || constant.contains(in);
      }
      List<TensorInfo> outs;
      try {
        outs = OpShapes.infer(new NodeCtx(n, opset, ins));
      } catch (ShapeException | ArithmeticException e) {
        throw new InvalidModelException(name + ": node " + OnnxModels.nodeLabel(n, i) + " (" + n.getOpType() + "): "
            + e.getMessage());
      }
      List<TensorInfo> assigned = new ArrayList<>();
      boolean allValues = true;
      for (int k = 0; k < n.getOutputCount(); k++) {
        String out = n.getOutput(k);
        if (out.isEmpty()) {
          assigned.add(null);
          continue;
        }
        if (k >= outs.size()) {
          throw new InvalidModelException(name + ": node " + OnnxModels.nodeLabel(n, i) + " (" + n.getOpType()
              + ") has " + n.getOutputCount() + " outputs but the op defines only " + outs.size());
        }
        TensorInfo t = outs.get(k);
        tensors.put(out, t);
        assigned.add(t);
        allValues &= t.hasValue();
      }
      boolean folded = allConstant || allValues;
      if (folded) {
        for (String out : n.getOutputList()) {
          constant.add(out);
        }
      }
      nodes.add(new InferredNode(i, n, ins, assigned, folded));
    }
    checkDeclared(g.getOutputList(), "output", name, tensors);
    checkDeclared(g.getValueInfoList(), "value_info", name, tensors);
    return new InferredGraph(name, model, opset, inputs, tensors, nodes);
  }

  private static void rejectUnsupported(GraphProto g, String name) {
    Map<String, List<String>> bad = new TreeMap<>();
    for (int i = 0; i < g.getNodeCount(); i++) {
      NodeProto n = g.getNode(i);
      String domain = n.getDomain();
      boolean defaultDomain = domain.isEmpty() || domain.equals("ai.onnx");
      if (!defaultDomain || !OpShapes.SUPPORTED.contains(n.getOpType())) {
        String op = defaultDomain ? n.getOpType() : domain + "::" + n.getOpType();
        bad.computeIfAbsent(op, k -> new ArrayList<>())
            .add(n.getName().isEmpty() ? "#" + i : n.getName());
      }
    }
    if (bad.isEmpty()) {
      return;
    }
    StringBuilder sb = new StringBuilder(name).append(": cannot profile ").append(bad.size())
        .append(bad.size() == 1 ? " op type" : " op types").append(" without a shape rule: ");
    boolean first = true;
    for (Map.Entry<String, List<String>> e : bad.entrySet()) {
      List<String> ns = e.getValue();
      sb.append(first ? "" : "; ").append(e.getKey()).append(ns.size() == 1 ? " (node " : " (nodes ");
      for (int i = 0; i < Math.min(ns.size(), MAX_NODES_LISTED); i++) {
        sb.append(i == 0 ? "" : ", ").append('\'').append(ns.get(i)).append('\'');
      }
      if (ns.size() > MAX_NODES_LISTED) {
        sb.append(" and ").append(ns.size() - MAX_NODES_LISTED).append(" more");
      }
      sb.append(')');
      first = false;
    }
    sb.append(" (supported op types are listed in docs/profile.md)");
    throw new UnsupportedOperatorException(sb.toString(), bad);
  }

  private static Map<String, TensorInfo> resolveInputs(GraphProto g, String name, Map<String, long[]> given,
      Map<String, TensorInfo> initializers) {
    Map<String, TensorInfo> inputs = new LinkedHashMap<>();
    List<String> names = new ArrayList<>();
    for (ValueInfoProto in : g.getInputList()) {
      if (!initializers.containsKey(in.getName())) {
        names.add(in.getName());
      }
    }
    for (String k : given.keySet()) {
      if (!names.contains(k)) {
        throw new InvalidArgumentException(name + ": --shape names '" + k + "', which is not an input of the model"
            + " (inputs: " + String.join(", ", names) + ")");
      }
    }
    for (ValueInfoProto in : g.getInputList()) {
      String n = in.getName();
      if (initializers.containsKey(n)) {
        continue;
      }
      TypeProto type = in.getType();
      if (!type.hasTensorType()) {
        throw new InvalidModelException(name + ": input '" + n + "' is not a tensor; only tensor inputs are supported");
      }
      TypeProto.Tensor tt = type.getTensorType();
      long[] override = given.get(n);
      if (!tt.hasShape()) {
        if (override == null) {
          throw new InvalidArgumentException(name + ": input '" + n + "' has no declared shape; give it with --shape "
              + n + "=DIMS, e.g. --shape " + n + "=1x3x224x224");
        }
        inputs.put(n, TensorInfo.of(tt.getElemType(), override));
        continue;
      }
      List<TensorShapeProto.Dimension> dims = tt.getShape().getDimList();
      long[] shape = new long[dims.size()];
      String dynamic = null;
      StringBuilder declared = new StringBuilder();
      for (int i = 0; i < shape.length; i++) {
        TensorShapeProto.Dimension d = dims.get(i);
        String text;
        if (d.hasDimValue() && d.getDimValue() >= 0) {
          shape[i] = d.getDimValue();
          text = Long.toString(shape[i]);
        } else {
          shape[i] = -1;
          text = d.hasDimParam() && !d.getDimParam().isEmpty() ? d.getDimParam() : "?";
          if (dynamic == null) {
            dynamic = text;
          }
        }
        declared.append(i == 0 ? "" : "x").append(text);
      }
      if (override != null) {
        if (override.length != shape.length) {
          throw new InvalidArgumentException(name + ": --shape " + n + "=" + TensorInfo.shapeText(override)
              + " has rank " + override.length + " but the input is declared as " + declared + " (rank "
              + shape.length + ")");
        }
        for (int i = 0; i < shape.length; i++) {
          if (shape[i] >= 0 && shape[i] != override[i]) {
            throw new InvalidArgumentException(name + ": --shape " + n + "=" + TensorInfo.shapeText(override)
                + " conflicts with the declared shape " + declared + " at axis " + i);
          }
        }
        inputs.put(n, TensorInfo.of(tt.getElemType(), override));
      } else if (dynamic != null) {
        long[] example = shape.clone();
        for (int i = 0; i < example.length; i++) {
          example[i] = example[i] < 0 ? 1 : example[i];
        }
        throw new InvalidArgumentException(name + ": input '" + n + "' has dynamic dimension '" + dynamic
            + "' (declared " + declared + "); give its shape with --shape " + n + "="
            + TensorInfo.shapeText(example));
      } else {
        inputs.put(n, TensorInfo.of(tt.getElemType(), shape));
      }
    }
    return inputs;
  }

  private static void checkDeclared(List<ValueInfoProto> declared, String what, String name,
      Map<String, TensorInfo> tensors) {
    for (ValueInfoProto v : declared) {
      TensorInfo t = tensors.get(v.getName());
      if (t == null || !v.getType().hasTensorType() || !v.getType().getTensorType().hasShape()) {
        continue;
      }
      List<TensorShapeProto.Dimension> dims = v.getType().getTensorType().getShape().getDimList();
      boolean mismatch = dims.size() != t.rank();
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < dims.size(); i++) {
        TensorShapeProto.Dimension d = dims.get(i);
        boolean fixed = d.hasDimValue();
        text.append(i == 0 ? "" : "x").append(fixed ? Long.toString(d.getDimValue()) : d.getDimParam().isEmpty()
            ? "?" : d.getDimParam());
        if (fixed && i < t.rank() && d.getDimValue() != t.dim(i)) {
          mismatch = true;
        }
      }
      if (mismatch) {
        throw new InvalidModelException(name + ": " + what + " '" + v.getName() + "' is declared as "
            + (dims.isEmpty() ? "scalar" : text) + " but the graph computes " + t.shapeText());
      }
    }
  }

  /**
   * Parses {@code NAME=1x3x224x224} (as given to {@code --shape}) into a name and dims.
   *
   * @throws InvalidArgumentException naming the text if it is malformed
   */
  public static Map.Entry<String, long[]> parseShapeOption(String text) {
    int eq = text.lastIndexOf('=');
    if (eq <= 0 || eq == text.length() - 1) {
      throw new InvalidArgumentException("--shape '" + text + "' must look like NAME=1x3x224x224");
    }
    String[] parts = text.substring(eq + 1).split("[x,]", -1);
    long[] dims = new long[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        dims[i] = Long.parseLong(parts[i].strip());
      } catch (NumberFormatException e) {
        throw new InvalidArgumentException("--shape '" + text + "': '" + parts[i] + "' is not a dimension;"
            + " use NAME=1x3x224x224");
      }
      if (dims[i] < 1) {
        throw new InvalidArgumentException("--shape '" + text + "': dimensions must be >= 1, got " + dims[i]);
      }
    }
    return Map.entry(text.substring(0, eq), dims);
  }

  static String text(long[] v) {
    return Arrays.toString(v);
  }
}
