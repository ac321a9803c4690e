package org.nas4j.cluster;

import org.nas4j.search.run.SearchRequest;
import org.nas4j.search.strategy.EvaluationTask;

/**
 * One candidate's expensive stage as it travels to a worker (JSON in the cluster's task map): everything its result
 * depends on, and what a worker checks before it runs it.
 *
 * @param taskId unique in the cluster: the coordinator session and the candidate
 * @param build the coordinator's {@link BuildId}; a worker of another build refuses the task
 * @param dataSha256 SHA-256 of the training data (training mode) or of the table (tabular mode); a worker whose
 *     data has another checksum refuses the task
 * @param request the search request: space, proxy network, budgets, targets, seed, dataset
 * @param archId the candidate's architecture id
 * @param genome its canonical genome
 * @param fidelity the fidelity level
 */
public record TaskMessage(String taskId, String build, String dataSha256, SearchRequest request, String archId,
    int[] genome, int fidelity) {

  /** The task the search handed over. */
  public EvaluationTask task() {
    return new EvaluationTask(archId, genome, fidelity);
  }

  /** One line of JSON. */
  public String json() {
    return Wire.json(this);
  }

  /** Parses {@link #json()}. */
  public static TaskMessage parse(String json) {
    return Wire.parse(json, TaskMessage.class, "task");
  }
}
