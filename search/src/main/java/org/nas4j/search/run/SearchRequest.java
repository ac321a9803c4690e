package org.nas4j.search.run;

import java.util.List;
import org.nas4j.search.strategy.Strategy;

/**
 * Everything a user asked for, stored in {@code run.json} so that {@code --resume} rebuilds the same search. Units are
 * in the names; {@code null} means "not given".
 *
 * @param space search-space name ({@code nb201}, {@code fbnet}, ...)
 * @param table benchmark table for tabular mode, or {@code null} for training mode
 * @param archColumn table column with architecture strings
 * @param accuracyColumn table column with accuracy
 * @param latencyColumns table latency columns (one per target, in order)
 * @param targets target labels, one per latency objective (tabular: derived from the column names unless given)
 * @param macsColumn table MACs column or {@code null}
 * @param paramsColumn table parameter-count column or {@code null}
 * @param objectives objective tokens: {@code error}, {@code latency}, {@code macs}, {@code params}
 * @param maxLatencyMs latency bound applied to every target, or {@code null}
 * @param maxParams parameter-count bound or {@code null}
 * @param maxMacs MACs bound or {@code null}
 * @param population NSGA-II population size
 * @param evaluations total distinct architectures to evaluate
 * @param timeLimitSeconds session time limit in seconds, or {@code null}
 * @param seed the seed
 * @param surrogate whether surrogate pre-screening is on
 * @param evalDelayMs test-only delay added to every expensive evaluation (0 normally)
 * @param training training-mode options (proxy network, budgets, dataset), or {@code null} in tabular mode
 * @param strategy {@code nsga2} or {@code random} ({@link Strategy}); null (older run.json files): nsga2
 */
public record SearchRequest(
    String space,
    String table,
    String archColumn,
    String accuracyColumn,
    List<String> latencyColumns,
    List<String> targets,
    String macsColumn,
    String paramsColumn,
    List<String> objectives,
    Double maxLatencyMs,
    Double maxParams,
    Double maxMacs,
    int population,
    int evaluations,
    Long timeLimitSeconds,
    long seed,
    boolean surrogate,
    long evalDelayMs,
    TrainingOptions training,
    String strategy) {

  /** A request for the default strategy (NSGA-II). */
  public SearchRequest(String space, String table, String archColumn, String accuracyColumn,
      List<String> latencyColumns, List<String> targets, String macsColumn, String paramsColumn,
      List<String> objectives, Double maxLatencyMs, Double maxParams, Double maxMacs, int population, int evaluations,
      Long timeLimitSeconds, long seed, boolean surrogate, long evalDelayMs, TrainingOptions training) {
    this(space, table, archColumn, accuracyColumn, latencyColumns, targets, macsColumn, paramsColumn, objectives,
        maxLatencyMs, maxParams, maxMacs, population, evaluations, timeLimitSeconds, seed, surrogate, evalDelayMs,
        training, null);
  }

  /** Validates and copies the lists. */
  public SearchRequest {
    latencyColumns = latencyColumns == null ? List.of() : List.copyOf(latencyColumns);
    targets = targets == null ? List.of() : List.copyOf(targets);
    objectives = objectives == null ? List.of() : List.copyOf(objectives);
    if (space == null || space.isBlank()) {
      throw new IllegalArgumentException("space must not be blank");
    }
    if (strategy == null) {
      strategy = Strategy.NSGA2.id(); // run.json files written before --strategy
    }
    if (Strategy.byId(strategy).isEmpty()) {
      throw new IllegalArgumentException("unknown --strategy '" + strategy + "'; known: "
          + String.join(", ", Strategy.ids()));
    }
    if (evalDelayMs < 0) {
      throw new IllegalArgumentException("evalDelayMs must be >= 0, got " + evalDelayMs);
    }
  }

  /** Whether objectives come from a table rather than training. */
  public boolean tabular() {
    return table != null;
  }
}
