package org.nas4j.search.tabular;

import org.nas4j.search.strategy.CandidateEvaluator;
import org.nas4j.search.strategy.ForwardingEvaluator;
import org.nas4j.search.strategy.ObjectiveValues;

/**
 * Test support: delays every expensive evaluation by a fixed time so that kill tests land mid-run (hidden CLI option
 * {@code --eval-delay-ms}). Results are those of the wrapped evaluator, which must be thread-safe when {@code
 * jobs > 1} (table lookups are).
 */
final class DelayedEvaluator extends ForwardingEvaluator {
  private final long delayMs;
  private final int jobs;

  DelayedEvaluator(CandidateEvaluator inner, long delayMs, int jobs) {
    super(inner);
    this.delayMs = delayMs;
    this.jobs = jobs;
  }

  @Override
  public int concurrency() {
    return jobs;
  }

  @Override
  public ObjectiveValues expensiveObjectives(int[] genome, int fidelity) {
    try {
      Thread.sleep(delayMs);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    return super.expensiveObjectives(genome, fidelity);
  }
}
