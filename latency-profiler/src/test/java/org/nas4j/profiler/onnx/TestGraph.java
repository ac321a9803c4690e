package org.nas4j.profiler.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import onnx.Onnx.AttributeProto;
import onnx.Onnx.GraphProto;
import onnx.Onnx.ModelProto;
import onnx.Onnx.NodeProto;
import onnx.Onnx.OperatorSetIdProto;
import onnx.Onnx.TensorProto;
import onnx.Onnx.TensorShapeProto;
import onnx.Onnx.TypeProto;
import onnx.Onnx.ValueInfoProto;
import org.nd4j.shade.protobuf.ByteString;

/** Builds small ONNX models in tests with the real protobuf classes. */
public final class TestGraph {
  private final GraphProto.Builder g = GraphProto.newBuilder().setName("test");
  private long opset = 13;
  private long irVersion = 7;
  private int counter;

  /** A graph stamped with the default-domain {@code opset}. */
  public static TestGraph opset(long opset) {
    TestGraph t = new TestGraph();
    t.opset = opset;
    return t;
  }

  public TestGraph ir(long v) {
    irVersion = v;
    return this;
  }

  /** A float input; a negative dim becomes the symbolic dim "N". */
  public TestGraph input(String name, long... dims) {
    return typedInput(name, DataTypes.FLOAT, dims);
  }

  public TestGraph typedInput(String name, int type, long... dims) {
    g.addInput(valueInfo(name, type, dims));
    return this;
  }

  /** A graph output without a declared shape. */
  public TestGraph output(String name) {
    g.addOutput(ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
        .setTensorType(TypeProto.Tensor.newBuilder().setElemType(DataTypes.FLOAT))));
    return this;
  }

  /** A float graph output with a declared shape. */
  public TestGraph output(String name, long... dims) {
    g.addOutput(valueInfo(name, DataTypes.FLOAT, dims));
    return this;
  }

  public TestGraph valueInfo(String name, long... dims) {
    g.addValueInfo(valueInfo(name, DataTypes.FLOAT, dims));
    return this;
  }

  private static ValueInfoProto valueInfo(String name, int type, long... dims) {
    TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
    for (long d : dims) {
      shape.addDim(d < 0 ? TensorShapeProto.Dimension.newBuilder().setDimParam("N")
          : TensorShapeProto.Dimension.newBuilder().setDimValue(d));
    }
    return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
        .setTensorType(TypeProto.Tensor.newBuilder().setElemType(type).setShape(shape))).build();
  }

  /** A float initializer of zeros stored as raw_data. */
  public TestGraph weight(String name, long... dims) {
    g.addInitializer(floatTensor(name, dims));
    return this;
  }

  /** A 1-D int64 initializer. */
  public TestGraph ints(String name, long... values) {
    g.addInitializer(int64Tensor(name, new long[] {values.length}, values));
    return this;
  }

  /** A 1-D float initializer with values. */
  public TestGraph floats(String name, float... values) {
    TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(DataTypes.FLOAT)
        .addDims(values.length);
    for (float v : values) {
      t.addFloatData(v);
    }
    g.addInitializer(t);
    return this;
  }

  public TestGraph initializer(TensorProto t) {
    g.addInitializer(t);
    return this;
  }

  public static TensorProto floatTensor(String name, long... dims) {
    long n = 1;
    for (long d : dims) {
      n *= d;
    }
    TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(DataTypes.FLOAT)
        .setRawData(ByteString.copyFrom(new byte[(int) (4 * n)]));
    for (long d : dims) {
      t.addDims(d);
    }
    return t.build();
  }

  public static TensorProto int64Tensor(String name, long[] dims, long... values) {
    ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (long v : values) {
      b.putLong(v);
    }
    TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(DataTypes.INT64)
        .setRawData(ByteString.copyFrom(b.array()));
    for (long d : dims) {
      t.addDims(d);
    }
    return t.build();
  }

  /** A node with inputs and outputs given as "a,b" strings (empty string = absent optional input). */
  public TestGraph node(String op, String inputs, String outputs, AttributeProto... attrs) {
    return node(op, "", inputs, outputs, attrs);
  }

  public TestGraph node(String op, String domain, String inputs, String outputs, AttributeProto... attrs) {
    NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(op.toLowerCase() + "_" + counter++)
        .setDomain(domain);
    for (String s : inputs.isEmpty() ? new String[0] : inputs.split(",", -1)) {
      n.addInput(s);
    }
    for (String s : outputs.split(",", -1)) {
      n.addOutput(s);
    }
    for (AttributeProto a : attrs) {
      n.addAttribute(a);
    }
    g.addNode(n);
    return this;
  }

  public static AttributeProto attr(String name, long v) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(v).build();
  }

  public static AttributeProto attr(String name, float v) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF(v).build();
  }

  public static AttributeProto attr(String name, String v) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRING)
        .setS(ByteString.copyFromUtf8(v)).build();
  }

  public static AttributeProto attrs(String name, long... v) {
    AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
    for (long x : v) {
      a.addInts(x);
    }
    return a.build();
  }

  public static AttributeProto attrFloats(String name, float... v) {
    AttributeProto.Builder a = AttributeProto.newBuilder().setName(name)
        .setType(AttributeProto.AttributeType.FLOATS);
    for (float x : v) {
      a.addFloats(x);
    }
    return a.build();
  }

  public static AttributeProto attr(String name, TensorProto t) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.TENSOR).setT(t).build();
  }

  public ModelProto build() {
    return ModelProto.newBuilder().setIrVersion(irVersion).setProducerName("nas4j-test")
        .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset)).setGraph(g).build();
  }

  /** Builds, checks and infers with the given input shapes. */
  public InferredGraph infer(Map<String, long[]> shapes) {
    ModelProto m = build();
    OnnxModels.check(m, "test.onnx");
    return ShapeInference.infer(m, "test.onnx", shapes);
  }

  public InferredGraph infer() {
    return infer(Map.of());
  }
}
