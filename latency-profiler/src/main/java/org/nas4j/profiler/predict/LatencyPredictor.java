package org.nas4j.profiler.predict;

import java.util.List;

/**
 * Predicts the latency of a network on one target from the ops a runtime would execute.
 *
 * <p>Implementations are immutable and thread-safe; the argument is not mutated.
 */
public interface LatencyPredictor {

  /**
   * Predicted latency in milliseconds at batch size 1.
   *
   * @param ops the network's ops in execution order; an empty list is a network the runtime folds to a constant
   * @return the prediction, never negative
   */
  double predictMs(List<OpSpec> ops);
}
