package org.nas4j.search.estimate;

/** The optimiser of a training run. */
public enum Optimizer {
  /** SGD with Nesterov momentum and a cosine learning-rate schedule (the DARTS/NB201 recipe). */
  SGD,
  /** Adam with a cosine learning-rate schedule. */
  ADAM
}
