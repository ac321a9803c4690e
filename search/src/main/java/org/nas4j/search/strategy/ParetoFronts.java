package org.nas4j.search.strategy;

import java.util.ArrayList;
import java.util.List;

/** Pareto-front helpers over {@link Evaluation}s. Stateless and thread-safe. */
public final class ParetoFronts {
  private ParetoFronts() {}

  /** Whether an evaluation succeeded and meets every bound. */
  public static boolean feasible(Evaluation e, List<ObjectiveBound> bounds) {
    if (!e.ok()) {
      return false;
    }
    for (ObjectiveBound b : bounds) {
      Double v = e.objectives().get(b.name());
      if (v == null || v > b.max()) {
        return false;
      }
    }
    return true;
  }

  /** The objective vector of an evaluation (minimised), in {@code objectives} order. */
  public static double[] vector(Evaluation e, List<String> objectives) {
    double[] v = new double[objectives.size()];
    for (int i = 0; i < v.length; i++) {
      Double d = e.objectives().get(objectives.get(i));
      v[i] = d == null ? Double.POSITIVE_INFINITY : d;
    }
    return v;
  }

  /**
   * The feasible, non-dominated evaluations on {@code objectives}, in input order; of several with identical
   * vectors the first is kept.
   */
  public static List<Evaluation> front(
      List<Evaluation> evaluations, List<String> objectives, List<ObjectiveBound> bounds) {
    List<Evaluation> feasible = new ArrayList<>();
    List<double[]> vs = new ArrayList<>();
    for (Evaluation e : evaluations) {
      if (feasible(e, bounds)) {
        feasible.add(e);
        vs.add(vector(e, objectives));
      }
    }
    List<Evaluation> out = new ArrayList<>();
    for (int i = 0; i < feasible.size(); i++) {
      boolean dominated = false;
      for (int j = 0; j < feasible.size() && !dominated; j++) {
        if (j != i
            && (Hypervolumes.dominates(vs.get(j), vs.get(i))
                || (j < i && java.util.Arrays.equals(vs.get(j), vs.get(i))))) {
          dominated = true;
        }
      }
      if (!dominated) {
        out.add(feasible.get(i));
      }
    }
    return out;
  }
}
