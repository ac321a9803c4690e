package org.nas4j.search.strategy;

/**
 * What an {@link EvaluationPool} returns for an {@link EvaluationTask}: the expensive objective values (a failure is
 * a value, see {@link ObjectiveValues#failed}) and how long the evaluator took, wherever it ran.
 *
 * @param archId the task's architecture id
 * @param values the expensive objectives
 * @param nanos the evaluator's wall time in nanoseconds, >= 0
 */
public record TaskResult(String archId, ObjectiveValues values, long nanos) {
  /** Validates. */
  public TaskResult {
    if (values == null) {
      throw new IllegalArgumentException("values must not be null (archId " + archId + ")");
    }
    if (nanos < 0) {
      throw new IllegalArgumentException("nanos must be >= 0, got " + nanos);
    }
  }
}
