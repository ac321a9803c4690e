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
    };
  }
}
