package org.nas4j.search.export;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import onnx.Onnx;
import org.nas4j.search.space.InputShape;

/**
 * Verifies an exported model before it is written: (1) structure — IR version and opset, unique tensor names,
 * every node input defined earlier (topological order), float initializers whose raw data matches their dims;
 * (2) shapes — a shape inference over the op set the exporter uses that checks every weight against its input
 * (Conv in-channels x group, BatchNormalization and Gemm sizes, Add and Concat operands) and the output
 * {@code [1, classes]}; (3) an ONNX Runtime session and one dry run on a zero input, whose output must have that
 * shape and be finite. Stateless and thread-safe; ONNX Runtime runs with 1 intra-op thread.
 */
public final class OnnxVerifier {
  private OnnxVerifier() {}

  /**
   * Runs all checks.
   *
   * @throws ExportException naming the first problem found
   */
  public static void verify(Onnx.ModelProto model, byte[] bytes, InputShape input, int classes) {
    checkStructure(model);
    long[] out = inferShapes(model, input);
    if (!Arrays.equals(out, new long[] {1, classes})) {
      throw new ExportException("exported model computes output shape " + Arrays.toString(out) + ", expected [1, "
          + classes + "]");
    }
    float[] y = run(bytes, new float[input.channels() * input.height() * input.width()], input);
    if (y.length != classes) {
      throw new ExportException("ONNX Runtime dry run returned " + y.length + " values, expected " + classes);
    }
    for (float v : y) {
      if (!Float.isFinite(v)) {
        throw new ExportException("ONNX Runtime dry run returned a non-finite logit: " + v);
      }
    }
  }

  /** Structural checks (names, topological order, initializer sizes, versions). */
  static void checkStructure(Onnx.ModelProto model) {
    if (model.getIrVersion() != OnnxExporter.IR_VERSION) {
      throw new ExportException("IR version " + model.getIrVersion() + " != " + OnnxExporter.IR_VERSION);
    }
    if (model.getOpsetImportCount() != 1 || model.getOpsetImport(0).getVersion() != OnnxExporter.OPSET) {
      throw new ExportException("opset import must be exactly default-domain " + OnnxExporter.OPSET);
    }
    Onnx.GraphProto g = model.getGraph();
    Set<String> defined = new HashSet<>();
    for (Onnx.ValueInfoProto in : g.getInputList()) {
      define(defined, in.getName(), "graph input");
    }
    for (Onnx.TensorProto t : g.getInitializerList()) {
      define(defined, t.getName(), "initializer");
      long n = 1;
      for (long d : t.getDimsList()) {
        n *= d;
      }
      if (t.getDataType() != Onnx.TensorProto.DataType.FLOAT_VALUE || t.getRawData().size() != 4 * n) {
        throw new ExportException("initializer " + t.getName() + " has " + t.getRawData().size()
            + " bytes of type " + t.getDataType() + ", expected " + 4 * n + " bytes of float");
      }
    }
    Set<String> nodeNames = new HashSet<>();
    for (Onnx.NodeProto n : g.getNodeList()) {
      if (!nodeNames.add(n.getName())) {
        throw new ExportException("node name " + n.getName() + " is used twice");
      }
      for (String in : n.getInputList()) {
        if (!defined.contains(in)) {
          throw new ExportException("node " + n.getName() + " (" + n.getOpType() + ") reads " + in
              + ", which is not defined before it");
        }
      }
      for (String out : n.getOutputList()) {
        define(defined, out, "output of " + n.getName());
      }
    }
    for (Onnx.ValueInfoProto out : g.getOutputList()) {
      if (!defined.contains(out.getName())) {
        throw new ExportException("graph output " + out.getName() + " is never computed");
      }
    }
  }

  private static void define(Set<String> defined, String name, String what) {
    if (name.isEmpty() || !defined.add(name)) {
      throw new ExportException("tensor name '" + name + "' (" + what + ") is empty or defined twice");
    }
  }

