package org.nas4j.search.strategy;

import java.util.List;
import java.util.Map;

/**
 * A {@link CandidateEvaluator} that forwards every call to another one; subclasses override what they change (e.g.
 * delay or observe the expensive stage). Thread safety and failures are the delegate's.
 */
public abstract class ForwardingEvaluator implements CandidateEvaluator {
  private final CandidateEvaluator delegate;

  /** Forwards to {@code delegate}. */
  protected ForwardingEvaluator(CandidateEvaluator delegate) {
    this.delegate = delegate;
  }

  @Override
  public List<String> objectiveNames() {
    return delegate.objectiveNames();
  }

  @Override
  public List<String> cheapObjectiveNames() {
    return delegate.cheapObjectiveNames();
  }

  @Override
  public ObjectiveValues cheapObjectives(int[] genome) {
    return delegate.cheapObjectives(genome);
  }

  @Override
  public ObjectiveValues expensiveObjectives(int[] genome, int fidelity) {
    return delegate.expensiveObjectives(genome, fidelity);
  }

  @Override
  public int concurrency() {
    return delegate.concurrency();
  }

  @Override
  public int maxFidelity() {
    return delegate.maxFidelity();
  }

  @Override
  public Map<String, Object> provenance() {
    return delegate.provenance();
  }

  @Override
  public Map<String, Map<String, Object>> latencyBands() {
    return delegate.latencyBands();
  }
}
