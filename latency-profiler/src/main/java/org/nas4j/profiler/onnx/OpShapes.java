package org.nas4j.profiler.onnx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.LongBinaryOperator;

/**
 * The shape rules, one per ONNX op type (default domain, opsets 7 to 21), with value propagation for the ops that
 * exporters use in shape arithmetic. Internal; see {@link ShapeInference}.
 */
final class OpShapes {
  /** Ops whose output has the input's shape and type (unary element-wise and normalisation). */
  static final Set<String> SAME_SHAPE = Set.of(
      "Relu", "Sigmoid", "Tanh", "HardSigmoid", "HardSwish", "LeakyRelu", "Elu", "Selu", "Celu", "Softplus",
      "Softsign", "Exp", "Log", "Sqrt", "Neg", "Abs", "Reciprocal", "Erf", "Floor", "Ceil", "Round", "Sign",
      "Not", "Clip", "Gelu", "Mish", "Sin", "Cos", "Tan", "Atan", "Asin", "Acos", "Sinh", "Cosh", "Asinh",
      "Acosh", "Atanh", "ThresholdedRelu", "Shrink", "Softmax", "LogSoftmax", "Hardmax", "LRN",
      "InstanceNormalization", "MeanVarianceNormalization", "CumSum", "Trilu", "IsNaN", "IsInf");

  /** Binary ops with numpy broadcasting. */
  static final Set<String> BROADCAST = Set.of(
      "Add", "Sub", "Mul", "Div", "Pow", "Mod", "PRelu", "BitShift",
      "Equal", "Less", "Greater", "LessOrEqual", "GreaterOrEqual", "And", "Or", "Xor");

  /** Variadic ops with numpy broadcasting. */
  static final Set<String> VARIADIC = Set.of("Sum", "Mean", "Max", "Min");

  static final Set<String> REDUCE = Set.of(
      "ReduceMean", "ReduceSum", "ReduceMax", "ReduceMin", "ReduceProd", "ReduceL1", "ReduceL2",
      "ReduceLogSum", "ReduceLogSumExp", "ReduceSumSquare");

  static final Set<String> COMPARISON = Set.of(
      "Equal", "Less", "Greater", "LessOrEqual", "GreaterOrEqual", "And", "Or", "Xor", "Not", "IsNaN", "IsInf");

  private static final Set<String> OTHER = Set.of(
      "Conv", "ConvTranspose", "Gemm", "MatMul", "BatchNormalization", "LayerNormalization", "Identity", "Dropout",
      "Cast", "CastLike", "Where", "Concat", "Split", "Slice", "Reshape", "Flatten", "Transpose", "Gather",
      "GatherElements", "Shape", "Size", "Constant", "ConstantOfShape", "Squeeze", "Unsqueeze", "Expand", "Tile",
      "Range", "Pad", "Resize", "Upsample", "MaxPool", "AveragePool", "LpPool", "GlobalAveragePool",
      "GlobalMaxPool", "GlobalLpPool", "ArgMax", "ArgMin", "TopK", "DepthToSpace", "SpaceToDepth", "ScatterND",
      "ScatterElements", "EyeLike");

  /** Every op type this class has a rule for. */
  static final Set<String> SUPPORTED;

  static {
    Set<String> all = new TreeSet<>();
    all.addAll(SAME_SHAPE);
    all.addAll(BROADCAST);
    all.addAll(VARIADIC);
    all.addAll(REDUCE);
    all.addAll(OTHER);
    SUPPORTED = java.util.Collections.unmodifiableSet(all);
  }

  private OpShapes() {}

  /** Infers the outputs of one node; returns one entry per output the rule knows (in order). */
  static List<TensorInfo> infer(NodeCtx c) {
    String op = c.op();
    if (SAME_SHAPE.contains(op)) {
      return List.of(unary(c));
    }
    if (BROADCAST.contains(op)) {
      return List.of(binary(c));
    }
    if (VARIADIC.contains(op)) {
      return List.of(variadic(c));
    }
    if (REDUCE.contains(op)) {
      return List.of(reduce(c));
    }
    return switch (op) {
      case "Conv" -> List.of(conv(c));
      case "ConvTranspose" -> List.of(convTranspose(c));
      case "Gemm" -> List.of(gemm(c));
      case "MatMul" -> List.of(matMul(c));
      case "BatchNormalization" -> batchNorm(c);
      case "LayerNormalization" -> layerNorm(c);
      case "Identity" -> List.of(c.in(0));
      case "Dropout" -> List.of(c.in(0), TensorInfo.of(DataTypes.BOOL, c.in(0).shape()));
      case "Cast" -> List.of(Tensors.cast(c.in(0), (int) c.attrInt("to", DataTypes.FLOAT)));
      case "CastLike" -> List.of(Tensors.cast(c.in(0), c.in(1).elemType()));
      case "Where" -> List.of(where(c));
      case "Concat" -> List.of(concat(c));
      case "Split" -> split(c);
      case "Slice" -> List.of(slice(c));
      case "Reshape" -> List.of(reshape(c));
      case "Flatten" -> List.of(flatten(c));
      case "Transpose" -> List.of(transpose(c));
      case "Gather" -> List.of(gather(c));
      case "GatherElements" -> List.of(TensorInfo.of(c.in(0).elemType(), c.in(1).shape()));
      case "ScatterND", "ScatterElements" -> List.of(TensorInfo.of(c.in(0).elemType(), c.in(0).shape()));
      case "EyeLike" -> List.of(TensorInfo.of((int) c.attrInt("dtype", c.in(0).elemType()), c.in(0).shape()));
      case "Shape" -> List.of(shape(c));
      case "Size" -> List.of(new TensorInfo(DataTypes.INT64, new long[0], new long[] {c.in(0).elements()}, null));
      case "Constant" -> List.of(constant(c));
      case "ConstantOfShape" -> List.of(constantOfShape(c));
      case "Squeeze" -> List.of(squeeze(c));
      case "Unsqueeze" -> List.of(unsqueeze(c));
      case "Expand" -> List.of(expand(c));
      case "Tile" -> List.of(tile(c));
      case "Range" -> List.of(range(c));
      case "Pad" -> List.of(pad(c));
      case "Resize", "Upsample" -> List.of(resize(c));
      case "MaxPool", "AveragePool", "LpPool" -> pool(c);
      case "GlobalAveragePool", "GlobalMaxPool", "GlobalLpPool" -> List.of(globalPool(c));
      case "ArgMax", "ArgMin" -> List.of(argReduce(c));
      case "TopK" -> topK(c);
      case "DepthToSpace", "SpaceToDepth" -> List.of(depthSpace(c));
      default -> throw new ShapeException("no shape rule for op type " + op);
    };
  }

