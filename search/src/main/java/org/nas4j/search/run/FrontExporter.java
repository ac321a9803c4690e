package org.nas4j.search.run;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.nas4j.search.strategy.Evaluation;
import org.nas4j.search.strategy.ObjectiveBound;

/**
 * Hook called once at the end of a search, before {@code pareto.json} is written, to finish the front (training mode:
 * the final stage trains representative members, tests and exports them). Returns extra JSON fields per member by
 * archId, merged into that member's entry in {@code pareto.json} under {@code "export"} (e.g. {@code fidelity},
 * {@code onnx}, {@code testAccuracy}), and the final stage's summary. Tabular mode uses {@link #NONE}. May throw
 * {@link org.nas4j.targets.error.NasFailure} to fail the run.
 */
public interface FrontExporter {
  /**
   * What finishing the front produced.
   *
   * @param members per archId, extra fields for pareto.json (insertion-ordered); may be empty
   * @param finalStage the final stage's summary; null when there was none
   */
  record Result(Map<String, Map<String, Object>> members, ParetoRecord.FinalStage finalStage) {
    /** Nothing exported. */
    public static final Result NONE = new Result(Map.of(), null);
  }

  /**
   * Finishes the front.
   *
   * @param runDir the run directory (files go under it)
   * @param front the front members in pareto.json order
   * @param objectives the searched objectives (the final stage recomputes the front on them)
   * @param constraints the hard bounds
   * @param searchOvertime how far the search phase ran past its time limit (zero without one): the final stage takes
   *     it off its own time so that the run keeps its total
   */
  Result export(Path runDir, List<Evaluation> front, List<String> objectives, List<ObjectiveBound> constraints,
      Duration searchOvertime);

  /** Exports nothing. */
  FrontExporter NONE = (dir, front, objectives, constraints, overtime) -> Result.NONE;
}
