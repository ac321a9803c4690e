package org.nas4j.search.run;

import java.util.List;

/**
 * {@code checkpoint/checkpoint.json} (schema {@value RunDirectory#CHECKPOINT_SCHEMA}): the state after the last
 * finished generation. Resume replays {@code candidates.jsonl} instead of reading it; it is for inspection.
 *
 * @param schema the schema id
 * @param generation the generation just finished
 * @param evaluations evaluations so far
 * @param maxEvaluations the budget
 * @param population the population's genomes
 * @param rngState MOEA's PRNG, serialised and Base64-encoded
 */
public record Checkpoint(
    String schema, int generation, int evaluations, int maxEvaluations, List<int[]> population, String rngState) {}
