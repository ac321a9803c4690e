package org.nas4j.search.strategy;

/**
 * Receives the search's events, in order, on the search thread. Implementations persist them (the run directory) and
 * report progress. An exception thrown here aborts the search.
 */
public interface SearchObserver {
  /**
   * One distinct architecture finished evaluating.
   *
   * @param evaluation the result
   * @param replayed {@code true} when it was taken from the replay cache of a resumed run (already persisted)
   */
  void evaluated(Evaluation evaluation, boolean replayed);

  /** A generation (the initial population is generation 0) finished. */
  void generationDone(GenerationState state);

  /** An observer that ignores everything. */
  SearchObserver NONE =
      new SearchObserver() {
        @Override
        public void evaluated(Evaluation evaluation, boolean replayed) {}

        @Override
        public void generationDone(GenerationState state) {}
      };
}
