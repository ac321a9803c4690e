package org.nas4j.search.latency.fit;

import java.util.List;
import java.util.function.ToDoubleFunction;
import org.nas4j.profiler.predict.RidgeRegression;
import org.nas4j.search.space.Nb201Arch;
import org.nas4j.search.space.Nb201Op;

/**
 * The baseline the kernel model has to beat on NB201: one latency per (edge, op) pair, summed over the six edges
 * plus a constant, fitted by least squares. It knows nothing about kernels, shapes or reachability.
 */
public final class EdgeLookupTable {
  private EdgeLookupTable() {}

  /**
   * Fits the table on NB201 arch strings and returns its prediction function (ms).
   *
   * @throws org.nas4j.targets.error.InvalidArgumentException for an unparseable arch string
   */
  public static ToDoubleFunction<String> fit(List<String> archs, double[] latencyMs) {
    double[][] x = new double[archs.size()][];
    for (int r = 0; r < x.length; r++) {
      x[r] = features(archs.get(r));
    }
    double[] beta = RidgeRegression.solve(x, latencyMs, 1e-6, x[0].length - 1);
    return arch -> {
      double[] f = features(arch);
      double s = 0;
      for (int j = 0; j < f.length; j++) {
        s += f[j] * beta[j];
      }
      return s;
    };
  }

  private static double[] features(String arch) {
    List<Nb201Op> edge = Nb201Arch.parse(arch).ops();
    int ops = Nb201Op.values().length;
    double[] f = new double[6 * ops + 1];
    for (int k = 0; k < 6; k++) {
      f[k * ops + edge.get(k).ordinal()] = 1;
    }
    f[f.length - 1] = 1;
    return f;
  }
}
