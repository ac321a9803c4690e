package org.nas4j.search.strategy;

import java.util.concurrent.CompletableFuture;

/**
 * Runs candidates' expensive stages ({@link CandidateEvaluator#expensiveObjectives}) away from the search loop: on
 * local threads ({@link ThreadEvaluationPool}) or, later, on other machines. The search hands a task over as soon as
 * it has chosen the candidate and consumes the results in its own order, so a pool decides only where and when work
 * runs, never what the search does with it.
 *
 * <p>Contract: {@link #submit} does not block on the evaluation and may be called from the search thread only; the
 * returned future completes (on any thread) with the task's {@link TaskResult}, or exceptionally when the evaluator
 * threw (a bug or unrecoverable I/O: evaluation failures are values) or the pool was closed. A task carries
 * everything its result depends on, so a result must not depend on which worker ran it or on what else ran.
 * {@link #close} cancels what has not finished and releases the workers; it is idempotent.
 */
public interface EvaluationPool extends AutoCloseable {
  /** How many tasks run at once; at least 1. */
  int capacity();

  /** Starts a task; its result arrives through the future. */
  CompletableFuture<TaskResult> submit(EvaluationTask task);

  /**
   * What {@code run.json} records about this pool after a session (e.g. which worker ran each candidate and how long
   * it queued), or an empty map (the default: nothing worth recording).
   */
  default java.util.Map<String, Object> report() {
    return java.util.Map.of();
  }

  /** Cancels unfinished tasks and releases the workers. */
  @Override
  void close();
}
