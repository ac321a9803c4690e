package org.nas4j.search.dl4j;

import java.lang.reflect.Field;
import java.nio.FloatBuffer;
import java.util.Map;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.layers.normalization.BatchNormalizationHelper;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Batch normalisation of NCHW float32 activations, forward and backward, as plain loops over the arrays' memory: a
 * DL4J {@link BatchNormalizationHelper} that {@link #install} puts in place of DL4J's oneDNN helper on every
 * {@code BatchNormalization} layer of a graph.
 *
 * <p>Why: in DL4J M2.1 the oneDNN helper computes each batch's variance with ND4J's generic strided reduction over
 * dimensions (0, 2, 3) and its backward op adds five broadcast passes to oneDNN's own; on a plain 4-layer CNN
 * (batch 128, 28x28, one thread) {@code perf} put about 28% of a training step there, more than in the
 * convolutions. Here the forward pass reads the input twice (statistics, output) and writes the output once; the
 * backward pass reads input and gradient twice and writes the input gradient once. Each (image, channel) plane is
 * contiguous in NCHW: it is copied into a plane-sized array, worked on there and copied back. The variance
 * combines each plane's mean and sum of squared deviations from it (Chan et al.), so it stays exact when the mean
 * is large against the spread. Sums within a plane are float with four partial sums; planes are added in double.
 *
 * <p>Semantics are DL4J's: batch statistics in training with the biased variance (which DL4J also feeds into its
 * running variance, {@code decay} applied by the layer from {@link #getMeanCache}/{@link #getVarCache}); the running
 * statistics otherwise; {@code y = gamma * (x - mean) / sqrt(var + eps) + beta}. Results agree with the oneDNN
 * helper to float rounding, not bit for bit; they are deterministic: each channel's sums run in a fixed order on one
 * thread. When DL4J runs with more than one OpenMP thread, channels (statistics) and images (outputs) are spread over
 * the common fork-join pool, with the same results.
 *
 * <p>Other layouts and data types return {@code null}, which makes the layer use its built-in implementation. One
 * instance per layer; not thread-safe (a layer is only ever run by one thread at a time).
 */
public final class NchwBatchNormHelper implements BatchNormalizationHelper {
  private static final Logger LOG = LoggerFactory.getLogger(NchwBatchNormHelper.class);
  private static final Field HELPER_FIELD = helperField();
  /** Below this many elements the loops stay on the calling thread. */
  private static final long PARALLEL_MIN_ELEMENTS = 1 << 16;

  private INDArray meanCache;
  private INDArray varCache;
  private float[] mean = new float[0];
  private float[] invStd = new float[0];

  /** Creates a helper with no cached statistics. */
  public NchwBatchNormHelper() {}

  /**
   * Puts a new helper into every {@code BatchNormalization} layer of {@code graph}. Returns the number of layers
   * changed; 0 (and a warning, once per call) when DL4J's layer class has no {@code helper} field to set, in which
   * case the graph keeps DL4J's helpers and trains correctly, only slower.
   */
  public static int install(ComputationGraph graph) {
    return install(graph, NchwBatchNormHelper::new);
  }

  /**
   * As {@link #install(ComputationGraph)}, with the helpers from {@code helpers} ({@code null}: DL4J's built-in
   * code).
   */
  static int install(ComputationGraph graph, Supplier<BatchNormalizationHelper> helpers) {
    if (HELPER_FIELD == null) {
      return 0;
    }
    int count = 0;
    for (Layer l : graph.getLayers()) {
      if (l instanceof BatchNormalization bn) {
        try {
          HELPER_FIELD.set(bn, helpers.get());
          count++;
        } catch (IllegalAccessException e) {
          LOG.warn("cannot install the NCHW BatchNorm helper: {}", e.toString());
          return count;
        }
      }
    }
    return count;
  }

  /** Whether {@link #install} put this helper into {@code graph}'s BatchNormalization layers. */
  public static boolean installedIn(ComputationGraph graph) {
    if (HELPER_FIELD == null) {
      return false;
    }
    for (Layer l : graph.getLayers()) {
      if (l instanceof BatchNormalization bn) {
        try {
          return HELPER_FIELD.get(bn) instanceof NchwBatchNormHelper;
        } catch (IllegalAccessException e) {
          return false;
        }
      }
    }
    return false;
  }

  private static Field helperField() {
    try {
      Field f = BatchNormalization.class.getDeclaredField("helper");
      if (!BatchNormalizationHelper.class.isAssignableFrom(f.getType())) {
        throw new NoSuchFieldException("helper has type " + f.getType());
      }
      f.setAccessible(true);
      return f;
    } catch (NoSuchFieldException | RuntimeException e) {
      LOG.warn("DL4J's BatchNormalization layer has no settable helper field ({}); BatchNorm uses DL4J's own "
          + "implementation", e.toString());
      return null;
    }
  }

  @Override
  public boolean checkSupported(double eps, boolean fixedGammaBeta) {
    return !fixedGammaBeta;
  }

  @Override
  public boolean checkSupported() {
    return true;
  }

  @Override
  public Map<String, Long> helperMemoryUse() {
    return Map.of();
  }

  @Override
  public INDArray getMeanCache(DataType dataType) {
    return meanCache;
  }

  @Override
  public INDArray getVarCache(DataType dataType) {
    return varCache;
  }

  private static boolean supported(INDArray x, CNN2DFormat format) {
    return x.rank() == 4 && format == CNN2DFormat.NCHW && x.dataType() == DataType.FLOAT;
  }

  @Override
  public INDArray preOutput(INDArray x, boolean training, long[] shape, INDArray gamma, INDArray beta,
      INDArray runningMean, INDArray runningVar, double decay, double eps, CNN2DFormat format,
      LayerWorkspaceMgr workspaceMgr) {
    if (!supported(x, format) || gamma == null || beta == null) {
      return null;
    }
    INDArray in = contiguous(x);
    int n = (int) in.size(0);
    int c = (int) in.size(1);
    int plane = (int) (in.size(2) * in.size(3));
    FloatBuffer xs = floats(in);
    float[] scale = new float[c];
    float[] shift = new float[c];
    float[] g = vector(gamma, c);
    float[] b = vector(beta, c);
    boolean parallel = parallel(in);
    if (training) {
      if (mean.length != c) {
        mean = new float[c];
        invStd = new float[c];
        try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
          meanCache = Nd4j.create(DataType.FLOAT, c);
          varCache = Nd4j.create(DataType.FLOAT, c);
        }
      }
      float[] var = new float[c];
      forEach(c, parallel, ch -> {
        // each plane's mean and sum of squared deviations from it, combined exactly (Chan et al.)
        float[] xp = new float[plane];
        double[] planeMean = new double[n];
        double sum = 0;
        double squares = 0;
        for (int i = 0; i < n; i++) {
          xs.get((i * c + ch) * plane, xp);
          float pm = (float) (sum(xp) / plane);
          planeMean[i] = pm;
          sum += (double) pm * plane;
          squares += centeredProduct(xp, pm, xp, pm);
        }
        double m = sum / ((double) n * plane);
        for (int i = 0; i < n; i++) {
          double d = planeMean[i] - m;
          squares += d * d * plane;
        }
        var[ch] = (float) (squares / ((double) n * plane));
        mean[ch] = (float) m;
        invStd[ch] = (float) (1.0 / Math.sqrt(var[ch] + eps));
        scale[ch] = g[ch] * invStd[ch];
        shift[ch] = b[ch] - mean[ch] * scale[ch];
      });
      for (int ch = 0; ch < c; ch++) {
        meanCache.putScalar(ch, mean[ch]);
        varCache.putScalar(ch, var[ch]);
      }
    } else {
      float[] m = vector(runningMean, c);
      float[] v = vector(runningVar, c);
      for (int ch = 0; ch < c; ch++) {
        scale[ch] = (float) (g[ch] / Math.sqrt(v[ch] + eps));
        shift[ch] = b[ch] - m[ch] * scale[ch];
      }
    }
    INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT, in.shape(), 'c');
    FloatBuffer ys = floats(out);
    forEach(n, parallel, i -> {
      float[] xp = new float[plane];
      for (int ch = 0; ch < c; ch++) {
        int base = (i * c + ch) * plane;
        xs.get(base, xp);
        float sc = scale[ch];
        float sh = shift[ch];
        for (int k = 0; k < plane; k++) {
          xp[k] = xp[k] * sc + sh;
        }
        ys.put(base, xp);
      }
    });
    return out;
  }

  @Override
  public Pair<Gradient, INDArray> backpropGradient(INDArray x, INDArray epsilon, long[] shape, INDArray gamma,
      INDArray beta, INDArray dGammaView, INDArray dBetaView, double eps, CNN2DFormat format,
      LayerWorkspaceMgr workspaceMgr) {
    if (!supported(x, format) || gamma == null || dGammaView == null || mean.length != x.size(1)
        || epsilon.dataType() != DataType.FLOAT) {
      return null;
    }
    INDArray in = contiguous(x);
    INDArray dy = contiguous(epsilon);
    int n = (int) in.size(0);
    int c = (int) in.size(1);
    int plane = (int) (in.size(2) * in.size(3));
    FloatBuffer xs = floats(in);
    FloatBuffer dys = floats(dy);
    float[] g = vector(gamma, c);
    double count = (double) n * plane;
    float[] a = new float[c];
    float[] bx = new float[c];
    float[] d = new float[c];
    double[] dGamma = new double[c];
    double[] dBeta = new double[c];
    boolean parallel = parallel(in);
    forEach(c, parallel, ch -> {
      float[] xp = new float[plane];
      float[] dyp = new float[plane];
      double sumDy = 0;
      double sumDyXmu = 0;
      float m = mean[ch];
      for (int i = 0; i < n; i++) {
        int base = (i * c + ch) * plane;
        xs.get(base, xp);
        dys.get(base, dyp);
        sumDy += sum(dyp);
        sumDyXmu += centeredProduct(dyp, 0f, xp, m);
      }
      double is = invStd[ch];
      double dg = sumDyXmu * is; // dL/dgamma = sum(dy * xhat)
      dGamma[ch] = dg;
      dBeta[ch] = sumDy;
      // dx = gamma*invStd * (dy - sumDy/count - xhat * dg/count), written as a*dy + bx*x + d
      double k = g[ch] * is;
      a[ch] = (float) k;
      bx[ch] = (float) (-k * is * dg / count);
      d[ch] = (float) (-k * sumDy / count + k * is * dg / count * m);
    });
    INDArray dGammaFlat = dGammaView.reshape(c);
    INDArray dBetaFlat = dBetaView.reshape(c);
    for (int ch = 0; ch < c; ch++) {
      dGammaFlat.putScalar(ch, dGamma[ch]);
      dBetaFlat.putScalar(ch, dBeta[ch]);
    }
    INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, in.shape(), 'c');
    FloatBuffer dxs = floats(dx);
    forEach(n, parallel, i -> {
      float[] xp = new float[plane];
      float[] dyp = new float[plane];
      for (int ch = 0; ch < c; ch++) {
        int base = (i * c + ch) * plane;
        xs.get(base, xp);
        dys.get(base, dyp);
        float ka = a[ch];
        float kb = bx[ch];
        float kd = d[ch];
        for (int k = 0; k < plane; k++) {
          xp[k] = ka * dyp[k] + kb * xp[k] + kd;
        }
        dxs.put(base, xp);
      }
    });
    Gradient gradient = new DefaultGradient();
    gradient.setGradientFor(BatchNormalizationParamInitializer.GAMMA, dGammaView);
    gradient.setGradientFor(BatchNormalizationParamInitializer.BETA, dBetaView);
    return new Pair<>(gradient, dx);
  }

  /**
   * Whether to spread the loops over threads: when DL4J itself runs with more than one OpenMP thread on this thread
   * and the array is large enough to pay for it. Every channel's and every image's work is the same either way, so
   * the results are identical.
   */
  private static boolean parallel(INDArray a) {
    return a.length() >= PARALLEL_MIN_ELEMENTS && Dl4jRuntime.threads() > 1;
  }

  private static void forEach(int count, boolean parallel, IntConsumer body) {
    if (parallel) {
      IntStream.range(0, count).parallel().forEach(body);
    } else {
      for (int i = 0; i < count; i++) {
        body.accept(i);
      }
    }
  }

  private static INDArray contiguous(INDArray a) {
    return a.ordering() == 'c' && Shape.hasDefaultStridesForShape(a) ? a : a.dup('c');
  }

  /** The array's elements as a buffer indexed from 0 ({@code a} must be c-ordered with default strides). */
  private static FloatBuffer floats(INDArray a) {
    return a.data().asNioFloat().slice();
  }

  private static float[] vector(INDArray a, int length) {
    INDArray flat = a.reshape(length);
    float[] v = new float[length];
    for (int i = 0; i < length; i++) {
      v[i] = flat.getFloat(i);
    }
    return v;
  }

  private static double sum(float[] v) {
    float s0 = 0;
    float s1 = 0;
    float s2 = 0;
    float s3 = 0;
    int k = 0;
    for (; k + 4 <= v.length; k += 4) {
      s0 += v[k];
      s1 += v[k + 1];
      s2 += v[k + 2];
      s3 += v[k + 3];
    }
    for (; k < v.length; k++) {
      s0 += v[k];
    }
    return (double) (s0 + s1) + (s2 + s3);
  }

  /** The sum of {@code (a[k] - ma) * (b[k] - mb)} over the arrays (of equal length). */
  private static double centeredProduct(float[] a, float ma, float[] b, float mb) {
    float s0 = 0;
    float s1 = 0;
    float s2 = 0;
    float s3 = 0;
    int k = 0;
    for (; k + 4 <= a.length; k += 4) {
      s0 += (a[k] - ma) * (b[k] - mb);
      s1 += (a[k + 1] - ma) * (b[k + 1] - mb);
      s2 += (a[k + 2] - ma) * (b[k + 2] - mb);
      s3 += (a[k + 3] - ma) * (b[k + 3] - mb);
    }
    for (; k < a.length; k++) {
      s0 += (a[k] - ma) * (b[k] - mb);
    }
    return (double) (s0 + s1) + (s2 + s3);
  }
}