  // ---------------------------------------------------------------- element-wise

  private static TensorInfo unary(NodeCtx c) {
    TensorInfo x = c.in(0);
    int type = COMPARISON.contains(c.op()) ? DataTypes.BOOL : x.elemType();
    DoubleUnaryOperator f = switch (c.op()) {
      case "Neg" -> v -> -v;
      case "Abs" -> Math::abs;
      case "Floor" -> Math::floor;
      case "Ceil" -> Math::ceil;
      case "Sqrt" -> Math::sqrt;
      case "Reciprocal" -> v -> 1 / v;
      case "Relu" -> v -> Math.max(0, v);
      case "Sign" -> Math::signum;
      case "Not" -> v -> v == 0 ? 1 : 0;
      case "Round" -> Math::rint;
      default -> null;
    };
    if (f == null || !x.hasValue()) {
      return TensorInfo.of(type, x.shape());
    }
    if (x.ints() != null) {
      long[] v = new long[x.ints().length];
      for (int i = 0; i < v.length; i++) {
        v[i] = (long) f.applyAsDouble(x.ints()[i]);
      }
      return new TensorInfo(type, x.shape(), v, null);
    }
    double[] v = new double[x.floats().length];
    for (int i = 0; i < v.length; i++) {
      v[i] = f.applyAsDouble(x.floats()[i]);
    }
    return new TensorInfo(type, x.shape(), null, v);
  }

  /** Numpy (multidirectional) broadcast of shapes. */
  static long[] broadcast(long[]... shapes) {
    int rank = 0;
    for (long[] s : shapes) {
      rank = Math.max(rank, s.length);
    }
    long[] out = new long[rank];
    Arrays.fill(out, 1);
    for (long[] s : shapes) {
      int off = rank - s.length;
      for (int i = 0; i < s.length; i++) {
        long d = s[i];
        long o = out[off + i];
        if (o == 1) {
          out[off + i] = d;
        } else if (d != 1 && d != o) {
          throw new ShapeException("cannot broadcast shapes " + describe(shapes));
        }
      }
    }
    return out;
  }

  private static String describe(long[]... shapes) {
    StringBuilder sb = new StringBuilder();
    for (long[] s : shapes) {
      sb.append(sb.length() == 0 ? "" : " and ").append(TensorInfo.shapeText(s));
    }
    return sb.toString();
  }

  private static TensorInfo binary(NodeCtx c) {
    TensorInfo a = c.in(0);
    TensorInfo b = c.in(1);
    String op = c.op();
    long[] out;
    if (op.equals("PRelu")) {
      out = broadcast(a.shape(), b.shape());
      if (!Arrays.equals(out, a.shape())) {
        throw new ShapeException("slope " + b.shapeText() + " does not broadcast to X " + a.shapeText());
      }
    } else {
      out = broadcast(a.shape(), b.shape());
    }
    int type = COMPARISON.contains(op) ? DataTypes.BOOL : a.elemType();
    if (!a.hasValue() || !b.hasValue() || !Tensors.small(out)) {
      return TensorInfo.of(type, out);
    }
    int[] ia = Tensors.broadcastIndex(out, a.shape());
    int[] ib = Tensors.broadcastIndex(out, b.shape());
    if (a.ints() != null && b.ints() != null && DataTypes.isIntegral(type)) {
      LongBinaryOperator f = switch (op) {
        case "Add" -> Long::sum;
        case "Sub" -> (x, y) -> x - y;
        case "Mul" -> (x, y) -> x * y;
        case "Div" -> (x, y) -> {
          if (y == 0) {
            throw new ShapeException("integer division by zero in constant shape arithmetic");
          }
          return x / y;
        };
        case "Mod" -> (x, y) -> c.attrInt("fmod", 0) == 1 ? x % y : Math.floorMod(x, y);
        case "Pow" -> (x, y) -> (long) Math.pow(x, y);
        case "Equal" -> (x, y) -> x == y ? 1 : 0;
        case "Less" -> (x, y) -> x < y ? 1 : 0;
        case "Greater" -> (x, y) -> x > y ? 1 : 0;
        case "LessOrEqual" -> (x, y) -> x <= y ? 1 : 0;
        case "GreaterOrEqual" -> (x, y) -> x >= y ? 1 : 0;
        case "And" -> (x, y) -> x != 0 && y != 0 ? 1 : 0;
        case "Or" -> (x, y) -> x != 0 || y != 0 ? 1 : 0;
        case "Xor" -> (x, y) -> (x != 0) != (y != 0) ? 1 : 0;
        case "PRelu" -> (x, y) -> x < 0 ? x * y : x;
        default -> null;
      };
      if (f == null) {
        return TensorInfo.of(type, out);
      }
      long[] v = new long[ia.length];
      for (int i = 0; i < v.length; i++) {
        v[i] = f.applyAsLong(a.ints()[ia[i]], b.ints()[ib[i]]);
      }
      return new TensorInfo(type, out, v, null);
    }
    DoubleBinaryOperator f = switch (op) {
      case "Add" -> Double::sum;
      case "Sub" -> (x, y) -> x - y;
      case "Mul" -> (x, y) -> x * y;
      case "Div" -> (x, y) -> x / y;
      case "Pow" -> Math::pow;
      case "Equal" -> (x, y) -> x == y ? 1 : 0;
      case "Less" -> (x, y) -> x < y ? 1 : 0;
      case "Greater" -> (x, y) -> x > y ? 1 : 0;
      case "LessOrEqual" -> (x, y) -> x <= y ? 1 : 0;
      case "GreaterOrEqual" -> (x, y) -> x >= y ? 1 : 0;
      case "PRelu" -> (x, y) -> x < 0 ? x * y : x;
      default -> null;
    };
    if (f == null) {
      return TensorInfo.of(type, out);
    }
    double[] da = a.doubles();
    double[] db = b.doubles();
    double[] v = new double[ia.length];
    for (int i = 0; i < v.length; i++) {
      v[i] = f.applyAsDouble(da[ia[i]], db[ib[i]]);
    }
    if (DataTypes.isIntegral(type)) {
      long[] l = new long[v.length];
      for (int i = 0; i < l.length; i++) {
        l[i] = (long) v[i];
      }
      return new TensorInfo(type, out, l, null);
    }
    return new TensorInfo(type, out, null, v);
  }

