package org.nas4j.search.run;

import java.time.Duration;

/**
 * Progress after one generation.
 *
 * @param generation the generation just finished (0 = initial population)
 * @param evaluations distinct architectures evaluated so far
 * @param maxEvaluations the budget
 * @param elapsed wall time of this session
 * @param eta estimated remaining time, or {@code null} when unknown
 * @param bestError lowest error so far (fraction), NaN if none
 * @param fastestLatencyMs lowest feasible latency so far on the first target, NaN if none
 * @param latencyObjective name of that latency objective, or {@code null}
 * @param replaying whether the generation was replayed from {@code candidates.jsonl}
 */
public record ProgressEvent(
    int generation,
    int evaluations,
    int maxEvaluations,
    Duration elapsed,
    Duration eta,
    double bestError,
    double fastestLatencyMs,
    String latencyObjective,
    boolean replaying) {}
