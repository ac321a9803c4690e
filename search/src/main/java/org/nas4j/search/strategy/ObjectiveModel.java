package org.nas4j.search.strategy;

import java.util.List;

/**
 * A cheap regression model of one expensive objective (e.g. error) from genome features, fitted only on evaluated
 * architectures. Not thread-safe. {@link #fit} replaces any earlier fit; inputs are not mutated.
 */
public interface ObjectiveModel {
  /** Fits the model to features {@code x} (one row per evaluated architecture) and targets {@code y}. */
  void fit(List<double[]> x, double[] y);

  /** The predicted objective value for one feature row; requires a prior {@link #fit}. */
  double predict(double[] x);
}
