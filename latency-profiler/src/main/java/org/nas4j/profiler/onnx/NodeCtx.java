package org.nas4j.profiler.onnx;

import java.util.List;
import onnx.Onnx.AttributeProto;
import onnx.Onnx.NodeProto;
import onnx.Onnx.TensorProto;

/** One node under inference: its attributes and what is known about its inputs. Internal. */
final class NodeCtx {
  final NodeProto node;
  final long opset;
  private final List<TensorInfo> inputs;

  NodeCtx(NodeProto node, long opset, List<TensorInfo> inputs) {
    this.node = node;
    this.opset = opset;
    this.inputs = inputs;
  }

  String op() {
    return node.getOpType();
  }

  int inputCount() {
    return inputs.size();
  }

  /** Input {@code i}, which must be present. */
  TensorInfo in(int i) {
    TensorInfo t = opt(i);
    if (t == null) {
      throw new ShapeException("needs input " + i + " but it is missing");
    }
    return t;
  }

  /** Input {@code i}, or null if absent (beyond the list or an empty name). */
  TensorInfo opt(int i) {
    return i < inputs.size() ? inputs.get(i) : null;
  }

  /** Input {@code i} if present and not an empty tensor, else null (the "optional input" convention). */
  TensorInfo optNonEmpty(int i) {
    TensorInfo t = opt(i);
    return t == null || (t.elements() == 0 && t.rank() == 1) ? null : t;
  }

  /** The values of input {@code i} as longs; it must be a constant (computable before running the model). */
  long[] constLongs(int i, String what) {
    TensorInfo t = in(i);
    if (!t.hasValue()) {
      throw notConstant(i, what);
    }
    return t.longs();
  }

  /** The values of input {@code i} as doubles; it must be a constant. */
  double[] constDoubles(int i, String what) {
    TensorInfo t = in(i);
    if (!t.hasValue()) {
      throw notConstant(i, what);
    }
    return t.doubles();
  }

  private ShapeException notConstant(int i, String what) {
    return new ShapeException(what + " (input " + i + " '" + node.getInput(i) + "') is computed at run time,"
        + " so the output shape is data-dependent; only constant (foldable) " + what + " are supported");
  }

  AttributeProto attr(String name) {
    for (AttributeProto a : node.getAttributeList()) {
      if (a.getName().equals(name)) {
        return a;
      }
    }
    return null;
  }

  boolean has(String name) {
    return attr(name) != null;
  }

  long attrInt(String name, long def) {
    AttributeProto a = attr(name);
    return a == null ? def : a.getI();
  }

  float attrFloat(String name, float def) {
    AttributeProto a = attr(name);
    return a == null ? def : a.getF();
  }

  String attrString(String name, String def) {
    AttributeProto a = attr(name);
    return a == null ? def : a.getS().toStringUtf8();
  }

  /** An INTS attribute, or null if absent. */
  long[] attrInts(String name) {
    AttributeProto a = attr(name);
    if (a == null) {
      return null;
    }
    long[] v = new long[a.getIntsCount()];
    for (int i = 0; i < v.length; i++) {
      v[i] = a.getInts(i);
    }
    return v;
  }

  /** A FLOATS attribute, or null if absent. */
  double[] attrFloats(String name) {
    AttributeProto a = attr(name);
    if (a == null) {
      return null;
    }
    double[] v = new double[a.getFloatsCount()];
    for (int i = 0; i < v.length; i++) {
      v[i] = a.getFloats(i);
    }
    return v;
  }

  TensorProto attrTensor(String name) {
    AttributeProto a = attr(name);
    return a == null || !a.hasT() ? null : a.getT();
  }

  /** Normalises a possibly negative axis against {@code rank}. */
  static int axis(long axis, int rank) {
    long a = axis < 0 ? axis + rank : axis;
    if (a < 0 || a >= rank) {
      throw new ShapeException("axis " + axis + " is out of range for rank " + rank);
    }
    return (int) a;
  }
}