  /** Infers NCHW / NC shapes through the graph, checking weights; returns the shape of the first graph output. */
  static long[] inferShapes(Onnx.ModelProto model, InputShape input) {
    Onnx.GraphProto g = model.getGraph();
    Map<String, long[]> shape = new HashMap<>();
    Map<String, long[]> dims = new HashMap<>();
    for (Onnx.TensorProto t : g.getInitializerList()) {
      dims.put(t.getName(), t.getDimsList().stream().mapToLong(Long::longValue).toArray());
    }
    shape.put(g.getInput(0).getName(), new long[] {1, input.channels(), input.height(), input.width()});
    Map<String, Onnx.TensorProto> constants = new HashMap<>();
    for (Onnx.NodeProto n : g.getNodeList()) {
      String where = n.getOpType() + " node " + n.getName();
      long[] x = n.getInputCount() > 0 ? shape.get(n.getInput(0)) : null;
      long[] y;
      switch (n.getOpType()) {
        case "Constant" -> {
          constants.put(n.getOutput(0), n.getAttribute(0).getT());
          y = n.getAttribute(0).getT().getDimsList().stream().mapToLong(Long::longValue).toArray();
        }
        case "Relu" -> y = x;
        case "Mul" -> {
          long[] b = shape.get(n.getInput(1));
          if (b == null || b.length != 0) {
            throw new ExportException(where + ": expected a scalar second operand");
          }
          y = x;
        }
        case "Conv" -> {
          long[] w = dims.get(n.getInput(1));
          long group = attrInt(n, "group", 1);
          if (w == null || w.length != 4) {
            throw new ExportException(where + ": weight is not a 4-D initializer");
          }
          if (w[1] * group != x[1]) {
            throw new ExportException(where + ": input has " + x[1] + " channels but weight " + Arrays.toString(w)
                + " with group " + group + " expects " + w[1] * group);
          }
          long[] k = attrInts(n, "kernel_shape");
          if (k[0] != w[2] || k[1] != w[3]) {
            throw new ExportException(where + ": kernel_shape " + Arrays.toString(k) + " != weight "
                + Arrays.toString(w));
          }
          y = window(where, x, w[0], k, attrInts(n, "strides"), attrInts(n, "pads"), attrInts(n, "dilations"));
        }
        case "MaxPool", "AveragePool" -> y = window(where, x, x[1], attrInts(n, "kernel_shape"),
            attrInts(n, "strides"), attrInts(n, "pads"), new long[] {1, 1});
        case "BatchNormalization" -> {
          for (int i = 1; i <= 4; i++) {
            long[] p = dims.get(n.getInput(i));
            if (p == null || p.length != 1 || p[0] != x[1]) {
              throw new ExportException(where + ": parameter " + n.getInput(i) + " has shape "
                  + Arrays.toString(p) + ", expected [" + x[1] + "]");
            }
          }
          y = x;
        }
        case "Slice" -> {
          long[] starts = longValues(constants.get(n.getInput(1)));
          long[] axes = longValues(constants.get(n.getInput(3)));
          y = x.clone();
          for (int i = 0; i < axes.length; i++) {
            y[(int) axes[i]] = Math.max(0, x[(int) axes[i]] - starts[i]);
          }
        }
        case "Add" -> {
          long[] b = shape.get(n.getInput(1));
          if (!Arrays.equals(x, b)) {
            throw new ExportException(where + ": operands " + Arrays.toString(x) + " and " + Arrays.toString(b)
                + " differ");
          }
          y = x;
        }
        case "Concat" -> {
          y = x.clone();
          y[1] = 0;
          for (String in : n.getInputList()) {
            long[] s = shape.get(in);
            if (s.length != 4 || s[2] != x[2] || s[3] != x[3]) {
              throw new ExportException(where + ": operand " + in + " " + Arrays.toString(s)
                  + " does not match " + Arrays.toString(x));
            }
            y[1] += s[1];
          }
        }
        case "GlobalAveragePool" -> y = new long[] {x[0], x[1], 1, 1};
        case "Flatten" -> y = new long[] {x[0], Arrays.stream(x).skip(1).reduce(1, (a, b) -> a * b)};
        case "Gemm" -> {
          long[] w = dims.get(n.getInput(1));
          long[] b = dims.get(n.getInput(2));
          if (x.length != 2 || w == null || w.length != 2 || w[0] != x[1] || b == null || b.length != 1
              || b[0] != w[1]) {
            throw new ExportException(where + ": input " + Arrays.toString(x) + ", weight " + Arrays.toString(w)
                + " and bias " + Arrays.toString(b) + " do not fit");
          }
          y = new long[] {x[0], w[1]};
        }
        default -> throw new ExportException(where + ": op type not produced by this exporter");
      }
      for (long d : y) {
        if (d < 0) {
          throw new ExportException(where + ": negative output dimension " + Arrays.toString(y));
        }
      }
      shape.put(n.getOutput(0), y);
    }
    return shape.get(g.getOutput(0).getName());
  }

