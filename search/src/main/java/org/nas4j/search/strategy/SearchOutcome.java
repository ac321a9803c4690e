package org.nas4j.search.strategy;

import java.util.List;

/**
 * What a finished search produced.
 *
 * @param evaluations every evaluation in order (replayed ones included)
 * @param front the feasible non-dominated evaluations on the searched objectives, in evaluation order
 * @param generations number of generations run (initial population counts as generation 0)
 * @param generationEvaluations evaluation count at the end of each generation (index = generation)
 * @param stopReason why the search stopped
 * @param blend the accuracy blend's constants when the search blended (and evaluated its initial population), else
 *     null
 */
public record SearchOutcome(
    List<Evaluation> evaluations,
    List<Evaluation> front,
    int generations,
    List<Integer> generationEvaluations,
    StopReason stopReason,
    SignalBlend blend) {

  /** Why a search stopped. */
  public enum StopReason {
    /** The evaluation budget was used up. */
    BUDGET,
    /** The time limit passed. */
    TIME,
    /** No new distinct valid architecture could be generated. */
    EXHAUSTED
  }

  /** An outcome of a search without an accuracy blend. */
  public SearchOutcome(List<Evaluation> evaluations, List<Evaluation> front, int generations,
      List<Integer> generationEvaluations, StopReason stopReason) {
    this(evaluations, front, generations, generationEvaluations, stopReason, null);
  }

  /** Copies the lists. */
  public SearchOutcome {
    evaluations = List.copyOf(evaluations);
    front = List.copyOf(front);
    generationEvaluations = List.copyOf(generationEvaluations);
  }
}
