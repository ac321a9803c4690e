package org.nas4j.search.space;

/**
 * Skeleton of a {@link SearchSpace} with a fixed name and fixed gene bounds: {@link #decode} checks the genome
 * ({@link #checkGenome}) before {@link #decodeValid} reads it. Stateless and thread-safe if the subclass is.
 *
 * @param <A> the architecture type
 */
abstract class AbstractSearchSpace<A extends Architecture> implements SearchSpace<A> {
  private final String name;
  private final int[] bounds;

  /** A space called {@code name} whose genes have these exclusive upper bounds (the array is not copied). */
  AbstractSearchSpace(String name, int[] bounds) {
    this.name = name;
    this.bounds = bounds;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final int[] geneBounds() {
    return bounds.clone();
  }

  @Override
  public final A decode(int[] genome) {
    checkGenome(genome);
    return decodeValid(genome);
  }

  /** The architecture of a genome that {@link #checkGenome} accepted. */
  protected abstract A decodeValid(int[] genome);
}
