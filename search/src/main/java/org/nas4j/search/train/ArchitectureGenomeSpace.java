package org.nas4j.search.train;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.nas4j.search.space.Architecture;
import org.nas4j.search.space.SearchSpace;
import org.nas4j.search.strategy.GenomeSpace;

/**
 * A real search space ({@link SearchSpace}, e.g. DARTS) seen as the integer genome the strategy evolves. Canonical
 * forms and ids come from the space itself, so {@link #archId} equals {@link Architecture#archId()}.
 *
 * @param <A> the architecture type
 */
public final class ArchitectureGenomeSpace<A extends Architecture> implements GenomeSpace {
  private final SearchSpace<A> space;

  public ArchitectureGenomeSpace(SearchSpace<A> space) {
    this.space = space;
  }

  /** The architecture a genome stands for. */
  public A architecture(int[] genome) {
    try {
      return space.decode(genome);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  @Override
  public String name() {
    return space.name();
  }

  @Override
  public int[] lowerBounds() {
    return new int[space.genomeLength()];
  }

  @Override
  public int[] upperBounds() {
    return Arrays.stream(space.geneBounds()).map(b -> b - 1).toArray();
  }

  @Override
  public boolean isValid(int[] genome) {
    try {
      space.decode(genome);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  @Override
  public int[] canonical(int[] genome) {
    return space.encode(space.canonical(architecture(genome)));
  }

  @Override
  public String archId(int[] genome) {
    return space.canonical(architecture(genome)).archId();
  }

  @Override
  public String describe(int[] genome) {
    return architecture(genome).toText();
  }

  @Override
  public int[] parse(String arch) {
    return space.encode(space.parse(arch));
  }

  @Override
  public int[] sample(SplittableRandom random) {
    return space.encode(space.sample(random));
  }
}
