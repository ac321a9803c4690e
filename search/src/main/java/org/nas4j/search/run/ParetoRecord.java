package org.nas4j.search.run;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import org.nas4j.search.strategy.Evaluation;
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
 * @param finalStage training mode: which members the final stage trained, with which budget, and the front of the
 *     trained members on their final validation accuracy; absent in tabular mode and in older files
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
    @JsonInclude(JsonInclude.Include.NON_NULL) FinalStage finalStage,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Map<String, Object>> latencyBands) {

  /** Export value of a member the final stage trained ({@code export.fidelity}). */
  public static final String TRAINED = "trained";
  /** Export value of a member known only at the search's proxy budget ({@code export.fidelity}). */
  public static final String PROXY = "proxy";

  /**
   * The final stage of a training-mode search: every member it trains gets the same budget, the front is recomputed
   * on their final validation accuracy, and test accuracy is measured once, for the trained members only.
   *
   * @param proxyBudget what the search's accuracy objective (the proxy) is, in words
   * @param requestedMembers {@code --final-members}
   * @param trainedMembers members that finished their final training
   * @param selection how the members were chosen
   * @param startingWeights {@code proxy}: training continues from the member's proxy weights
   * @param epochs epochs of the final budget
   * @param imagesPerEpoch training images per epoch
   * @param batchSize minibatch size
   * @param budgetBasis where the budget comes from (given, or fitted to the stage's time)
   * @param timeLimitSeconds the stage's time; members whose turn came after it stay candidates
   * @param front archIds of the trained members no other trained member beats on (validation error, latency, ...)
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record FinalStage(
      String proxyBudget,
      int requestedMembers,
      int trainedMembers,
      String selection,
      String startingWeights,
      int epochs,
      int imagesPerEpoch,
      int batchSize,
      String budgetBasis,
      double timeLimitSeconds,
      List<String> front) {}

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

    /** The member that evaluation {@code e} is, with what exporting it produced (null or empty: nothing). */
    public static Member of(Evaluation e, Map<String, Object> export) {
      return new Member(e.archId(), e.arch(), e.genome(), e.objectives(), e.latencySources(), e.fidelity(),
          export == null || export.isEmpty() ? null : export);
    }

    /** This member as an evaluation with {@code objectives} (e.g. its own, or with the final validation error). */
    public Evaluation asEvaluation(Map<String, Double> objectives) {
      return new Evaluation(archId, arch, genome, objectives, latencySources, fidelity, Evaluation.Status.OK, null,
          Map.of());
    }

    /** This member with another export entry. */
    public Member withExport(Map<String, Object> export) {
      return new Member(archId, arch, genome, objectives, latencySources, fidelity, export);
    }

    /** The exported test accuracy (a fraction), when the export measured one. */
    public Double testAccuracy() {
      return number("testAccuracy");
    }

    /** The validation accuracy after the final training (a fraction), for a trained member. */
    public Double finalValidationAccuracy() {
      return trained() ? number("validationAccuracy") : null;
    }

    /**
     * Whether the final stage trained this member: {@code export.fidelity} is {@value #TRAINED}; files written before
     * the final stage had fidelities count every member with a test accuracy as trained.
     */
    public boolean trained() {
      Object f = export == null ? null : export.get("fidelity");
      return f == null ? testAccuracy() != null : TRAINED.equals(f);
    }

    private Double number(String key) {
      return export != null && export.get(key) instanceof Number n ? n.doubleValue() : null;
    }
  }
}
