package org.nas4j.search.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
    List<Evaluation> front) {

  /** Copies the lists. */
  public RunStatus {
    objectives = List.copyOf(objectives);
    constraints = List.copyOf(constraints);
    front = List.copyOf(front);
  }

  /**
   * Reads a run directory without locking or modifying it.
   *
   * @throws InvalidArgumentException if {@code dir} is not a run directory
   */
  public static RunStatus read(Path dir) throws IOException {
    Path runFile = dir.resolve(RunFiles.RUN_JSON);
    if (!Files.isRegularFile(runFile)) {
      throw new InvalidArgumentException(dir + " is not a run directory (no " + RunFiles.RUN_JSON + ")");
    }
    JsonNode run;
    try {
      run = RunFiles.JSON.readTree(runFile.toFile());
    } catch (IOException e) {
      throw new InvalidArgumentException(runFile + " is not valid JSON: " + e.getMessage(), e);
    }
    JsonNode settings = run.path("settings");
    List<String> objectives = new ArrayList<>();
    settings.path("objectives").forEach(n -> objectives.add(n.asText()));
    List<ObjectiveBound> bounds = new ArrayList<>();
    settings.path("constraints").forEach(n -> bounds.add(new ObjectiveBound(n.get("name").asText(),
        n.get("max").asDouble())));
    List<Evaluation> all = CandidatesLog.read(dir.resolve(RunFiles.CANDIDATES), false);
    String status = run.path("status").asText();
    String state = status.equals("finished") ? "finished" : RunLock.isLocked(dir) ? "running" : "interrupted";
    double hv = Double.NaN;
    Path pareto = dir.resolve(RunFiles.PARETO);
    if (state.equals("finished") && Files.isRegularFile(pareto)) {
      hv = RunFiles.JSON.readTree(pareto.toFile()).path("hypervolume").path("value").asDouble(Double.NaN);
    }
    return new RunStatus(
        dir,
        state,
        state.equals("finished") ? run.path("stopReason").asText(null) : null,
        objectives,
        bounds,
        all.size(),
        run.path("request").path("evaluations").asInt(),
        run.path("request").path("seed").asLong(),
        hv,
        ParetoFronts.front(all, objectives, bounds));
  }
}
