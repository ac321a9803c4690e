package org.nas4j.search.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.nas4j.search.strategy.Evaluation;
import org.nas4j.search.strategy.ObjectiveBound;
import org.nas4j.search.strategy.ParetoFronts;
import org.nas4j.targets.error.InvalidArgumentException;

/**
 * What {@code nas show} reports about a run directory, finished or not.
 *
 * @param dir the directory
 * @param state {@code finished}, {@code running} (locked by a live search) or {@code interrupted} (not finished, not
 *     locked: resume it)
 * @param stopReason why it stopped, or {@code null} unless finished
 * @param objectives searched objective names
 * @param constraints bounds
 * @param evaluations finished evaluations in {@code candidates.jsonl}
 * @param maxEvaluations the budget
 * @param seed the seed
 * @param hypervolume from {@code pareto.json}, or NaN while running
 * @param front the current feasible front (from {@code candidates.jsonl})
 * @param pareto the finished run's {@code pareto.json}; null before it is written
 * @param latencyBands the latency bands of the run's predicted targets (pareto.json's, else run.json's)
 */
public record RunStatus(
    Path dir,
    String state,
    String stopReason,
    List<String> objectives,
    List<ObjectiveBound> constraints,
    int evaluations,
    int maxEvaluations,
    long seed,
    double hypervolume,
    List<Evaluation> front,
    ParetoRecord pareto,
    Map<String, Map<String, Object>> latencyBands) {

  /** Copies the lists. */
  public RunStatus {
    objectives = List.copyOf(objectives);
    constraints = List.copyOf(constraints);
    front = List.copyOf(front);
    latencyBands = latencyBands == null ? Map.of() : latencyBands;
  }

  /**
   * Reads a run directory without locking or modifying it.
   *
   * @throws InvalidArgumentException if {@code dir} is not a run directory
   */
  public static RunStatus read(Path dir) throws IOException {
    RunDirectory run = new RunDirectory(dir);
    Path runFile = run.file(RunFiles.RUN_JSON);
    if (!run.holdsRun()) {
      throw new InvalidArgumentException(dir + " is not a run directory (no " + RunFiles.RUN_JSON + ")");
    }
    RunRecord record;
    try {
      record = run.readRun();
    } catch (IOException e) {
      throw new InvalidArgumentException(runFile + " is not valid JSON: " + e.getMessage(), e);
    }
    List<String> objectives = record.settings() == null ? List.of() : record.settings().objectives();
    List<ObjectiveBound> bounds = record.settings() == null ? List.of() : record.settings().constraints();
    List<Evaluation> all = run.readCandidates(false);
    String status = String.valueOf(record.status());
    String state = status.equals("finished") ? "finished" : run.isLocked() ? "running" : "interrupted";
    ParetoRecord pareto = state.equals("finished") ? run.readPareto().orElse(null) : null;
    double hv = pareto == null ? Double.NaN : pareto.hypervolume().value();
    Map<String, Map<String, Object>> bands = pareto != null ? pareto.latencyBands()
        : record.provenance() == null ? null : record.provenance().latencyBands();
    return new RunStatus(
        dir,
        state,
        state.equals("finished") ? record.stopReason() : null,
        objectives,
        bounds,
        all.size(),
        record.request() == null ? 0 : record.request().evaluations(),
        record.request() == null ? 0 : record.request().seed(),
        hv,
        ParetoFronts.front(all, objectives, bounds),
        pareto,
        bands);
  }
}
