package org.nas4j.search.strategy;

import org.moeaframework.core.PRNG;
import org.moeaframework.core.operator.TypeSafeMutation;

/**
 * Per-gene reset mutation: each gene is, with the given probability, replaced by a different value drawn uniformly
 * (a reset to the same value would be a wasted mutation). Always yields in-bounds genes.
 */
public final class IntReset extends TypeSafeMutation<IntGene> {
  /** A mutation applying to each gene independently with probability {@code probability}. */
  public IntReset(double probability) {
    super(IntGene.class, probability);
  }

  @Override
  public void mutate(IntGene gene) {
    if (gene.upper() == gene.lower()) {
      return;
    }
    int v = PRNG.nextInt(gene.lower(), gene.upper() - 1);
    gene.setValue(v >= gene.value() ? v + 1 : v);
  }

  @Override
  public String getName() {
    return "intReset";
  }
}
