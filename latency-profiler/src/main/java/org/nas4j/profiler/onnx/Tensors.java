package org.nas4j.profiler.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import onnx.Onnx.TensorProto;

/** Turns {@code TensorProto}s (initializers, Constant values) into {@link TensorInfo}s. Stateless. */
final class Tensors {
  /** Largest floating-point initializer or Constant whose values are decoded (scales, Clip bounds, ...). */
  static final int MAX_FLOAT_VALUES = 1024;

  private Tensors() {}

  /**
   * The shape and type of {@code t}, with its values when it is stored in the file itself and has at most {@link
   * TensorInfo#MAX_VALUE_ELEMENTS} elements of an integral type or {@link #MAX_FLOAT_VALUES} of float/double.
   *
   * @throws ShapeException if the stored data does not match the declared dims
   */
  static TensorInfo fromProto(TensorProto t) {
    long[] dims = new long[t.getDimsCount()];
    for (int i = 0; i < dims.length; i++) {
      dims[i] = t.getDims(i);
      if (dims[i] < 0) {
        throw new ShapeException("tensor '" + t.getName() + "' has negative dim " + dims[i]);
      }
    }
    int type = t.getDataType();
    long n = TensorInfo.count(dims);
    boolean external = t.getDataLocationValue() == 1;
    int raw = t.getRawData().size();
    int typed = typedCount(t, type);
    if (!external && type != DataTypes.STRING) {
      if (raw > 0 && raw != n * DataTypes.sizeBytes(type) && !isSubByte(type)) {
        throw new ShapeException("tensor '" + t.getName() + "' has " + raw + " bytes of raw_data but shape "
            + TensorInfo.shapeText(dims) + " of " + DataTypes.name(type) + " needs " + n * DataTypes.sizeBytes(type));
      }
      if (raw == 0 && typed != n && !(typed == 0 && n == 0)) {
        throw new ShapeException("tensor '" + t.getName() + "' has " + typed + " values but shape "
            + TensorInfo.shapeText(dims) + " needs " + n);
      }
    }
    if (external || n > TensorInfo.MAX_VALUE_ELEMENTS) {
      return TensorInfo.of(type, dims);
    }
    int count = (int) n;
    if (DataTypes.isIntegral(type)) {
      long[] v = new long[count];
      if (raw > 0) {
        ByteBuffer b = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < count; i++) {
          v[i] = switch (type) {
            case DataTypes.INT64, DataTypes.UINT64 -> b.getLong();
            case DataTypes.INT32 -> b.getInt();
            case DataTypes.UINT32 -> b.getInt() & 0xffffffffL;
            case DataTypes.INT16 -> b.getShort();
            case DataTypes.UINT16 -> b.getShort() & 0xffff;
            case DataTypes.INT8 -> b.get();
            default -> b.get() & 0xff;
          };
        }
      } else if (type == DataTypes.INT64) {
        for (int i = 0; i < count; i++) {
          v[i] = t.getInt64Data(i);
        }
      } else if (type == DataTypes.UINT64 || type == DataTypes.UINT32) {
        for (int i = 0; i < count; i++) {
          v[i] = t.getUint64Data(i);
        }
      } else {
        for (int i = 0; i < count; i++) {
          v[i] = t.getInt32Data(i);
        }
      }
      return new TensorInfo(type, dims, v, null);
    }
    if ((type == DataTypes.FLOAT || type == DataTypes.DOUBLE) && count <= MAX_FLOAT_VALUES) {
      double[] v = new double[count];
      if (raw > 0) {
        ByteBuffer b = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < count; i++) {
          v[i] = type == DataTypes.FLOAT ? b.getFloat() : b.getDouble();
        }
      } else {
        for (int i = 0; i < count; i++) {
          v[i] = type == DataTypes.FLOAT ? t.getFloatData(i) : t.getDoubleData(i);
        }
      }
      return new TensorInfo(type, dims, null, v);
    }
    return TensorInfo.of(type, dims);
  }

  private static boolean isSubByte(int type) {
    return type == 21 || type == 22;
  }

  private static int typedCount(TensorProto t, int type) {
    return switch (type) {
      case DataTypes.INT64 -> t.getInt64DataCount();
      case DataTypes.UINT64, DataTypes.UINT32 -> t.getUint64DataCount();
      case DataTypes.FLOAT -> t.getFloatDataCount();
      case DataTypes.DOUBLE -> t.getDoubleDataCount();
      case DataTypes.STRING -> t.getStringDataCount();
      default -> t.getInt32DataCount();
    };
  }

  /** A tensor of {@code type} and {@code shape} whose values are taken from {@code src} at {@code index}. */
  static TensorInfo gather(int type, long[] shape, TensorInfo src, int[] index) {
    if (src == null || !src.hasValue() || index == null) {
      return TensorInfo.of(type, shape);
    }
    if (src.ints() != null) {
      long[] v = new long[index.length];
      for (int i = 0; i < v.length; i++) {
        v[i] = src.ints()[index[i]];
      }
      return new TensorInfo(type, shape, v, null);
    }
    double[] v = new double[index.length];
    for (int i = 0; i < v.length; i++) {
      v[i] = src.floats()[index[i]];
    }
    return new TensorInfo(type, shape, null, v);
  }

  /** The same values as {@code src} (if known) under a new shape with the same element count. */
  static TensorInfo reshaped(TensorInfo src, long[] shape) {
    return new TensorInfo(src.elemType(), shape, src.ints(), src.floats());
  }

  /** An int64 1-D tensor holding {@code values}. */
  static TensorInfo int64s(long... values) {
    return new TensorInfo(DataTypes.INT64, new long[] {values.length}, values, null);
  }

  /** Converts values to {@code type} (used by Cast). */
  static TensorInfo cast(TensorInfo src, int type) {
    if (!src.hasValue()) {
      return TensorInfo.of(type, src.shape());
    }
    if (DataTypes.isIntegral(type)) {
      long[] v = src.longs().clone();
      if (type == DataTypes.BOOL) {
        double[] d = src.doubles();
        for (int i = 0; i < v.length; i++) {
          v[i] = d[i] != 0 ? 1 : 0;
        }
      }
      return new TensorInfo(type, src.shape(), v, null);
    }
    if (DataTypes.isFloating(type)) {
      return new TensorInfo(type, src.shape(), null, src.doubles().clone());
    }
    return TensorInfo.of(type, src.shape());
  }

  /** Row-major strides of {@code shape}. */
  static long[] strides(long[] shape) {
    long[] s = new long[shape.length];
    long acc = 1;
    for (int i = shape.length - 1; i >= 0; i--) {
      s[i] = acc;
      acc *= shape[i];
    }
    return s;
  }

  /** For each element of {@code out} (a broadcast of {@code in}), the linear index of its source in {@code in}. */
  static int[] broadcastIndex(long[] out, long[] in) {
    int n = (int) TensorInfo.count(out);
    int[] idx = new int[n];
    long[] inStrides = strides(in);
    int off = out.length - in.length;
    int[] pos = new int[out.length];
    for (int k = 0; k < n; k++) {
      long src = 0;
      for (int d = 0; d < in.length; d++) {
        if (in[d] != 1) {
          src += pos[d + off] * inStrides[d];
        }
      }
      idx[k] = (int) src;
      for (int d = out.length - 1; d >= 0; d--) {
        if (++pos[d] < out[d]) {
          break;
        }
        pos[d] = 0;
      }
    }
    return idx;
  }

  /** Whether a tensor of {@code shape} is small enough to have its values computed. */
  static boolean small(long[] shape) {
    return TensorInfo.count(shape) <= TensorInfo.MAX_VALUE_ELEMENTS;
  }

  static String text(long[] v) {
    return Arrays.toString(v);
  }
}
