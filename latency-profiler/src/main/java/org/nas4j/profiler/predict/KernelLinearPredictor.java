package org.nas4j.profiler.predict;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Latency = max(floorMs, interceptMs + sum over kernels of (perKernelMs + perMegaMacMs * MMACs + perMegabyteMs * MB))
 * with coefficients per kernel class. A class the model was not fitted on uses the pooled fallback coefficients (MACs
 * and bytes only). The coefficients are unconstrained (that fits a table best), so the linear sum can fall below
 * anything measured, even below zero, for a network smaller than the fitted ones; {@code floorMs}, the smallest
 * latency the model was fitted on, bounds it: a prediction is never below what the device was ever seen to take, and
 * never 0 or negative. Immutable and thread-safe.
 *
 * @param interceptMs constant added once per network
 * @param classes coefficients per kernel class key
 * @param fallback pooled coefficients for kernel classes absent from {@code classes}
 * @param floorMs the smallest prediction, {@code > 0}: the smallest measured latency of the fitted rows
 */
public record KernelLinearPredictor(double interceptMs, Map<String, Coefficients> classes, Coefficients fallback,
    double floorMs) implements LatencyPredictor {

  /**
   * Coefficients of one kernel class.
   *
   * @param perKernelMs fixed cost of each kernel
   * @param perMegaMacMs cost per million multiply-accumulates
   * @param perMegabyteMs cost per megabyte moved
   */
  public record Coefficients(double perKernelMs, double perMegaMacMs, double perMegabyteMs) {
    public Coefficients {
      if (!Double.isFinite(perKernelMs) || !Double.isFinite(perMegaMacMs) || !Double.isFinite(perMegabyteMs)) {
        throw new IllegalArgumentException("coefficients must be finite, got " + perKernelMs + ", " + perMegaMacMs
            + ", " + perMegabyteMs);
      }
    }
  }

  public KernelLinearPredictor {
    if (!Double.isFinite(interceptMs)) {
      throw new IllegalArgumentException("interceptMs must be finite, got " + interceptMs);
    }
    if (classes == null || fallback == null) {
      throw new IllegalArgumentException("classes and fallback are required");
    }
    if (!(floorMs > 0) || !Double.isFinite(floorMs)) {
      throw new IllegalArgumentException("floorMs must be finite and > 0, got " + floorMs);
    }
    classes = Collections.unmodifiableMap(new TreeMap<>(classes));
  }

  @Override
  public double predictMs(List<OpSpec> ops) {
    return predictMs(NetworkFeatures.of(ops));
  }

  /** Prediction from precomputed features; same contract as {@link #predictMs(List)}. */
  public double predictMs(NetworkFeatures features) {
    double ms = interceptMs;
    for (Map.Entry<String, double[]> e : features.byClass().entrySet()) {
      double[] f = e.getValue();
      Coefficients c = classes.get(e.getKey());
      if (c != null) {
        ms += c.perKernelMs() * f[NetworkFeatures.COUNT] + c.perMegaMacMs() * f[NetworkFeatures.MEGA_MACS]
            + c.perMegabyteMs() * f[NetworkFeatures.MEGABYTES];
      }
      ms += fallbackTerm(f, c == null);
    }
    return Math.max(floorMs, ms);
  }

  private double fallbackTerm(double[] f, boolean unseen) {
    // The pooled columns are fitted for every kernel (a shared slope), so they apply to seen classes too.
    double pooled = fallback.perMegaMacMs() * f[NetworkFeatures.MEGA_MACS]
        + fallback.perMegabyteMs() * f[NetworkFeatures.MEGABYTES];
    return unseen ? pooled + fallback.perKernelMs() * f[NetworkFeatures.COUNT] : pooled;
  }
}
