package org.nas4j.search.strategy;

import java.util.List;

/**
 * The state of the search after a generation: what a checkpoint holds.
 *
 * @param generation 0 for the initial population, then 1, 2, ...
 * @param evaluations distinct architectures evaluated so far (including replayed ones)
 * @param maxEvaluations the evaluation budget
 * @param population canonical genomes of the current population, in population order
 * @param rngState Base64 of the serialized MOEA {@code PRNG} random (a {@link java.util.Random}) after the generation
 * @param bestError lowest {@code error} among successful evaluations, or NaN if none / not produced
 * @param fastestLatencyMs lowest value of the first latency objective among feasible successful evaluations, or NaN
 * @param replaying whether this generation was fully reconstructed from the replay cache
 */
public record GenerationState(
    int generation,
    int evaluations,
    int maxEvaluations,
    List<int[]> population,
    String rngState,
    double bestError,
    double fastestLatencyMs,
    boolean replaying) {
  /** Copies the population list. */
  public GenerationState {
    population = List.copyOf(population);
  }
}
