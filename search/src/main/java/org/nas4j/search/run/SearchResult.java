package org.nas4j.search.run;

import java.nio.file.Path;
import java.util.List;
import org.nas4j.search.strategy.Evaluation;
import org.nas4j.search.strategy.SearchOutcome;

/**
 * A finished run.
 *
 * @param dir the run directory
 * @param objectives searched objective names
 * @param outcome what the search produced
 * @param hypervolume normalised hypervolume of the front (see {@code docs/file-formats.md})
 * @param replayed evaluations taken from an earlier session's {@code candidates.jsonl}
 * @param pareto what was written to {@code pareto.json}, export results included
 */
public record SearchResult(
    Path dir, List<String> objectives, SearchOutcome outcome, double hypervolume, int replayed,
    ParetoRecord pareto) {
  /** Copies the list. */
  public SearchResult {
    objectives = List.copyOf(objectives);
  }

  /** The front. */
  public List<Evaluation> front() {
    return outcome.front();
  }
}
