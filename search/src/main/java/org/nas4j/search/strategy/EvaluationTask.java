package org.nas4j.search.strategy;

import java.util.Arrays;

/**
 * One candidate's expensive stage, as handed to an {@link EvaluationPool}: everything its result depends on besides
 * the evaluator's own configuration (which every worker of a pool shares), so that it can run on any thread or
 * machine.
 *
 * @param archId the candidate's canonical architecture id (the key its result comes back under)
 * @param genome the canonical, valid genome (copied; never mutated)
 * @param fidelity the fidelity level, in {@code [0, evaluator.maxFidelity()]}
 */
public record EvaluationTask(String archId, int[] genome, int fidelity) {
  /** Validates and copies the genome. */
  public EvaluationTask {
    if (archId == null || archId.isBlank()) {
      throw new IllegalArgumentException("archId must not be blank, got " + archId);
    }
    if (fidelity < 0) {
      throw new IllegalArgumentException("fidelity must be >= 0, got " + fidelity);
    }
    genome = genome.clone();
  }

  /** A copy of the genome. */
  @Override
  public int[] genome() {
    return genome.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EvaluationTask t && archId.equals(t.archId) && fidelity == t.fidelity
        && Arrays.equals(genome, t.genome);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * archId.hashCode() + Arrays.hashCode(genome)) + fidelity;
  }

  @Override
  public String toString() {
    return "EvaluationTask[" + archId + ", " + Arrays.toString(genome) + ", fidelity " + fidelity + "]";
  }
}
