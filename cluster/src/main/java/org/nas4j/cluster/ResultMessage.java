package org.nas4j.cluster;

import org.nas4j.search.strategy.ObjectiveValues;

/**
 * A worker's answer to a {@link TaskMessage} (JSON in the cluster's result map).
 *
 * @param taskId the task
 * @param worker the worker's address, {@code HOST:PORT}
 * @param refusal why the worker refused the task (another build, another dataset, no evaluator), or {@code null}
 *     when it ran it
 * @param values the expensive objectives when it ran (a failed training is a value, not a refusal)
 * @param nanos the evaluator's wall time in nanoseconds
 */
public record ResultMessage(String taskId, String worker, String refusal, ObjectiveValues values, long nanos) {

  static ResultMessage ran(String taskId, String worker, ObjectiveValues values, long nanos) {
    return new ResultMessage(taskId, worker, null, values, nanos);
  }

  static ResultMessage refused(String taskId, String worker, String why) {
    return new ResultMessage(taskId, worker, why, null, 0);
  }

  /** One line of JSON. */
  public String json() {
    return Wire.json(this);
  }

  /** Parses {@link #json()}. */
  public static ResultMessage parse(String json) {
    return Wire.parse(json, ResultMessage.class, "result");
  }
}
