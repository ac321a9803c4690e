package org.nas4j.search.strategy;

/**
 * A hard constraint {@code value(name) <= max}, e.g. {@code latencyMs.pixel3 <= 12}. Enforced as a MOEA typed
 * constraint (feasibility first), never as a penalty.
 *
 * @param name an objective name of the evaluator ({@code latencyMs.<target>}, {@code params}, {@code macs})
 * @param max the inclusive upper limit, in the objective's unit
 */
public record ObjectiveBound(String name, double max) {
  /** Validates. */
  public ObjectiveBound {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("constraint name must not be blank");
    }
    if (!Double.isFinite(max)) {
      throw new IllegalArgumentException("constraint " + name + " max must be finite, got " + max);
    }
  }
}
