package org.nas4j.search.run;

import java.util.List;
import java.util.Map;
import org.nas4j.search.strategy.CandidateEvaluator;
import org.nas4j.search.strategy.ObjectiveValues;

/**
 * Test support: delays every expensive evaluation by a fixed time so that kill tests land mid-run (hidden CLI option
 * {@code --eval-delay-ms}). Results are those of the wrapped evaluator, which must be thread-safe when {@code
 * jobs > 1} (table lookups are).
 */
final class DelayedEvaluator implements CandidateEvaluator {
  private final CandidateEvaluator inner;
  private final long delayMs;
  private final int jobs;

  DelayedEvaluator(CandidateEvaluator inner, long delayMs, int jobs) {
    this.inner = inner;
    this.delayMs = delayMs;
    this.jobs = jobs;
  }

  @Override
  public int concurrency() {
    return jobs;
  }

  @Override
  public List<String> objectiveNames() {
    return inner.objectiveNames();
  }

  @Override
  public List<String> cheapObjectiveNames() {
    return inner.cheapObjectiveNames();
  }

  @Override
  public ObjectiveValues cheapObjectives(int[] genome) {
    return inner.cheapObjectives(genome);
  }

  @Override
  public ObjectiveValues expensiveObjectives(int[] genome, int fidelity) {
    try {
      Thread.sleep(delayMs);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    return inner.expensiveObjectives(genome, fidelity);
  }

  @Override
  public Map<String, Object> provenance() {
    return inner.provenance();
  }

  @Override
  public Map<String, Map<String, Object>> latencyBands() {
    return inner.latencyBands();
  }
}
