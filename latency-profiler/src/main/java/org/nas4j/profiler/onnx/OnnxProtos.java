package org.nas4j.profiler.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;
import onnx.Onnx;
import org.nd4j.shade.protobuf.ByteString;

/** Small builders for hand-made ONNX graphs (float32 tensors, shapes, int-list attributes). Stateless. */
public final class OnnxProtos {
  private static final int FLOAT = Onnx.TensorProto.DataType.FLOAT_VALUE;

  private OnnxProtos() {}

  /** An INTS attribute. */
  public static Onnx.AttributeProto.Builder ints(String name, long... values) {
    Onnx.AttributeProto.Builder a = Onnx.AttributeProto.newBuilder().setName(name)
        .setType(Onnx.AttributeProto.AttributeType.INTS);
    for (long v : values) {
      a.addInts(v);
    }
    return a;
  }

  /** A float32 initializer of these dims, uniform in +-scale from {@code random}, stored as raw little-endian data. */
  public static Onnx.TensorProto randomTensor(String name, SplittableRandom random, double scale, long... dims) {
    long count = 1;
    for (long d : dims) {
      count *= d;
    }
    ByteBuffer buf = ByteBuffer.allocate(Math.toIntExact(count * 4)).order(ByteOrder.LITTLE_ENDIAN);
    for (long i = 0; i < count; i++) {
      buf.putFloat((float) ((random.nextDouble() * 2 - 1) * scale));
    }
    buf.flip();
    Onnx.TensorProto.Builder t = Onnx.TensorProto.newBuilder().setName(name).setDataType(FLOAT)
        .setRawData(ByteString.copyFrom(buf));
    for (long d : dims) {
      t.addDims(d);
    }
    return t.build();
  }

  /** A float32 value description with a static shape. */
  public static Onnx.ValueInfoProto.Builder floatValueInfo(String name, long... dims) {
    Onnx.TensorShapeProto.Builder shape = Onnx.TensorShapeProto.newBuilder();
    for (long d : dims) {
      shape.addDim(Onnx.TensorShapeProto.Dimension.newBuilder().setDimValue(d));
    }
    return Onnx.ValueInfoProto.newBuilder().setName(name).setType(Onnx.TypeProto.newBuilder()
        .setTensorType(Onnx.TypeProto.Tensor.newBuilder().setElemType(FLOAT).setShape(shape)));
  }
}
