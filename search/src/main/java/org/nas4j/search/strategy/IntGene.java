package org.nas4j.search.strategy;

import org.moeaframework.core.PRNG;
import org.moeaframework.core.variable.AbstractVariable;
import org.moeaframework.core.variable.Variable;

/**
 * A categorical gene for MOEA Framework: an integer in {@code [lower, upper]} (both inclusive). MOEA 5.0 has no plain
 * integer variable. Not thread-safe; {@link #randomize()} draws from MOEA's global {@code PRNG}.
 */
public final class IntGene extends AbstractVariable {
  private static final long serialVersionUID = 1L;
  private final int lower;
  private final int upper;
  private int value;

  /** A gene with inclusive bounds, initially {@code lower}. */
  public IntGene(int lower, int upper) {
    if (upper < lower) {
      throw new IllegalArgumentException("upper must be >= lower, got " + lower + ".." + upper);
    }
    this.lower = lower;
    this.upper = upper;
    this.value = lower;
  }

  /** The current value. */
  public int value() {
    return value;
  }

  /** Sets the value; it must lie within the bounds. */
  public void setValue(int v) {
    if (v < lower || v > upper) {
      throw new IllegalArgumentException("gene value must be in [" + lower + ", " + upper + "], got " + v);
    }
    this.value = v;
  }

  /** Inclusive lower bound. */
  public int lower() {
    return lower;
  }

  /** Inclusive upper bound. */
  public int upper() {
    return upper;
  }

  @Override
  public IntGene copy() {
    IntGene g = new IntGene(lower, upper);
    g.value = value;
    return g;
  }

  /** Uniform over the bounds (PRNG.nextInt(a, b) includes b). */
  @Override
  public void randomize() {
    value = PRNG.nextInt(lower, upper);
  }

  @Override
  public String encode() {
    return Integer.toString(value);
  }

  @Override
  public void decode(String text) {
    setValue(Integer.parseInt(text.trim()));
  }

  @Override
  public String getDefinition() {
    return "IntGene(" + lower + "," + upper + ")";
  }

  @Override
  public String toString() {
    return encode();
  }

  /** Reads the genome of a solution whose variables are all {@code IntGene}s. */
  public static int[] genome(org.moeaframework.core.Solution s) {
    int[] g = new int[s.getNumberOfVariables()];
    for (int i = 0; i < g.length; i++) {
      Variable v = s.getVariable(i);
      g[i] = ((IntGene) v).value;
    }
    return g;
  }
}
