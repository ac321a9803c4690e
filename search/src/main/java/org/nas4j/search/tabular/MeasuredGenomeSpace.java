package org.nas4j.search.tabular;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.nas4j.search.strategy.GenomeSpace;
import org.nas4j.targets.error.InvalidArgumentException;

/**
 * A space restricted to the networks a sparse benchmark table measured, e.g. the 5,000 rows of HW-NAS-Bench's FBNet
 * table in a space of 9^22 networks, where a random genome is almost never a row.
 *
 * <p>Genomes keep the base space's encoding (so mutation and crossover still act on layers and ops, and ids, {@link
 * #describe} and {@link #parse} are the base space's), but every genome is <em>repaired</em> to the nearest measured
 * network: {@link #canonical} returns the row at the least Hamming distance (number of differing genes) from the
 * base-canonical genome, ties going to the earliest row of the table. A measured genome is its own repair, so
 * variation stays inside the measured set: a mutated child lands on the row that differs least from it, usually a
 * close neighbour of its parent, and {@link #sample} draws a row uniformly. Repair (rather than a row index as the
 * genome) keeps neighbourhoods meaningful: two rows near each other in genome space are similar networks, while
 * neighbouring row indices are unrelated. Immutable and thread-safe.
 */
public final class MeasuredGenomeSpace implements GenomeSpace {
  private final GenomeSpace base;
  private final List<int[]> rows;
  private final Set<String> measured = new HashSet<>();

  /**
   * @param base the space the table's networks belong to
   * @param genomes the measured genomes (the table's rows, in table order); at least one
   * @param source what the genomes come from, for error messages (e.g. the table's file name)
   * @throws InvalidArgumentException if {@code genomes} is empty or holds a genome invalid in {@code base}
   */
  public MeasuredGenomeSpace(GenomeSpace base, List<int[]> genomes, String source) {
    this.base = base;
    List<int[]> distinct = new ArrayList<>();
    for (int[] g : genomes) {
      if (!base.isValid(g)) {
        throw new InvalidArgumentException(source + " holds a network outside space " + base.name() + ": "
            + Arrays.toString(g));
      }
      int[] c = base.canonical(g);
      if (measured.add(Arrays.toString(c))) {
        distinct.add(c);
      }
    }
    if (distinct.isEmpty()) {
      throw new InvalidArgumentException(source + " has no rows: nothing to search in space " + base.name());
    }
    this.rows = List.copyOf(distinct);
  }

  /** Number of distinct measured networks. */
  public int size() {
    return rows.size();
  }

  @Override
  public String name() {
    return base.name();
  }

  @Override
  public int[] lowerBounds() {
    return base.lowerBounds();
  }

  @Override
  public int[] upperBounds() {
    return base.upperBounds();
  }

  /** Valid in the base space: any such genome is repaired to a measured one. */
  @Override
  public boolean isValid(int[] genome) {
    return base.isValid(genome);
  }

  /** The measured network nearest to the genome (see the class comment); idempotent, a measured genome is itself. */
  @Override
  public int[] canonical(int[] genome) {
    int[] c = base.canonical(genome);
    if (measured.contains(Arrays.toString(c))) {
      return c;
    }
    int[] best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (int[] row : rows) {
      int d = 0;
      for (int i = 0; i < row.length && d < bestDistance; i++) {
        if (row[i] != c[i]) {
          d++;
        }
      }
      if (d < bestDistance) {
        bestDistance = d;
        best = row;
      }
    }
    return best.clone();
  }

  @Override
  public String archId(int[] genome) {
    return base.archId(canonical(genome));
  }

  @Override
  public String describe(int[] genome) {
    return base.describe(genome);
  }

  @Override
  public int[] parse(String arch) {
    return base.parse(arch);
  }

  /** A measured network drawn uniformly. */
  @Override
  public int[] sample(SplittableRandom random) {
    return rows.get(random.nextInt(rows.size())).clone();
  }

  @Override
  public double[] features(int[] genome) {
    return base.features(genome);
  }
}
