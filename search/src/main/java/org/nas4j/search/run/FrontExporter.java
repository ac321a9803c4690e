package org.nas4j.search.run;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.nas4j.search.strategy.Evaluation;

/**
 * Hook called once at the end of a search, before {@code pareto.json} is written, to export the front's members
 * (e.g. train at full fidelity, export ONNX and verify it). Returns extra JSON fields per member by archId, merged
 * into that member's entry in {@code pareto.json} under {@code "export"} (e.g. {@code onnx}, {@code testAccuracy}).
 * Tabular mode uses {@link #NONE}. May throw {@link org.nas4j.targets.error.NasFailure} to fail the run.
 */
public interface FrontExporter {
  /**
   * Exports the front.
   *
   * @param runDir the run directory (files go under it)
   * @param front the front members in pareto.json order
   * @return per archId, extra fields for pareto.json (insertion-ordered); may be empty
   */
  Map<String, Map<String, Object>> export(Path runDir, List<Evaluation> front);

  /** Exports nothing. */
  FrontExporter NONE = (dir, front) -> Map.of();
}