  private static TensorInfo variadic(NodeCtx c) {
    List<long[]> shapes = new ArrayList<>();
    for (int i = 0; i < c.inputCount(); i++) {
      if (c.opt(i) != null) {
        shapes.add(c.opt(i).shape());
      }
    }
    if (shapes.isEmpty()) {
      throw new ShapeException("needs at least one input");
    }
    long[] out = broadcast(shapes.toArray(new long[0][]));
    boolean allKnown = true;
    for (int i = 0; i < c.inputCount(); i++) {
      allKnown &= c.opt(i) != null && c.opt(i).hasValue();
    }
    if (!allKnown || !Tensors.small(out) || c.op().equals("Mean")) {
      return TensorInfo.of(c.in(0).elemType(), out);
    }
    double[] acc = null;
    for (int i = 0; i < c.inputCount(); i++) {
      double[] d = c.in(i).doubles();
      int[] idx = Tensors.broadcastIndex(out, c.in(i).shape());
      if (acc == null) {
        acc = new double[idx.length];
        for (int k = 0; k < idx.length; k++) {
          acc[k] = d[idx[k]];
        }
        continue;
      }
      for (int k = 0; k < idx.length; k++) {
        double x = d[idx[k]];
        acc[k] = switch (c.op()) {
          case "Sum" -> acc[k] + x;
          case "Max" -> Math.max(acc[k], x);
          default -> Math.min(acc[k], x);
        };
      }
    }
    return Tensors.cast(new TensorInfo(DataTypes.DOUBLE, out, null, acc), c.in(0).elemType());
  }

  private static TensorInfo where(NodeCtx c) {
    TensorInfo cond = c.in(0);
    TensorInfo x = c.in(1);
    TensorInfo y = c.in(2);
    long[] out = broadcast(cond.shape(), x.shape(), y.shape());
    if (!cond.hasValue() || !x.hasValue() || !y.hasValue() || !Tensors.small(out)) {
      return TensorInfo.of(x.elemType(), out);
    }
    int[] ic = Tensors.broadcastIndex(out, cond.shape());
    int[] ix = Tensors.broadcastIndex(out, x.shape());
    int[] iy = Tensors.broadcastIndex(out, y.shape());
    double[] dx = x.doubles();
    double[] dy = y.doubles();
    double[] v = new double[ic.length];
    for (int i = 0; i < v.length; i++) {
      v[i] = cond.doubleAt(ic[i]) != 0 ? dx[ix[i]] : dy[iy[i]];
    }
    if (x.ints() != null && y.ints() != null) {
      long[] l = new long[v.length];
      for (int i = 0; i < l.length; i++) {
        l[i] = cond.doubleAt(ic[i]) != 0 ? x.ints()[ix[i]] : y.ints()[iy[i]];
      }
      return new TensorInfo(x.elemType(), out, l, null);
    }
    return Tensors.cast(new TensorInfo(DataTypes.DOUBLE, out, null, v), x.elemType());
  }

  // ---------------------------------------------------------------- linear algebra and convolution

  private static void requireRank(TensorInfo t, int min, String what) {
    if (t.rank() < min) {
      throw new ShapeException(what + " must have rank >= " + min + ", got " + t.shapeText());
    }
  }

  private static long[] kernelShape(NodeCtx c, TensorInfo w, int spatial) {
    long[] k = c.attrInts("kernel_shape");
    if (k == null) {
      k = Arrays.copyOfRange(w.shape(), 2, w.rank());
    }
    if (k.length != spatial) {
      throw new ShapeException("kernel_shape " + Tensors.text(k) + " does not match " + spatial + " spatial dims");
    }
    return k;
  }

  private static long[] intsOr(NodeCtx c, String name, int n, long def) {
    long[] v = c.attrInts(name);
    if (v == null || v.length == 0) {
      v = new long[n];
      Arrays.fill(v, def);
    }
    if (v.length != n) {
      throw new ShapeException(name + " " + Tensors.text(v) + " must have " + n + " values");
    }
    for (long x : v) {
      if (x < (name.equals("pads") || name.equals("output_padding") ? 0 : 1)) {
        throw new ShapeException(name + " " + Tensors.text(v) + " has an invalid value " + x);
      }
    }
    return v;
  }