  private static long[] window(String where, long[] x, long outC, long[] k, long[] s, long[] p, long[] d) {
    long h = Math.floorDiv(x[2] + p[0] + p[2] - d[0] * (k[0] - 1) - 1, s[0]) + 1;
    long w = Math.floorDiv(x[3] + p[1] + p[3] - d[1] * (k[1] - 1) - 1, s[1]) + 1;
    if (h < 1 || w < 1) {
      throw new ExportException(where + ": empty output for input " + Arrays.toString(x));
    }
    return new long[] {x[0], outC, h, w};
  }

  private static long attrInt(Onnx.NodeProto n, String name, long dflt) {
    return n.getAttributeList().stream().filter(a -> a.getName().equals(name)).mapToLong(Onnx.AttributeProto::getI)
        .findFirst().orElse(dflt);
  }

  private static long[] attrInts(Onnx.NodeProto n, String name) {
    return n.getAttributeList().stream().filter(a -> a.getName().equals(name)).findFirst()
        .map(a -> a.getIntsList().stream().mapToLong(Long::longValue).toArray())
        .orElseThrow(() -> new ExportException(n.getOpType() + " node " + n.getName() + " lacks " + name));
  }

  private static long[] longValues(Onnx.TensorProto t) {
    if (t == null) {
      throw new ExportException("Slice bounds must be Constant nodes");
    }
    ByteBuffer b = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    long[] v = new long[b.remaining() / 8];
    for (int i = 0; i < v.length; i++) {
      v[i] = b.getLong();
    }
    return v;
  }

  /**
   * Runs a model once in ONNX Runtime (1 thread) on one input image and returns the flattened first output.
   *
   * @param model serialized ONNX model with a float input of shape {@code [1, C, H, W]}
   * @param data the image, row-major, {@code C*H*W} values
   * @throws ExportException if ONNX Runtime rejects the model or fails to run it
   */
  public static float[] run(byte[] model, float[] data, InputShape input) {
    return runBatch(model, data, 1, input);
  }

  /** Like {@link #run} for {@code batch} images one after another (the model's batch size is 1). */
  public static float[] runBatch(byte[] model, float[] data, int batch, InputShape input) {
    OrtEnvironment env = org.nas4j.profiler.OnnxRuntimeProfiler.environment();
    int per = input.channels() * input.height() * input.width();
    try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
      so.setIntraOpNumThreads(1);
      so.setInterOpNumThreads(1);
      try (OrtSession s = env.createSession(model, so)) {
        float[] out = null;
        int k = 0;
        for (int b = 0; b < batch; b++) {
          FloatBuffer fb = FloatBuffer.wrap(data, b * per, per).slice();
          try (OnnxTensor t = OnnxTensor.createTensor(env, fb,
              new long[] {1, input.channels(), input.height(), input.width()});
              OrtSession.Result r = s.run(Map.of(s.getInputNames().iterator().next(), t))) {
            float[][] y = (float[][]) r.get(0).getValue();
            if (out == null) {
              out = new float[batch * y[0].length];
            }
            System.arraycopy(y[0], 0, out, k, y[0].length);
            k += y[0].length;
          }
        }
        return out;
      }
    } catch (OrtException e) {
      throw new ExportException("ONNX Runtime rejected the exported model: " + e.getMessage(), e);
    }
  }

  /** The op types a model uses, in first-use order (for tests and reports). */
  public static List<String> opTypes(Onnx.ModelProto model) {
    return model.getGraph().getNodeList().stream().map(Onnx.NodeProto::getOpType).distinct().toList();
  }
}
