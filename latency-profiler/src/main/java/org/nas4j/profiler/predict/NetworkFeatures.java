package org.nas4j.profiler.predict;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A network's kernels summed per kernel class: for each class the kernel count, millions of MACs and megabytes
 * moved. This is all a {@link KernelLinearPredictor} needs, so fitting computes it once per network. Immutable.
 */
public final class NetworkFeatures {
  /** Index of the kernel count in a class's feature triple. */
  public static final int COUNT = 0;
  /** Index of the millions of multiply-accumulates. */
  public static final int MEGA_MACS = 1;
  /** Index of the megabytes moved. */
  public static final int MEGABYTES = 2;

  private final Map<String, double[]> byClass;

  private NetworkFeatures(Map<String, double[]> byClass) {
    this.byClass = byClass;
  }

  /** Sums the kernels of these ops. */
  public static NetworkFeatures of(List<OpSpec> ops) {
    Map<String, double[]> sums = new TreeMap<>();
    for (OpSpec op : ops) {
      Kernel k = Kernel.of(op);
      double[] s = sums.computeIfAbsent(k.classKey(), c -> new double[3]);
      s[COUNT] += 1;
      s[MEGA_MACS] += k.macs() / 1e6;
      s[MEGABYTES] += k.bytes() / 1e6;
    }
    return new NetworkFeatures(Collections.unmodifiableMap(sums));
  }

  /** Kernel class to {count, mega-MACs, megabytes}; the arrays must not be modified. */
  public Map<String, double[]> byClass() {
    return byClass;
  }
}