  /** Output spatial sizes for Conv and pooling, following the ONNX spec and ONNX Runtime's ceil_mode rule. */
  private static long[] windowOutput(NodeCtx c, long[] in, long[] k, boolean ceilAllowed) {
    int n = in.length;
    long[] strides = intsOr(c, "strides", n, 1);
    long[] dil = intsOr(c, "dilations", n, 1);
    long[] pads = intsOr(c, "pads", 2 * n, 0);
    String autoPad = c.attrString("auto_pad", "NOTSET");
    boolean ceil = ceilAllowed && c.attrInt("ceil_mode", 0) == 1;
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      long eff = (k[i] - 1) * dil[i] + 1;
      switch (autoPad) {
        case "SAME_UPPER", "SAME_LOWER" -> out[i] = ceilDiv(in[i], strides[i]);
        case "VALID" -> out[i] = in[i] < eff ? 0 : (in[i] - eff) / strides[i] + 1;
        case "NOTSET", "" -> {
          long span = in[i] + pads[i] + pads[i + n] - eff;
          if (span < 0) {
            throw new ShapeException("kernel " + eff + " (with dilation) is larger than the padded input "
                + (in[i] + pads[i] + pads[i + n]) + " on spatial axis " + i);
          }
          out[i] = (ceil ? ceilDiv(span, strides[i]) : span / strides[i]) + 1;
          if (ceil && (out[i] - 1) * strides[i] >= in[i] + pads[i]) {
            out[i]--;
          }
        }
        default -> throw new ShapeException("unknown auto_pad '" + autoPad + "'");
      }
    }
    return out;
  }

  private static long ceilDiv(long a, long b) {
    return -Math.floorDiv(-a, b);
  }

  private static TensorInfo conv(NodeCtx c) {
    TensorInfo x = c.in(0);
    TensorInfo w = c.in(1);
    requireRank(x, 3, "Conv input X");
    if (w.rank() != x.rank()) {
      throw new ShapeException("weight " + w.shapeText() + " and input " + x.shapeText() + " differ in rank");
    }
    long group = c.attrInt("group", 1);
    if (group < 1) {
      throw new ShapeException("group must be >= 1, got " + group);
    }
    long inC = x.dim(1);
    if (w.dim(1) * group != inC) {
      throw new ShapeException("weight in-channels x group != input channels: weight " + w.shapeText()
          + " has " + w.dim(1) + " in-channels x group " + group + " = " + w.dim(1) * group
          + " but input " + x.shapeText() + " has " + inC + " channels");
    }
    long outC = w.dim(0);
    if (outC % group != 0) {
      throw new ShapeException("out-channels " + outC + " are not divisible by group " + group);
    }
    TensorInfo b = c.opt(2);
    if (b != null && (b.rank() != 1 || b.dim(0) != outC)) {
      throw new ShapeException("bias " + b.shapeText() + " must have " + outC + " elements");
    }
    int spatial = x.rank() - 2;
    long[] k = kernelShape(c, w, spatial);
    long[] out = windowOutput(c, Arrays.copyOfRange(x.shape(), 2, x.rank()), k, false);
    return TensorInfo.of(x.elemType(), concat(new long[] {x.dim(0), outC}, out));
  }

  private static TensorInfo convTranspose(NodeCtx c) {
    TensorInfo x = c.in(0);
    TensorInfo w = c.in(1);
    requireRank(x, 3, "ConvTranspose input X");
    long group = c.attrInt("group", 1);
    if (w.rank() != x.rank() || w.dim(0) != x.dim(1)) {
      throw new ShapeException("weight " + w.shapeText() + " must be [C=" + x.dim(1) + ", M/group, k...] for input "
          + x.shapeText());
    }
    long outC = w.dim(1) * group;
    int n = x.rank() - 2;
    long[] k = kernelShape(c, w, n);
    long[] strides = intsOr(c, "strides", n, 1);
    long[] dil = intsOr(c, "dilations", n, 1);
    long[] pads = intsOr(c, "pads", 2 * n, 0);
    long[] outPad = intsOr(c, "output_padding", n, 0);
    long[] given = c.attrInts("output_shape");
    String autoPad = c.attrString("auto_pad", "NOTSET");
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      long in = x.dim(2 + i);
      if (given != null && given.length > 0) {
        out[i] = given[given.length - n + i];
      } else if (autoPad.startsWith("SAME")) {
        out[i] = in * strides[i];
      } else {
        long p = autoPad.equals("VALID") ? 0 : pads[i] + pads[i + n];
        out[i] = strides[i] * (in - 1) + outPad[i] + (k[i] - 1) * dil[i] + 1 - p;
      }
      if (out[i] < 1) {
        throw new ShapeException("output size " + out[i] + " on spatial axis " + i + " is not positive");
      }
    }
    return TensorInfo.of(x.elemType(), concat(new long[] {x.dim(0), outC}, out));
  }

  private static TensorInfo gemm(NodeCtx c) {
    TensorInfo a = c.in(0);
    TensorInfo b = c.in(1);
    if (a.rank() != 2 || b.rank() != 2) {
      throw new ShapeException("A " + a.shapeText() + " and B " + b.shapeText() + " must be 2-D");
    }
    boolean ta = c.attrInt("transA", 0) != 0;
    boolean tb = c.attrInt("transB", 0) != 0;
    long m = ta ? a.dim(1) : a.dim(0);
    long ka = ta ? a.dim(0) : a.dim(1);
    long kb = tb ? b.dim(1) : b.dim(0);
    long n = tb ? b.dim(0) : b.dim(1);
    if (ka != kb) {
      throw new ShapeException("inner dimensions differ: A " + a.shapeText() + (ta ? " (transposed)" : "") + " and B "
          + b.shapeText() + (tb ? " (transposed)" : "") + " give K " + ka + " vs " + kb);
    }
    long[] out = {m, n};
    TensorInfo cc = c.opt(2);
    if (cc != null && !Arrays.equals(broadcast(out, cc.shape()), out)) {
      throw new ShapeException("C " + cc.shapeText() + " does not broadcast to " + TensorInfo.shapeText(out));
    }
    return TensorInfo.of(a.elemType(), out);
  }

  private static TensorInfo matMul(NodeCtx c) {
    long[] a = c.in(0).shape();
    long[] b = c.in(1).shape();
    if (a.length == 0 || b.length == 0) {
      throw new ShapeException("MatMul inputs must not be scalars");
    }
    long[] aa = a.length == 1 ? new long[] {1, a[0]} : a;
    long[] bb = b.length == 1 ? new long[] {b[0], 1} : b;
    if (aa[aa.length - 1] != bb[bb.length - 2]) {
      throw new ShapeException("inner dimensions differ: " + TensorInfo.shapeText(a) + " x " + TensorInfo.shapeText(b));
    }
    long[] batch = broadcast(Arrays.copyOf(aa, aa.length - 2), Arrays.copyOf(bb, bb.length - 2));
    List<Long> out = new ArrayList<>();
    for (long d : batch) {
      out.add(d);
    }
    if (a.length > 1) {
      out.add(aa[aa.length - 2]);
    }
    if (b.length > 1) {
      out.add(bb[bb.length - 1]);
    }
    return TensorInfo.of(c.in(0).elemType(), out.stream().mapToLong(Long::longValue).toArray());
  }

  private static List<TensorInfo> batchNorm(NodeCtx c) {
    TensorInfo x = c.in(0);
    requireRank(x, 2, "BatchNormalization input X");
    long ch = x.dim(1);
    for (int i = 1; i <= 4; i++) {
      TensorInfo p = c.opt(i);
      if (p != null && (p.rank() != 1 || p.dim(0) != ch)) {
        throw new ShapeException("input " + i + " " + p.shapeText() + " must have " + ch + " elements (channels of "
            + x.shapeText() + ")");
      }
    }
    TensorInfo stat = TensorInfo.of(x.elemType(), ch);
    return List.of(TensorInfo.of(x.elemType(), x.shape()), stat, stat, stat, stat);
  }

  private static List<TensorInfo> layerNorm(NodeCtx c) {
    TensorInfo x = c.in(0);
    int axis = NodeCtx.axis(c.attrInt("axis", -1), x.rank());
    long[] stat = x.shape().clone();
    for (int i = axis; i < stat.length; i++) {
      stat[i] = 1;
    }
    int statType = (int) c.attrInt("stash_type", DataTypes.FLOAT);
    return List.of(TensorInfo.of(x.elemType(), x.shape()), TensorInfo.of(statType, stat),
        TensorInfo.of(statType, stat));
  }

  // ---------------------------------------------------------------- pooling and reduction

  private static List<TensorInfo> pool(NodeCtx c) {
    TensorInfo x = c.in(0);
    requireRank(x, 3, c.op() + " input X");
    long[] k = c.attrInts("kernel_shape");
    if (k == null) {
      throw new ShapeException("kernel_shape attribute is required");
    }
    int n = x.rank() - 2;
    if (k.length != n) {
      throw new ShapeException("kernel_shape " + Tensors.text(k) + " does not match " + n + " spatial dims");
    }
    long[] out = windowOutput(c, Arrays.copyOfRange(x.shape(), 2, x.rank()), k, true);
    long[] shape = concat(new long[] {x.dim(0), x.dim(1)}, out);
    return List.of(TensorInfo.of(x.elemType(), shape), TensorInfo.of(DataTypes.INT64, shape));
  }

  private static TensorInfo globalPool(NodeCtx c) {
    TensorInfo x = c.in(0);
    requireRank(x, 3, c.op() + " input X");
    long[] s = x.shape().clone();
    for (int i = 2; i < s.length; i++) {
      s[i] = 1;
    }
    return TensorInfo.of(x.elemType(), s);
  }

  private static TensorInfo reduce(NodeCtx c) {
    TensorInfo x = c.in(0);
    boolean axesAsInput = c.opset >= 18 || (c.op().equals("ReduceSum") && c.opset >= 13);
    long[] axes;
    if (axesAsInput) {
      TensorInfo a = c.optNonEmpty(1);
      axes = a == null ? null : c.constLongs(1, "axes");
    } else {
      axes = c.attrInts("axes");
    }
    boolean keep = c.attrInt("keepdims", 1) != 0;
    if (axes == null || axes.length == 0) {
      if (c.attrInt("noop_with_empty_axes", 0) != 0) {
        return TensorInfo.of(x.elemType(), x.shape());
      }
      axes = new long[x.rank()];
      for (int i = 0; i < axes.length; i++) {
        axes[i] = i;
      }
    }
    boolean[] reduced = new boolean[x.rank()];
    for (long a : axes) {
      reduced[NodeCtx.axis(a, x.rank())] = true;
    }
    List<Long> out = new ArrayList<>();
    for (int i = 0; i < x.rank(); i++) {
      if (!reduced[i]) {
        out.add(x.dim(i));
      } else if (keep) {
        out.add(1L);
      }
    }
    return TensorInfo.of(x.elemType(), out.stream().mapToLong(Long::longValue).toArray());
  }

  private static TensorInfo argReduce(NodeCtx c) {
    TensorInfo x = c.in(0);
    int axis = NodeCtx.axis(c.attrInt("axis", 0), x.rank());
    boolean keep = c.attrInt("keepdims", 1) != 0;
    List<Long> out = new ArrayList<>();
    for (int i = 0; i < x.rank(); i++) {
      if (i != axis) {
        out.add(x.dim(i));
      } else if (keep) {
        out.add(1L);
      }
    }
    return TensorInfo.of(DataTypes.INT64, out.stream().mapToLong(Long::longValue).toArray());
  }

  private static List<TensorInfo> topK(NodeCtx c) {
    TensorInfo x = c.in(0);
    long k = c.opset >= 10 ? c.constLongs(1, "k")[0] : c.attrInt("k", -1);
    int axis = NodeCtx.axis(c.attrInt("axis", -1), x.rank());
    if (k < 0 || k > x.dim(axis)) {
      throw new ShapeException("k " + k + " is out of range for axis of size " + x.dim(axis));
    }
    long[] s = x.shape().clone();
    s[axis] = k;
    return List.of(TensorInfo.of(x.elemType(), s), TensorInfo.of(DataTypes.INT64, s));
  }

  // ---------------------------------------------------------------- data movement

  private static long[] concat(long[] a, long[] b) {
    long[] r = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }

  private static TensorInfo concat(NodeCtx c) {
    TensorInfo first = c.in(0);
    if (first.rank() == 0) {
      throw new ShapeException("cannot concatenate scalars");
    }
    int axis = NodeCtx.axis(c.attrInt("axis", c.opset < 4 ? 1 : 0), first.rank());
    long[] out = first.shape().clone();
    out[axis] = 0;
    boolean known = true;
    for (int i = 0; i < c.inputCount(); i++) {
      TensorInfo t = c.in(i);
      if (t.rank() != first.rank()) {
        throw new ShapeException("input " + i + " " + t.shapeText() + " differs in rank from " + first.shapeText());
      }
      for (int d = 0; d < t.rank(); d++) {
        if (d != axis && t.dim(d) != first.dim(d)) {
          throw new ShapeException("input " + i + " " + t.shapeText() + " differs from " + first.shapeText()
              + " on axis " + d + " (concatenating on axis " + axis + ")");
        }
      }
      out[axis] += t.dim(axis);
      known &= t.hasValue();
    }
    if (!known || !Tensors.small(out)) {
      return TensorInfo.of(first.elemType(), out);
    }
    long inner = 1;
    for (int d = axis + 1; d < out.length; d++) {
      inner *= out[d];
    }
    long outer = 1;
    for (int d = 0; d < axis; d++) {
      outer *= out[d];
    }
    boolean ints = first.ints() != null;
    int n = (int) TensorInfo.count(out);
    long[] li = new long[n];
    double[] ld = new double[n];
    int k = 0;
    for (long o = 0; o < outer; o++) {
      for (int i = 0; i < c.inputCount(); i++) {
        TensorInfo t = c.in(i);
        long block = t.dim(axis) * inner;
        for (long j = 0; j < block; j++) {
          int src = (int) (o * block + j);
          if (ints) {
            li[k] = t.longAt(src);
          } else {
            ld[k] = t.doubleAt(src);
          }
          k++;
        }
      }
    }
    return ints ? new TensorInfo(first.elemType(), out, li, null) : new TensorInfo(first.elemType(), out, null, ld);
  }

  private static List<TensorInfo> split(NodeCtx c) {
    TensorInfo x = c.in(0);
    int axis = NodeCtx.axis(c.attrInt("axis", 0), x.rank());
    int outputs = c.node.getOutputCount();
    long[] sizes;
    if (c.opset >= 13 && c.optNonEmpty(1) != null) {
      sizes = c.constLongs(1, "split sizes");
    } else if (c.opset < 13 && c.attrInts("split") != null && c.attrInts("split").length > 0) {
      sizes = c.attrInts("split");
    } else {
      long parts = c.has("num_outputs") ? c.attrInt("num_outputs", outputs) : outputs;
      long dim = x.dim(axis);
      sizes = new long[(int) parts];
      if (c.has("num_outputs")) {
        long each = ceilDiv(dim, parts);
        for (int i = 0; i < parts; i++) {
          sizes[i] = Math.max(0, Math.min(each, dim - each * i));
        }
      } else {
        if (dim % parts != 0) {
          throw new ShapeException("axis " + axis + " of size " + dim + " cannot be split evenly into " + parts);
        }
        Arrays.fill(sizes, dim / parts);
      }
    }
    if (sizes.length != outputs) {
      throw new ShapeException(sizes.length + " split sizes for " + outputs + " outputs");
    }
    long sum = 0;
    for (long s : sizes) {
      sum += s;
    }
    if (sum != x.dim(axis)) {
      throw new ShapeException("split sizes " + Tensors.text(sizes) + " sum to " + sum + ", not " + x.dim(axis));
    }
    List<TensorInfo> out = new ArrayList<>();
    long start = 0;
    for (long s : sizes) {
      long[] starts = new long[x.rank()];
      long[] shape = x.shape().clone();
      starts[axis] = start;
      shape[axis] = s;
      out.add(sliceValues(x, shape, starts, ones(x.rank())));
      start += s;
    }
    return out;
  }

  private static long[] ones(int n) {
    long[] r = new long[n];
    Arrays.fill(r, 1);
    return r;
  }

  /** A slice of {@code x} with the given output shape, start and step per axis, with values if known. */
  private static TensorInfo sliceValues(TensorInfo x, long[] shape, long[] starts, long[] steps) {
    if (!x.hasValue() || !Tensors.small(shape)) {
      return TensorInfo.of(x.elemType(), shape);
    }
    int n = (int) TensorInfo.count(shape);
    int[] idx = new int[n];
    long[] strides = Tensors.strides(x.shape());
    long[] pos = new long[shape.length];
    for (int k = 0; k < n; k++) {
      long src = 0;
      for (int d = 0; d < shape.length; d++) {
        src += (starts[d] + pos[d] * steps[d]) * strides[d];
      }
      idx[k] = (int) src;
      for (int d = shape.length - 1; d >= 0; d--) {
        if (++pos[d] < shape[d]) {
          break;
        }
        pos[d] = 0;
      }
    }
    return Tensors.gather(x.elemType(), shape, x, idx);
  }

  private static TensorInfo slice(NodeCtx c) {
    TensorInfo x = c.in(0);
    long[] starts;
    long[] ends;
    long[] axes;
    long[] steps;
    if (c.opset < 10) {
      starts = c.attrInts("starts");
      ends = c.attrInts("ends");
      axes = c.attrInts("axes");
      steps = null;
      if (starts == null || ends == null) {
        throw new ShapeException("starts and ends attributes are required");
      }
    } else {
      starts = c.constLongs(1, "starts");
      ends = c.constLongs(2, "ends");
      axes = c.optNonEmpty(3) == null ? null : c.constLongs(3, "axes");
      steps = c.optNonEmpty(4) == null ? null : c.constLongs(4, "steps");
    }
    if (starts.length != ends.length) {
      throw new ShapeException("starts " + Tensors.text(starts) + " and ends " + Tensors.text(ends) + " differ in length");
    }
    if (axes == null || axes.length == 0) {
      axes = new long[starts.length];
      for (int i = 0; i < axes.length; i++) {
        axes[i] = i;
      }
    }
    if (axes.length != starts.length || (steps != null && steps.length != starts.length)) {
      throw new ShapeException("starts, ends, axes and steps must have the same length");
    }
    long[] shape = x.shape().clone();
    long[] st = new long[x.rank()];
    long[] sp = ones(x.rank());
    for (int i = 0; i < axes.length; i++) {
      int a = NodeCtx.axis(axes[i], x.rank());
      long dim = x.dim(a);
      long step = steps == null ? 1 : steps[i];
      if (step == 0) {
        throw new ShapeException("step must not be 0");
      }
      long s = starts[i];
      long e = ends[i];
      s = s < 0 ? s + dim : s;
      e = e < 0 ? (e == Long.MIN_VALUE ? -1 : e + dim) : e;
      long len;
      if (step > 0) {
        s = clamp(s, 0, dim);
        e = clamp(e, 0, dim);
        len = e > s ? ceilDiv(e - s, step) : 0;
      } else {
        s = clamp(s, -1, dim - 1);
        e = clamp(e, -1, dim - 1);
        len = s > e ? ceilDiv(s - e, -step) : 0;
      }
      shape[a] = len;
      st[a] = s;
      sp[a] = step;
    }
    return sliceValues(x, shape, st, sp);
  }

  private static long clamp(long v, long lo, long hi) {
    return Math.max(lo, Math.min(hi, v));
  }

  private static TensorInfo reshape(NodeCtx c) {
    TensorInfo x = c.in(0);
    long[] target = c.opset < 5 ? c.attrInts("shape") : c.constLongs(1, "shape");
    if (target == null) {
      throw new ShapeException("shape is required");
    }
    boolean allowZero = c.attrInt("allowzero", 0) != 0;
    long[] out = target.clone();
    int minus = -1;
    long known = 1;
    for (int i = 0; i < out.length; i++) {
      if (out[i] == 0 && !allowZero) {
        if (i >= x.rank()) {
          throw new ShapeException("shape " + Tensors.text(target) + " copies dim " + i + " that input "
              + x.shapeText() + " does not have");
        }
        out[i] = x.dim(i);
      }
      if (out[i] == -1) {
        if (minus >= 0) {
          throw new ShapeException("shape " + Tensors.text(target) + " has more than one -1");
        }
        minus = i;
      } else if (out[i] < 0) {
        throw new ShapeException("shape " + Tensors.text(target) + " has invalid dim " + out[i]);
      } else {
        known *= out[i];
      }
    }
    if (minus >= 0) {
      if (known == 0 || x.elements() % known != 0) {
        throw new ShapeException("cannot reshape " + x.shapeText() + " to " + Tensors.text(target));
      }
      out[minus] = x.elements() / known;
    } else if (known != x.elements()) {
      throw new ShapeException("cannot reshape " + x.shapeText() + " (" + x.elements() + " elements) to "
          + Tensors.text(target) + " (" + known + " elements)");
    }
    return Tensors.reshaped(x, out);
  }

  private static TensorInfo flatten(NodeCtx c) {
    TensorInfo x = c.in(0);
    long axis = c.attrInt("axis", 1);
    int a = (int) (axis < 0 ? axis + x.rank() : axis);
    if (a < 0 || a > x.rank()) {
      throw new ShapeException("axis " + axis + " is out of range for rank " + x.rank());
    }
    long outer = 1;
    for (int i = 0; i < a; i++) {
      outer *= x.dim(i);
    }
    long inner = 1;
    for (int i = a; i < x.rank(); i++) {
      inner *= x.dim(i);
    }
    return Tensors.reshaped(x, new long[] {outer, inner});
  }

  private static TensorInfo transpose(NodeCtx c) {
    TensorInfo x = c.in(0);
    long[] perm = c.attrInts("perm");
    int r = x.rank();
    if (perm == null || perm.length == 0) {
      perm = new long[r];
      for (int i = 0; i < r; i++) {
        perm[i] = r - 1 - i;
      }
    }
    if (perm.length != r) {
      throw new ShapeException("perm " + Tensors.text(perm) + " does not match rank " + r);
    }
    long[] out = new long[r];
    boolean[] used = new boolean[r];
    for (int i = 0; i < r; i++) {
      int p = NodeCtx.axis(perm[i], r);
      if (used[p]) {
        throw new ShapeException("perm " + Tensors.text(perm) + " is not a permutation");
      }
      used[p] = true;
      out[i] = x.dim(p);
    }
    if (!x.hasValue()) {
      return TensorInfo.of(x.elemType(), out);
    }
    long[] inStrides = Tensors.strides(x.shape());
    // Output axis d walks input axis perm[d].
    int n = (int) TensorInfo.count(out);
    int[] idx = new int[n];
    long[] pos = new long[r];
    for (int k = 0; k < n; k++) {
      long src = 0;
      for (int d = 0; d < r; d++) {
        src += pos[d] * inStrides[NodeCtx.axis(perm[d], r)];
      }
      idx[k] = (int) src;
      for (int d = r - 1; d >= 0; d--) {
        if (++pos[d] < out[d]) {
          break;
        }
        pos[d] = 0;
      }
    }
    return Tensors.gather(x.elemType(), out, x, idx);
  }

  private static TensorInfo gather(NodeCtx c) {
    TensorInfo data = c.in(0);
    TensorInfo indices = c.in(1);
    if (data.rank() == 0) {
      throw new ShapeException("data must not be a scalar");
    }
    int axis = NodeCtx.axis(c.attrInt("axis", 0), data.rank());
    long[] out = concat(concat(Arrays.copyOf(data.shape(), axis), indices.shape()),
        Arrays.copyOfRange(data.shape(), axis + 1, data.rank()));
    if (!data.hasValue() || !indices.hasValue() || !Tensors.small(out)) {
      return TensorInfo.of(data.elemType(), out);
    }
    long dim = data.dim(axis);
    long inner = 1;
    for (int d = axis + 1; d < data.rank(); d++) {
      inner *= data.dim(d);
    }
    long outer = 1;
    for (int d = 0; d < axis; d++) {
      outer *= data.dim(d);
    }
    long[] ix = indices.longs();
    int[] idx = new int[(int) TensorInfo.count(out)];
    int k = 0;
    for (long o = 0; o < outer; o++) {
      for (long i : ix) {
        long j = i < 0 ? i + dim : i;
        if (j < 0 || j >= dim) {
          throw new ShapeException("index " + i + " is out of range for axis " + axis + " of size " + dim);
        }
        for (long in = 0; in < inner; in++) {
          idx[k++] = (int) ((o * dim + j) * inner + in);
        }
      }
    }
    return Tensors.gather(data.elemType(), out, data, idx);
  }

  private static TensorInfo shape(NodeCtx c) {
    long[] s = c.in(0).shape();
    int r = s.length;
    long start = c.attrInt("start", 0);
    long end = c.attrInt("end", r);
    int a = (int) clamp(start < 0 ? start + r : start, 0, r);
    int b = (int) clamp(end < 0 ? end + r : end, 0, r);
    return Tensors.int64s(Arrays.copyOfRange(s, a, Math.max(a, b)));
  }

  private static TensorInfo constant(NodeCtx c) {
    if (c.attrTensor("value") != null) {
      return Tensors.fromProto(c.attrTensor("value"));
    }
    if (c.has("value_int")) {
      return new TensorInfo(DataTypes.INT64, new long[0], new long[] {c.attrInt("value_int", 0)}, null);
    }
    if (c.has("value_ints")) {
      return Tensors.int64s(c.attrInts("value_ints"));
    }
    if (c.has("value_float")) {
      return new TensorInfo(DataTypes.FLOAT, new long[0], null, new double[] {c.attrFloat("value_float", 0)});
    }
    if (c.has("value_floats")) {
      double[] v = c.attrFloats("value_floats");
      return new TensorInfo(DataTypes.FLOAT, new long[] {v.length}, null, v);
    }
    throw new ShapeException("Constant without a value, value_int(s) or value_float(s) attribute is not supported");
  }

  private static TensorInfo constantOfShape(NodeCtx c) {
    long[] shape = c.constLongs(0, "shape");
    for (long d : shape) {
      if (d < 0) {
        throw new ShapeException("shape " + Tensors.text(shape) + " has a negative dim");
      }
    }
    TensorInfo v = c.attrTensor("value") == null
        ? new TensorInfo(DataTypes.FLOAT, new long[] {1}, null, new double[] {0})
        : Tensors.fromProto(c.attrTensor("value"));
    if (!v.hasValue() || !Tensors.small(shape)) {
      return TensorInfo.of(v.elemType(), shape);
    }
    return Tensors.gather(v.elemType(), shape, v, new int[(int) TensorInfo.count(shape)]);
  }

  private static TensorInfo squeeze(NodeCtx c) {
    TensorInfo x = c.in(0);
    long[] axes = c.opset >= 13 ? (c.optNonEmpty(1) == null ? null : c.constLongs(1, "axes")) : c.attrInts("axes");
    boolean[] drop = new boolean[x.rank()];
    if (axes == null || axes.length == 0) {
      for (int i = 0; i < x.rank(); i++) {
        drop[i] = x.dim(i) == 1;
      }
    } else {
      for (long a : axes) {
        int i = NodeCtx.axis(a, x.rank());
        if (x.dim(i) != 1) {
          throw new ShapeException("cannot squeeze axis " + a + " of size " + x.dim(i) + " in " + x.shapeText());
        }
        drop[i] = true;
      }
    }
    List<Long> out = new ArrayList<>();
    for (int i = 0; i < x.rank(); i++) {
      if (!drop[i]) {
        out.add(x.dim(i));
      }
    }
    return Tensors.reshaped(x, out.stream().mapToLong(Long::longValue).toArray());
  }

  private static TensorInfo unsqueeze(NodeCtx c) {
    TensorInfo x = c.in(0);
    long[] axes = c.opset >= 13 ? c.constLongs(1, "axes") : c.attrInts("axes");
    if (axes == null || axes.length == 0) {
      throw new ShapeException("axes are required");
    }
    int r = x.rank() + axes.length;
    boolean[] inserted = new boolean[r];
    for (long a : axes) {
      int i = NodeCtx.axis(a, r);
      if (inserted[i]) {
        throw new ShapeException("axes " + Tensors.text(axes) + " repeat axis " + i);
      }
      inserted[i] = true;
    }
    long[] out = new long[r];
    int k = 0;
    for (int i = 0; i < r; i++) {
      out[i] = inserted[i] ? 1 : x.dim(k++);
    }
    return Tensors.reshaped(x, out);
  }

  private static TensorInfo expand(NodeCtx c) {
    TensorInfo x = c.in(0);
    long[] out = broadcast(x.shape(), c.constLongs(1, "shape"));
    if (!x.hasValue() || !Tensors.small(out)) {
      return TensorInfo.of(x.elemType(), out);
    }
    return Tensors.gather(x.elemType(), out, x, Tensors.broadcastIndex(out, x.shape()));
  }

  private static TensorInfo tile(NodeCtx c) {
    TensorInfo x = c.in(0);
    long[] reps = c.constLongs(1, "repeats");
    if (reps.length != x.rank()) {
      throw new ShapeException("repeats " + Tensors.text(reps) + " do not match rank " + x.rank());
    }
    long[] out = new long[x.rank()];
    for (int i = 0; i < out.length; i++) {
      out[i] = x.dim(i) * reps[i];
    }
    return TensorInfo.of(x.elemType(), out);
  }

  private static TensorInfo range(NodeCtx c) {
    double start = c.constDoubles(0, "start")[0];
    double limit = c.constDoubles(1, "limit")[0];
    double delta = c.constDoubles(2, "delta")[0];
    if (delta == 0) {
      throw new ShapeException("delta must not be 0");
    }
    long n = Math.max((long) Math.ceil((limit - start) / delta), 0);
    int type = c.in(0).elemType();
    if (!Tensors.small(new long[] {n})) {
      return TensorInfo.of(type, n);
    }
    double[] v = new double[(int) n];
    for (int i = 0; i < n; i++) {
      v[i] = start + i * delta;
    }
    return Tensors.cast(new TensorInfo(DataTypes.DOUBLE, new long[] {n}, null, v), type);
  }

  private static TensorInfo pad(NodeCtx c) {
    TensorInfo x = c.in(0);
    int r = x.rank();
    long[] pads = c.opset < 11 ? c.attrInts("pads") : c.constLongs(1, "pads");
    if (pads == null) {
      throw new ShapeException("pads are required");
    }
    long[] axes;
    if (c.opset >= 18 && c.optNonEmpty(3) != null) {
      axes = c.constLongs(3, "axes");
    } else {
      axes = new long[r];
      for (int i = 0; i < r; i++) {
        axes[i] = i;
      }
    }
    if (pads.length != 2 * axes.length) {
      throw new ShapeException("pads " + Tensors.text(pads) + " must have " + 2 * axes.length + " values");
    }
    long[] out = x.shape().clone();
    for (int i = 0; i < axes.length; i++) {
      int a = NodeCtx.axis(axes[i], r);
      out[a] += pads[i] + pads[i + axes.length];
      if (out[a] < 0) {
        throw new ShapeException("pads " + Tensors.text(pads) + " make axis " + a + " negative");
      }
    }
    return TensorInfo.of(x.elemType(), out);
  }

  private static TensorInfo resize(NodeCtx c) {
    TensorInfo x = c.in(0);
    int r = x.rank();
    double[] scales = null;
    long[] sizes = null;
    if (c.op().equals("Upsample")) {
      scales = c.opset >= 9 ? c.constDoubles(1, "scales") : c.attrFloats("scales");
    } else if (c.opset < 11) {
      scales = c.constDoubles(1, "scales");
    } else {
      if (c.optNonEmpty(3) != null) {
        sizes = c.constLongs(3, "sizes");
      } else if (c.optNonEmpty(2) != null) {
        scales = c.constDoubles(2, "scales");
      } else {
        throw new ShapeException("needs scales or sizes");
      }
    }
    long[] axes = c.attrInts("axes");
    if (axes == null || axes.length == 0) {
      axes = new long[r];
      for (int i = 0; i < r; i++) {
        axes[i] = i;
      }
    }
    long[] out = x.shape().clone();
    if (scales != null) {
      if (scales.length != axes.length) {
        throw new ShapeException(scales.length + " scales for " + axes.length + " axes");
      }
      for (int i = 0; i < axes.length; i++) {
        int a = NodeCtx.axis(axes[i], r);
        out[a] = (long) Math.floor(x.dim(a) * scales[i]);
      }
    } else {
      if (sizes.length != axes.length) {
        throw new ShapeException(sizes.length + " sizes for " + axes.length + " axes");
      }
      String policy = c.attrString("keep_aspect_ratio_policy", "stretch");
      double scale = policy.equals("not_larger") ? Double.MAX_VALUE : 0;
      for (int i = 0; i < axes.length; i++) {
        double s = (double) sizes[i] / x.dim(NodeCtx.axis(axes[i], r));
        scale = policy.equals("not_larger") ? Math.min(scale, s) : Math.max(scale, s);
      }
      for (int i = 0; i < axes.length; i++) {
        int a = NodeCtx.axis(axes[i], r);
        out[a] = policy.equals("stretch") ? sizes[i] : Math.round(scale * x.dim(a));
      }
    }
    return TensorInfo.of(x.elemType(), out);
  }

  private static TensorInfo depthSpace(NodeCtx c) {
    TensorInfo x = c.in(0);
    if (x.rank() != 4) {
      throw new ShapeException("input must be 4-D, got " + x.shapeText());
    }
    long b = c.attrInt("blocksize", 0);
    if (b < 1) {
      throw new ShapeException("blocksize must be >= 1");
    }
    if (c.op().equals("DepthToSpace")) {
      if (x.dim(1) % (b * b) != 0) {
        throw new ShapeException("channels " + x.dim(1) + " are not divisible by blocksize^2 " + b * b);
      }
      return TensorInfo.of(x.elemType(), x.dim(0), x.dim(1) / (b * b), x.dim(2) * b, x.dim(3) * b);
    }
    if (x.dim(2) % b != 0 || x.dim(3) % b != 0) {
      throw new ShapeException("spatial dims of " + x.shapeText() + " are not divisible by blocksize " + b);
    }
    return TensorInfo.of(x.elemType(), x.dim(0), x.dim(1) * b * b, x.dim(2) / b, x.dim(3) / b);
  }
}
