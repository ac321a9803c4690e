package org.nas4j.search.run;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nas4j.search.strategy.Evaluation;
import org.nas4j.search.strategy.Hypervolumes;
import org.nas4j.search.strategy.ObjectiveBound;
import org.nas4j.search.strategy.ParetoFronts;

/**
 * Hypervolume of a run, as recorded in {@code pareto.json} and plotted in {@code convergence.png}: each objective is
 * normalised by the minimum and maximum over all feasible successful evaluations of the run, the reference point is
 * 1.1 in every normalised objective, and the volume is divided by 1.1^m so that it lies in [0, 1]. Immutable.
 */
public final class FrontMetrics {
  private final List<String> objectives;
  private final List<ObjectiveBound> bounds;
  private final double[] lo;
  private final double[] hi;

  /** Bounds from all evaluations of a run. */
  public FrontMetrics(List<Evaluation> all, List<String> objectives, List<ObjectiveBound> bounds) {
    this.objectives = List.copyOf(objectives);
    this.bounds = List.copyOf(bounds);
    int m = objectives.size();
    lo = new double[m];
    hi = new double[m];
    Arrays.fill(lo, Double.POSITIVE_INFINITY);
    Arrays.fill(hi, Double.NEGATIVE_INFINITY);
    for (Evaluation e : all) {
      if (ParetoFronts.feasible(e, bounds)) {
        double[] v = ParetoFronts.vector(e, objectives);
        for (int k = 0; k < m; k++) {
          lo[k] = Math.min(lo[k], v[k]);
          hi[k] = Math.max(hi[k], v[k]);
        }
      }
    }
  }

  /** Per objective, the normalisation minimum (the ideal point). */
  public double[] ideal() {
    return lo.clone();
  }

  /** Per objective, the normalisation maximum (the reference point is this plus 10% of the range). */
  public double[] nadir() {
    return hi.clone();
  }

  /** Normalised hypervolume of the feasible front of {@code evaluations}. */
  public double hypervolume(List<Evaluation> evaluations) {
    int m = objectives.size();
    if (!(hi.length > 0) || !Double.isFinite(lo[0])) {
      return 0;
    }
    List<double[]> pts = new ArrayList<>();
    for (Evaluation e : ParetoFronts.front(evaluations, objectives, bounds)) {
      double[] v = ParetoFronts.vector(e, objectives);
      double[] n = new double[m];
      for (int k = 0; k < m; k++) {
        double range = hi[k] - lo[k];
        n[k] = range > 0 ? (v[k] - lo[k]) / range : 0;
      }
      pts.add(n);
    }
    double[] ref = new double[m];
    Arrays.fill(ref, 1.1);
    return Hypervolumes.volume(pts, ref) / Math.pow(1.1, m);
  }
}
