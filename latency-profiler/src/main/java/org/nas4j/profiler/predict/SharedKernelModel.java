package org.nas4j.profiler.predict;

import java.util.List;
import java.util.Map;

/**
 * The latency model that transfers across network families ({@code kernel-shared}): every kernel the runtime
 * executes costs the same launch overhead, the same time per multiply-accumulate and the same time per byte moved,
 * whatever its type, so a kernel never seen in fitting (a depthwise conv when fitted on NB201, a 3x3 dense conv when
 * fitted on FBNet) is priced by the same physics as the ones that were:
 *
 * <pre>latency = interceptMs + sum over kernels of (perKernelMs + perMegaMacMs * MMACs + perMegabyteMs * MB)</pre>
 *
 * <p>Kernels a converter removes are free: {@code .const} (folded), {@code .dead} (result never reaches the output)
 * and {@code .dup} (the same op already applied to the same tensor). The three slopes are constrained to be
 * non-negative, so the cost is monotone in work. A prediction is never below {@code floorMs} (> 0): the fitted
 * intercept, the fixed cost of one inference, when it is positive (then the floor never binds: every other term is
 * {@code >= 0}); else the smallest latency fitted on. Not that smallest latency always: this model prices other
 * families, whose networks can be far smaller than the fitted ones (the smallest FBNet network takes 8.3 ms on the
 * Pixel 3, a tenth of the NB201 cells take under 3.3 ms). Per-type coefficients ({@link KernelLinearPredictor}) fit one table
 * better but do not transfer (docs/latency-predictor.md has the numbers for both). Immutable and thread-safe.
 *
 * @param interceptMs constant per network (unconstrained)
 * @param perKernelMs launch overhead per executed kernel, {@code >= 0}
 * @param perMegaMacMs ms per 1e6 multiply-accumulates, {@code >= 0}
 * @param perMegabyteMs ms per 1e6 bytes read and written, {@code >= 0}
 * @param floorMs the smallest prediction, {@code > 0}
 */
public record SharedKernelModel(double interceptMs, double perKernelMs, double perMegaMacMs, double perMegabyteMs,
    double floorMs) implements LatencyPredictor {

  public SharedKernelModel {
    if (!Double.isFinite(interceptMs)) {
      throw new IllegalArgumentException("interceptMs must be finite, got " + interceptMs);
    }
    nonNegative("perKernelMs", perKernelMs);
    nonNegative("perMegaMacMs", perMegaMacMs);
    nonNegative("perMegabyteMs", perMegabyteMs);
    if (!(floorMs > 0) || !Double.isFinite(floorMs)) {
      throw new IllegalArgumentException("floorMs must be finite and > 0, got " + floorMs);
    }
  }

  private static void nonNegative(String name, double v) {
    if (!(v >= 0) || !Double.isFinite(v)) {
      throw new IllegalArgumentException(name + " must be finite and >= 0, got " + v);
    }
  }

  @Override
  public double predictMs(List<OpSpec> ops) {
    return predictMs(NetworkFeatures.of(ops));
  }

  /** Prediction from precomputed features; same contract as {@link #predictMs(List)}. */
  public double predictMs(NetworkFeatures features) {
    double[] w = work(features);
    return Math.max(floorMs, interceptMs + perKernelMs * w[0] + perMegaMacMs * w[1] + perMegabyteMs * w[2]);
  }

  /** {executed kernels, MMACs, MB} of a network: the sums over kernel classes without a removal qualifier. */
  public static double[] work(NetworkFeatures features) {
    double[] w = new double[3];
    for (Map.Entry<String, double[]> e : features.byClass().entrySet()) {
      if (removed(e.getKey())) {
        continue;
      }
      double[] f = e.getValue();
      w[0] += f[NetworkFeatures.COUNT];
      w[1] += f[NetworkFeatures.MEGA_MACS];
      w[2] += f[NetworkFeatures.MEGABYTES];
    }
    return w;
  }

  /** Whether a kernel class is one a converter removes ({@code .const}, {@code .dead}, {@code .dup}). */
  static boolean removed(String classKey) {
    return classKey.contains(".const") || classKey.contains(".dead") || classKey.contains(".dup");
  }

  /**
   * Least-squares fit on whole-network latencies, slopes non-negative, intercept free (no ridge beyond the
   * numerical floor: three columns need none).
   *
   * @throws IllegalArgumentException if the sizes differ, there are no networks or a latency is not {@code > 0}
   */
  public static SharedKernelModel fit(List<NetworkFeatures> networks, double[] latencyMs) {
    if (networks.size() != latencyMs.length || networks.isEmpty()) {
      throw new IllegalArgumentException("need as many latencies as networks, at least one, got " + networks.size()
          + " and " + latencyMs.length);
    }
    double[][] x = new double[networks.size()][];
    for (int r = 0; r < x.length; r++) {
      double[] w = work(networks.get(r));
      x[r] = new double[] {w[0], w[1], w[2], 1};
    }
    double[] b = RidgeRegression.solve(x, latencyMs, 0, 3, true);
    double smallest = KernelLinearFitter.minPositive(latencyMs);
    return new SharedKernelModel(b[3], Math.max(0, b[0]), Math.max(0, b[1]), Math.max(0, b[2]),
        b[3] > 0 ? b[3] : smallest);
  }
}
