package org.nas4j.profiler.predict;

import java.util.List;
import java.util.Map;

/**
 * The latency model that transfers across network families ({@code kernel-shared}): every kernel the runtime
 * executes costs the same launch overhead and the same time per unit of work, whatever its type, where work counts
 * multiply-accumulates and bytes moved at one fixed exchange rate (a byte costs as much as {@code r} MACs, the
 * device's balance of arithmetic against memory traffic):
 *
 * <pre>latency = interceptMs + sum over kernels of (perKernelMs + perMegaMacMs * (MMACs + r * MB))</pre>
 *
 * <p>so that {@code perMegabyteMs = r * perMegaMacMs}. A kernel never seen in fitting (a depthwise conv when fitted on
 * NB201, a 3x3 dense conv when fitted on FBNet) is priced by the same physics as the ones that were. Tying the two
 * slopes is what makes it transfer: fitted freely, NB201 alone prices bytes at 0 (its convs' bytes and MACs rise
 * together) and then under-prices every memory-bound depthwise conv of FBNet by a quarter. {@code r} is chosen from a
 * fixed grid ({@link #BYTE_COST_GRID}) as the one whose fit has the smallest median relative error on the rows it
 * is fitted on, never by the error on another family.
 *
 * <p>Kernels a converter removes are free: {@code .const} (folded), {@code .dead} (result never reaches the output)
 * and {@code .dup} (the same op already applied to the same tensor). Every coefficient, the intercept (the fixed cost
 * of one inference) included, is fitted non-negative, so the cost is monotone in work. A prediction is never below
 * {@code floorMs} (> 0), the model's own price of the smallest inference, intercept plus one kernel launch (it binds
 * only for a network that executes no kernel at all, such as an NB201 cell whose output is constant); only when
 * both are 0 the smallest latency fitted on. Not that smallest latency always: this model prices other families,
 * whose networks can be far smaller than the fitted ones (the smallest FBNet network takes 8.3 ms on the Pixel 3, a
 * tenth of the NB201 cells take under 3.3 ms; the FBNet-only fit has intercept 0). Per-type coefficients ({@link KernelLinearPredictor}) fit one table better but do not transfer
 * (docs/latency-predictor.md has the numbers for every variant tried). Immutable and thread-safe.
 *
 * @param interceptMs constant per network, {@code >= 0} when fitted
 * @param perKernelMs launch overhead per executed kernel, {@code >= 0}
 * @param perMegaMacMs ms per 1e6 multiply-accumulates, {@code >= 0}
 * @param perMegabyteMs ms per 1e6 bytes read and written, {@code >= 0} ({@code r * perMegaMacMs} when fitted)
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
    return predict(w[0], w[1], w[2]);
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

  /** The byte costs {@code r} (in MACs per byte) that {@link #fit(List, double[])} tries. */
  public static final double[] BYTE_COST_GRID = {0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 5, 6, 8};

  /**
   * The fit with the {@code r} of {@link #BYTE_COST_GRID} whose median relative error on these rows is smallest
   * (the first on ties).
   *
   * @throws IllegalArgumentException if the sizes differ, there are no networks or a latency is not {@code > 0}
   */
  public static SharedKernelModel fit(List<NetworkFeatures> networks, double[] latencyMs) {
    double[][] work = workRows(networks, latencyMs);
    SharedKernelModel best = null;
    double bestError = Double.POSITIVE_INFINITY;
    double[] relError = new double[latencyMs.length];
    for (double r : BYTE_COST_GRID) {
      SharedKernelModel m = fit(work, latencyMs, r);
      for (int i = 0; i < relError.length; i++) {
        double[] w = work[i];
        double p = m.predict(w[0], w[1], w[2]);
        relError[i] = Math.abs(p - latencyMs[i]) / latencyMs[i];
      }
      double[] sorted = relError.clone();
      java.util.Arrays.sort(sorted);
      double median = ErrorMetrics.quantile(sorted, 0.5);
      if (median < bestError) {
        best = m;
        bestError = median;
      }
    }
    return best;
  }

  /**
   * Least-squares fit on whole-network latencies with the byte cost fixed at {@code byteCostMacs} MACs per byte, all
   * coefficients non-negative.
   *
   * @throws IllegalArgumentException if the sizes differ, there are no networks, a latency is not {@code > 0} or
   *     {@code byteCostMacs < 0}
   */
  public static SharedKernelModel fit(List<NetworkFeatures> networks, double[] latencyMs, double byteCostMacs) {
    if (!(byteCostMacs >= 0) || !Double.isFinite(byteCostMacs)) {
      throw new IllegalArgumentException("byteCostMacs must be finite and >= 0, got " + byteCostMacs);
    }
    return fit(workRows(networks, latencyMs), latencyMs, byteCostMacs);
  }

  /** The MACs one byte costs in this model ({@code perMegabyteMs / perMegaMacMs}; NaN when no MAC is priced). */
  public double byteCostMacs() {
    return perMegaMacMs > 0 ? perMegabyteMs / perMegaMacMs : Double.NaN;
  }

  private double predict(double kernels, double megaMacs, double megabytes) {
    return Math.max(floorMs, interceptMs + perKernelMs * kernels + perMegaMacMs * megaMacs
        + perMegabyteMs * megabytes);
  }

  private static double[][] workRows(List<NetworkFeatures> networks, double[] latencyMs) {
    if (networks.size() != latencyMs.length || networks.isEmpty()) {
      throw new IllegalArgumentException("need as many latencies as networks, at least one, got " + networks.size()
          + " and " + latencyMs.length);
    }
    double[][] work = new double[networks.size()][];
    for (int r = 0; r < work.length; r++) {
      work[r] = work(networks.get(r));
    }
    return work;
  }

  private static SharedKernelModel fit(double[][] work, double[] latencyMs, double r) {
    double smallest = KernelLinearFitter.minPositive(latencyMs);
    double[][] x = new double[work.length][];
    for (int i = 0; i < x.length; i++) {
      double[] w = work[i];
      x[i] = new double[] {w[0], w[1] + r * w[2], 1};
    }
    double[] b = RidgeRegression.solve(x, latencyMs, 0, -1, true);
    double intercept = Math.max(0, b[2]);
    double perMegaMac = Math.max(0, b[1]);
    double launch = Math.max(0, b[0]);
    return new SharedKernelModel(intercept, launch, perMegaMac, r * perMegaMac,
        intercept + launch > 0 ? intercept + launch : smallest);
  }
}
