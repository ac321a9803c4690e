package org.nas4j.search.run;

import org.nas4j.search.strategy.CandidateEvaluator;
import org.nas4j.search.strategy.GenomeSpace;

/**
 * Builds the space and the evaluator for a request: the seam where training-based evaluation (DL4J accuracy and
 * target latency) plugs in. {@link org.nas4j.search.tabular.TabularEvaluatorFactory} handles tabular requests.
 */
public interface EvaluatorFactory {
  /**
   * The genome space named by the request.
   *
   * @throws org.nas4j.targets.error.InvalidArgumentException for an unknown space
   */
  GenomeSpace space(SearchRequest request);

  /**
   * The evaluator for a request.
   *
   * @throws org.nas4j.targets.error.InvalidArgumentException for bad tables or columns
   * @throws org.nas4j.targets.error.TargetUnavailableException when the request needs something not available here
   */
  CandidateEvaluator evaluator(SearchRequest request, GenomeSpace space);

  /**
   * The evaluator that continues a run whose {@code run.json} recorded {@code recorded}: the same as {@link
   * #evaluator} unless the factory has to find the run's own data again (training mode checks the dataset's
   * checksum, see {@link org.nas4j.search.data.RunDataset}). An evaluator given other data on purpose says so in its
   * provenance under {@code datasetOverride}.
   *
   * @param recorded the run's provenance, or null when it has none
   * @throws org.nas4j.targets.error.InvalidArgumentException when the run's data is not available here
   */
  default CandidateEvaluator resumeEvaluator(SearchRequest request, GenomeSpace space, Provenance recorded) {
    return evaluator(request, space);
  }

  /** Tabular requests ({@link SearchRequest#tabular()}) to {@code tabular}, the others to {@code training}. */
  static EvaluatorFactory byMode(EvaluatorFactory tabular, EvaluatorFactory training) {
    return new EvaluatorFactory() {
      @Override
      public GenomeSpace space(SearchRequest request) {
        return (request.tabular() ? tabular : training).space(request);
      }

      @Override
      public CandidateEvaluator evaluator(SearchRequest request, GenomeSpace space) {
        return (request.tabular() ? tabular : training).evaluator(request, space);
      }

      @Override
      public CandidateEvaluator resumeEvaluator(SearchRequest request, GenomeSpace space, Provenance recorded) {
        return (request.tabular() ? tabular : training).resumeEvaluator(request, space, recorded);
      }
    };
  }
}
