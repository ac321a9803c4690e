package org.nas4j.profiler.onnx;

/** ONNX {@code TensorProto.DataType} numbers, their names and sizes in bytes. Stateless. */
public final class DataTypes {
  /** 32-bit float. */
  public static final int FLOAT = 1;
  /** Unsigned 8-bit integer. */
  public static final int UINT8 = 2;
  /** Signed 8-bit integer. */
  public static final int INT8 = 3;
  /** Unsigned 16-bit integer. */
  public static final int UINT16 = 4;
  /** Signed 16-bit integer. */
  public static final int INT16 = 5;
  /** Signed 32-bit integer. */
  public static final int INT32 = 6;
  /** Signed 64-bit integer. */
  public static final int INT64 = 7;
  /** String. */
  public static final int STRING = 8;
  /** Boolean (one byte). */
  public static final int BOOL = 9;
  /** IEEE half. */
  public static final int FLOAT16 = 10;
  /** 64-bit float. */
  public static final int DOUBLE = 11;
  /** Unsigned 32-bit integer. */
  public static final int UINT32 = 12;
  /** Unsigned 64-bit integer. */
  public static final int UINT64 = 13;
  /** bfloat16. */
  public static final int BFLOAT16 = 16;

  private static final String[] NAMES = {
    "undefined", "float", "uint8", "int8", "uint16", "int16", "int32", "int64", "string", "bool", "float16",
    "double", "uint32", "uint64", "complex64", "complex128", "bfloat16", "float8e4m3fn", "float8e4m3fnuz",
    "float8e5m2", "float8e5m2fnuz", "uint4", "int4"
  };

  private DataTypes() {}

  /** Bytes per element; 4-bit types count as one byte; unknown types and strings count 8 (a pointer). */
  public static int sizeBytes(int type) {
    switch (type) {
      case UINT8: case INT8: case BOOL: case 17: case 18: case 19: case 20: case 21: case 22:
        return 1;
      case UINT16: case INT16: case FLOAT16: case BFLOAT16:
        return 2;
      case FLOAT: case INT32: case UINT32:
        return 4;
      case 15:
        return 16;
      default:
        return 8;
    }
  }

  /** True for integer and boolean types, whose values are kept as {@code long}. */
  public static boolean isIntegral(int type) {
    return type == UINT8 || type == INT8 || type == UINT16 || type == INT16 || type == INT32 || type == INT64
        || type == BOOL || type == UINT32 || type == UINT64;
  }

  /** True for floating-point types, whose values are kept as {@code double}. */
  public static boolean isFloating(int type) {
    return type == FLOAT || type == FLOAT16 || type == DOUBLE || type == BFLOAT16;
  }

  /** The ONNX name of a data type, e.g. {@code float}, or {@code type<N>}. */
  public static String name(int type) {
    return type >= 0 && type < NAMES.length ? NAMES[type] : "type" + type;
  }
}
