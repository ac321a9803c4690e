package org.nas4j.profiler.onnx;

import java.util.Arrays;

/**
 * What shape inference knows about one tensor: its element type, its static shape, and, for small tensors whose
 * content is known before running the model (shape arithmetic, Constant nodes, small initializers), their values.
 *
 * <p>Integral and boolean values are held in {@code ints}, floating-point values in {@code floats}; at most one of
 * them is non-null, and its length equals the element count. Arrays are not copied: treat them as read-only.
 *
 * @param elemType ONNX {@code TensorProto.DataType} number (see {@link DataTypes})
 * @param shape static dimensions, all {@code >= 0}; empty for a scalar
 * @param ints known values of an integral tensor, or null
 * @param floats known values of a floating-point tensor, or null
 */
public record TensorInfo(int elemType, long[] shape, long[] ints, double[] floats) {
  /** Largest tensor whose values shape inference keeps. */
  public static final int MAX_VALUE_ELEMENTS = 1 << 16;

  /** Validates dimensions and value lengths. */
  public TensorInfo {
    if (shape == null) {
      throw new IllegalArgumentException("shape must not be null");
    }
    for (long d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException("shape must have dims >= 0, got " + Arrays.toString(shape));
      }
    }
    if (ints != null && floats != null) {
      throw new IllegalArgumentException("a tensor holds ints or floats, not both");
    }
    long n = count(shape);
    if (ints != null && ints.length != n) {
      throw new IllegalArgumentException("ints has " + ints.length + " values for shape " + Arrays.toString(shape));
    }
    if (floats != null && floats.length != n) {
      throw new IllegalArgumentException("floats has " + floats.length + " values for shape "
          + Arrays.toString(shape));
    }
  }

  /** A tensor with a known shape and unknown values. */
  public static TensorInfo of(int elemType, long... shape) {
    return new TensorInfo(elemType, shape, null, null);
  }

  /** Number of dimensions. */
  public int rank() {
    return shape.length;
  }

  /** Number of elements (1 for a scalar). */
  public long elements() {
    return count(shape);
  }

  /** Size in bytes of the tensor's data. */
  public long bytes() {
    return elements() * DataTypes.sizeBytes(elemType);
  }

  /** Whether the values are known. */
  public boolean hasValue() {
    return ints != null || floats != null;
  }

  /** Dimension {@code i}; negative {@code i} counts from the end. */
  public long dim(int i) {
    return shape[i < 0 ? shape.length + i : i];
  }

  /** Value {@code i} as a long (floats are truncated); requires {@link #hasValue()}. */
  public long longAt(int i) {
    return ints != null ? ints[i] : (long) floats[i];
  }

  /** Value {@code i} as a double; requires {@link #hasValue()}. */
  public double doubleAt(int i) {
    return ints != null ? (double) ints[i] : floats[i];
  }

  /** All values as longs, or null if unknown. */
  public long[] longs() {
    if (ints != null) {
      return ints;
    }
    if (floats == null) {
      return null;
    }
    long[] r = new long[floats.length];
    for (int i = 0; i < r.length; i++) {
      r[i] = (long) floats[i];
    }
    return r;
  }

  /** All values as doubles, or null if unknown. */
  public double[] doubles() {
    if (floats != null) {
      return floats;
    }
    if (ints == null) {
      return null;
    }
    double[] r = new double[ints.length];
    for (int i = 0; i < r.length; i++) {
      r[i] = ints[i];
    }
    return r;
  }

  /** The shape as {@code 1x3x224x224}, or {@code scalar}. */
  public String shapeText() {
    return shapeText(shape);
  }

  /** Formats dims as {@code 1x3x224x224}, or {@code scalar} for rank 0. */
  public static String shapeText(long[] dims) {
    if (dims.length == 0) {
      return "scalar";
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < dims.length; i++) {
      sb.append(i == 0 ? "" : "x").append(dims[i]);
    }
    return sb.toString();
  }

  /** Product of dims, saturating at {@code Long.MAX_VALUE}. */
  public static long count(long[] dims) {
    long n = 1;
    for (long d : dims) {
      n = Math.multiplyHigh(n, d) != 0 || n * d < 0 ? Long.MAX_VALUE : n * d;
    }
    return n;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TensorInfo t && t.elemType == elemType && Arrays.equals(t.shape, shape)
        && Arrays.equals(t.ints, ints) && Arrays.equals(t.floats, floats);
  }

  @Override
  public int hashCode() {
    return 31 * elemType + Arrays.hashCode(shape);
  }

  @Override
  public String toString() {
    String v = ints != null ? " " + Arrays.toString(ints) : floats != null ? " " + Arrays.toString(floats) : "";
    return DataTypes.name(elemType) + "[" + shapeText() + "]" + v;
  }
}
