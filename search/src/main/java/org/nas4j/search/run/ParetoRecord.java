package org.nas4j.search.run;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import org.nas4j.search.strategy.ObjectiveBound;

/**
 * {@code pareto.json} (schema {@value RunDirectory#PARETO_SCHEMA}): a finished search's front, its hypervolume and
 * what exporting the front produced (see docs/file-formats.md).
 *
 * @param schema the schema id
 * @param objectives the searched objective names
 * @param constraints the hard bounds
 * @param evaluations distinct architectures evaluated
 * @param failedEvaluations how many of them failed
 * @param generations generations run
 * @param stopReason why the search stopped
 * @param hypervolume the front's normalised hypervolume
 * @param members the front
 * @param latencyBands per latency objective, the error band its predictions carry (as in run.json's provenance);
 *     absent when no latency is predicted
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ParetoRecord(
    String schema,
    List<String> objectives,
    List<ObjectiveBound> constraints,
    int evaluations,
    long failedEvaluations,
    int generations,
    String stopReason,
    Hypervolume hypervolume,
    List<Member> members,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Map<String, Object>> latencyBands) {

  /**
   * The hypervolume and its normalisation.
   *
   * @param value the front's hypervolume in the normalised space
   * @param ideal per objective, the lower bound of the normalisation
   * @param nadir per objective, the upper bound
   * @param referencePointNormalised the reference point's coordinate in the normalised space
   * @param perGeneration the hypervolume after each generation
   */
  public record Hypervolume(
      double value, double[] ideal, double[] nadir, double referencePointNormalised, List<Double> perGeneration) {}

  /**
   * A front member.
   *
   * @param archId the architecture id
   * @param arch its readable form
   * @param genome its canonical genome
   * @param objectives its objective values by name
   * @param latencySources where each latency came from
   * @param fidelity the fidelity it was evaluated at
   * @param export what exporting it produced (e.g. {@code onnx}, {@code testAccuracy}); absent in tabular mode
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Member(
      String archId,
      String arch,
      int[] genome,
      Map<String, Double> objectives,
      Map<String, String> latencySources,
      int fidelity,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Object> export) {

    /** The exported test accuracy (a fraction), when the export measured one. */
    public Double testAccuracy() {
      return export != null && export.get("testAccuracy") instanceof Number n ? n.doubleValue() : null;
    }
  }
}
