package org.nas4j.profiler.predict;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Fits a {@link KernelLinearPredictor} to whole-network latencies by ridge-regularised least squares: each network's
 * design row holds, per kernel class, its kernel count, MMACs and MB (plus pooled MMACs and MB over all kernels),
 * and the target is the measured latency. Columns are scaled to unit RMS before the ridge penalty; the intercept
 * is not penalised. Stateless and thread-safe.
 */
public final class KernelLinearFitter {
  /** Default ridge strength relative to the number of rows (chosen by held-out error on NB201 Pixel 3). */
  public static final double DEFAULT_RIDGE = 1e-6;

  private final double ridge;
  private final boolean nonNegative;

  /** A fitter with {@link #DEFAULT_RIDGE}. */
  public KernelLinearFitter() {
    this(DEFAULT_RIDGE);
  }

  /** A fitter with this ridge strength ({@code >= 0}), coefficients unconstrained. */
  public KernelLinearFitter(double ridge) {
    this(ridge, false);
  }

  /**
   * A fitter with this ridge strength ({@code >= 0}); with {@code nonNegative} every per-kernel coefficient is
   * constrained to be {@code >= 0} (physically plausible costs that extrapolate more safely to unseen shapes).
   */
  public KernelLinearFitter(double ridge, boolean nonNegative) {
    if (!(ridge >= 0)) {
      throw new IllegalArgumentException("ridge must be >= 0, got " + ridge);
    }
    this.ridge = ridge;
    this.nonNegative = nonNegative;
  }

  /** Whether coefficients are constrained to be non-negative. */
  public boolean nonNegative() {
    return nonNegative;
  }

  /** The ridge strength. */
  public double ridge() {
    return ridge;
  }

  /**
   * Fits on these networks.
   *
   * @param networks per-network kernel features
   * @param latencyMs measured latency of each network (same order, finite, {@code > 0}); the smallest becomes the
   *     predictor's {@link KernelLinearPredictor#floorMs() floor}
   * @throws IllegalArgumentException if the lists differ in size or are empty, or a latency is not positive
   */
  public KernelLinearPredictor fit(List<NetworkFeatures> networks, double[] latencyMs) {
    if (networks.size() != latencyMs.length) {
      throw new IllegalArgumentException("networks and latencyMs differ in size: " + networks.size() + " vs "
          + latencyMs.length);
    }
    if (networks.isEmpty()) {
      throw new IllegalArgumentException("cannot fit on zero networks");
    }
    double floorMs = minPositive(latencyMs);
    TreeSet<String> classSet = new TreeSet<>();
    for (NetworkFeatures n : networks) {
      classSet.addAll(n.byClass().keySet());
    }
    List<String> classes = new ArrayList<>(classSet);
    Map<String, Integer> column = new LinkedHashMap<>();
    for (int i = 0; i < classes.size(); i++) {
      column.put(classes.get(i), 3 * i);
    }
    int pooled = 3 * classes.size();
    int intercept = pooled + 2;
    int p = intercept + 1;
    int n = networks.size();
    double[][] x = new double[n][p];
    for (int r = 0; r < n; r++) {
      for (Map.Entry<String, double[]> e : networks.get(r).byClass().entrySet()) {
        int c = column.get(e.getKey());
        double[] f = e.getValue();
        x[r][c] = f[NetworkFeatures.COUNT];
        x[r][c + 1] = f[NetworkFeatures.MEGA_MACS];
        x[r][c + 2] = f[NetworkFeatures.MEGABYTES];
        x[r][pooled] += f[NetworkFeatures.MEGA_MACS];
        x[r][pooled + 1] += f[NetworkFeatures.MEGABYTES];
      }
      x[r][intercept] = 1;
    }
    double[] beta = RidgeRegression.solve(x, latencyMs, ridge, intercept, nonNegative);
    Map<String, KernelLinearPredictor.Coefficients> coefficients = new LinkedHashMap<>();
    double[] perKernel = new double[classes.size()];
    for (int i = 0; i < classes.size(); i++) {
      int c = 3 * i;
      coefficients.put(classes.get(i), new KernelLinearPredictor.Coefficients(beta[c], beta[c + 1], beta[c + 2]));
      perKernel[i] = beta[c];
    }
    Arrays.sort(perKernel);
    double medianPerKernel = perKernel.length == 0 ? 0 : perKernel[perKernel.length / 2];
    return new KernelLinearPredictor(beta[intercept], coefficients,
        new KernelLinearPredictor.Coefficients(Math.max(0, medianPerKernel), beta[pooled], beta[pooled + 1]),
        floorMs);
  }

  /** The smallest latency; every one must be finite and {@code > 0} (a measured latency is). */
  static double minPositive(double[] latencyMs) {
    double min = Double.POSITIVE_INFINITY;
    for (double v : latencyMs) {
      if (!(v > 0) || !Double.isFinite(v)) {
        throw new IllegalArgumentException("latencies must be finite and > 0, got " + v);
      }
      min = Math.min(min, v);
    }
    return min;
  }
}
