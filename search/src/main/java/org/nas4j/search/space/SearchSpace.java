package org.nas4j.search.space;

import java.util.SplittableRandom;

/**
 * A search space: architectures, their integer genome and their text form.
 *
 * <p>The genome is a fixed-length {@code int[]}; gene {@code i} takes values {@code 0 .. geneBounds()[i] - 1}.
 * Implementations are stateless and thread-safe; arrays passed in are not mutated and arrays returned are fresh
 * copies. Invalid genomes and texts throw {@link InvalidSearchSpaceException}.
 *
 * @param <A> the architecture type
 */
public interface SearchSpace<A extends Architecture> {
  /** The space name used on the command line and in metadata ({@code darts}, {@code nb201}). */
  String name();

  /** Exclusive upper bound of each gene (lower bounds are 0); the length is the genome length. */
  int[] geneBounds();

  /** The genome length, {@code geneBounds().length}. */
  default int genomeLength() {
    return geneBounds().length;
  }

  /** The architecture a genome stands for; throws if its length or a gene is out of bounds. */
  A decode(int[] genome);

  /** The genome of an architecture; throws if the architecture is outside the searchable space. */
  int[] encode(A arch);

  /** Parses the text form; throws with the position and the bad token when the text is invalid. */
  A parse(String text);

  /** The canonical representative of the architecture's equivalence class (same network, same id). */
  A canonical(A arch);

  /** Draws a genome uniformly (each gene independently uniform in its bounds) and decodes it. */
  default A sample(SplittableRandom random) {
    int[] bounds = geneBounds();
    int[] g = new int[bounds.length];
    for (int i = 0; i < g.length; i++) {
      g[i] = random.nextInt(bounds[i]);
    }
    return decode(g);
  }

  /** Checks a genome's length and bounds, naming the first bad gene. */
  default void checkGenome(int[] genome) {
    int[] bounds = geneBounds();
    if (genome == null || genome.length != bounds.length) {
      throw new InvalidSearchSpaceException("invalid " + name() + " genome: expected " + bounds.length
          + " genes, got " + (genome == null ? "none" : genome.length));
    }
    for (int i = 0; i < genome.length; i++) {
      if (genome[i] < 0 || genome[i] >= bounds[i]) {
        throw new InvalidSearchSpaceException("invalid " + name() + " genome: gene " + i + " = " + genome[i]
            + " is outside 0.." + (bounds[i] - 1));
      }
    }
  }
}
