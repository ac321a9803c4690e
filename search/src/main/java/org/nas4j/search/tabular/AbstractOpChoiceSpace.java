package org.nas4j.search.tabular;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.nas4j.search.strategy.ArchIds;
import org.nas4j.search.strategy.GenomeSpace;

/**
 * Skeleton of a table's genome space whose genes are independent choices among the same ops (gene value = op index):
 * name, bounds, validity, uniform sampling, and the arch id of the canonical form. Subclasses define the canonical
 * form, the arch strings and any further features. Immutable and thread-safe, as subclasses must stay.
 */
abstract class AbstractOpChoiceSpace implements GenomeSpace {
  private final String name;
  private final int genes;
  private final int ops;

  /** A space called {@code name} of {@code genes} genes, each one of {@code ops} ops. */
  AbstractOpChoiceSpace(String name, int genes, int ops) {
    this.name = name;
    this.genes = genes;
    this.ops = ops;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final int[] lowerBounds() {
    return new int[genes];
  }

  @Override
  public final int[] upperBounds() {
    int[] u = new int[genes];
    Arrays.fill(u, ops - 1);
    return u;
  }

  @Override
  public final boolean isValid(int[] genome) {
    if (genome == null || genome.length != genes) {
      return false;
    }
    for (int g : genome) {
      if (g < 0 || g >= ops) {
        return false;
      }
    }
    return true;
  }

  /** Throws {@link IllegalArgumentException} unless {@link #isValid}. */
  final void check(int[] genome) {
    if (!isValid(genome)) {
      throw new IllegalArgumentException("not an " + name + " genome: " + Arrays.toString(genome));
    }
  }

  @Override
  public final String archId(int[] genome) {
    return ArchIds.archId(name(), canonical(genome));
  }

  @Override
  public final int[] sample(SplittableRandom random) {
    int[] g = new int[genes];
    for (int i = 0; i < genes; i++) {
      g[i] = random.nextInt(ops);
    }
    return g;
  }
}
