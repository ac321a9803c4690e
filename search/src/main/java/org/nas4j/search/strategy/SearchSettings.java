package org.nas4j.search.strategy;

import java.time.Duration;
import java.util.List;

/**
 * How a search runs. Everything that changes its outcome is here, so that (settings, evaluation results) determine
 * the run.
 *
 * @param objectives searched objective names, in order (e.g. {@code error, latencyMs.pixel3, macs})
 * @param constraints hard upper limits on objective values (may name values that are not searched objectives)
 * @param population NSGA-II population size, >= 2
 * @param maxEvaluations total number of distinct architectures evaluated expensively, across resumes; >= 1
 * @param timeLimit stop starting new generations after this wall time of the current session, or {@code null}
 * @param seed the one seed of the run
 * @param surrogate whether offspring are pre-screened by an accuracy surrogate (off = textbook NSGA-II with
 *     duplicate elimination)
 * @param poolFactor candidate offspring generated per offspring evaluated when {@code surrogate} is on, >= 1
 * @param strategy how architectures are proposed (random sampling ignores {@code surrogate} and {@code poolFactor})
 * @param blendScore when the accuracy objective is {@code signalError}: the training-free score blended with the proxy
 *     error ({@link SignalBlend}); otherwise null
 */
public record SearchSettings(
    List<String> objectives,
    List<ObjectiveBound> constraints,
    int population,
    int maxEvaluations,
    Duration timeLimit,
    long seed,
    boolean surrogate,
    int poolFactor,
    Strategy strategy,
    String blendScore) {

  /** Default population size. */
  public static final int DEFAULT_POPULATION = 20;

  /** Default pool factor. */
  public static final int DEFAULT_POOL_FACTOR = 25;

  /** NSGA-II settings. */
  public SearchSettings(List<String> objectives, List<ObjectiveBound> constraints, int population, int maxEvaluations,
      Duration timeLimit, long seed, boolean surrogate, int poolFactor) {
    this(objectives, constraints, population, maxEvaluations, timeLimit, seed, surrogate, poolFactor, Strategy.NSGA2);
  }

  /** Settings whose accuracy objective, if any, is the proxy error itself. */
  public SearchSettings(List<String> objectives, List<ObjectiveBound> constraints, int population, int maxEvaluations,
      Duration timeLimit, long seed, boolean surrogate, int poolFactor, Strategy strategy) {
    this(objectives, constraints, population, maxEvaluations, timeLimit, seed, surrogate, poolFactor, strategy, null);
  }

  /** Validates. */
  public SearchSettings {
    if (strategy == null) {
      throw new IllegalArgumentException("strategy must not be null");
    }
    objectives = List.copyOf(objectives);
    constraints = List.copyOf(constraints);
    if (objectives.size() < 1) {
      throw new IllegalArgumentException("objectives must not be empty");
    }
    if (objectives.stream().distinct().count() != objectives.size()) {
      throw new IllegalArgumentException("objectives must be distinct, got " + objectives);
    }
    if (population < 2) {
      throw new IllegalArgumentException("population must be >= 2, got " + population);
    }
    if (maxEvaluations < 1) {
      throw new IllegalArgumentException("evaluations must be >= 1, got " + maxEvaluations);
    }
    if (timeLimit != null && (timeLimit.isNegative() || timeLimit.isZero())) {
      throw new IllegalArgumentException("time limit must be positive, got " + timeLimit);
    }
    boolean blended = objectives.contains(Objective.SIGNAL_ERROR.name());
    if (blended != (blendScore != null)) {
      throw new IllegalArgumentException("objective signalError and a blend score go together, got " + objectives
          + " and " + blendScore);
    }
    if (blended && objectives.contains(Objective.ERROR.name())) {
      throw new IllegalArgumentException("error and signalError are one accuracy objective, got " + objectives);
    }
    if (poolFactor < 1) {
      throw new IllegalArgumentException("poolFactor must be >= 1, got " + poolFactor);
    }
  }
}
