package org.nas4j.search.space;

import java.util.ArrayList;
import java.util.List;

/**
 * The DARTS cell space: 4 intermediate nodes per cell, each with two inputs from earlier nodes through one of the
 * 7 searchable ops ({@link DartsOp#SEARCHABLE}), output = concat of nodes 2..5.
 *
 * <p>Genome: 32 genes, normal cell then reduce cell; per cell, per node {@code i} (0..3), per input slot (0, 1):
 * the op (0..6, {@link DartsOp#SEARCHABLE} order) then the input node (0..i+1). Canonical form: the two inputs of
 * each node sorted by (input, op). Stateless and thread-safe.
 */
public final class DartsSpace extends AbstractSearchSpace<DartsGenotype> {
  /** The space name. */
  public static final String NAME = "darts";

  private static final int STEPS = 4;
  private static final int[] BOUNDS = bounds();

  private static int[] bounds() {
    int[] b = new int[2 * STEPS * 2 * 2];
    int k = 0;
    for (int cell = 0; cell < 2; cell++) {
      for (int node = 0; node < STEPS; node++) {
        for (int slot = 0; slot < 2; slot++) {
          b[k++] = DartsOp.SEARCHABLE.size();
          b[k++] = node + 2;
        }
      }
    }
    return b;
  }

  /** The space (stateless: any instance serves). */
  public DartsSpace() {
    super(NAME, BOUNDS);
  }

  @Override
  protected DartsGenotype decodeValid(int[] genome) {
    return new DartsGenotype(decodeCell(genome, 0), decodeCell(genome, STEPS * 4));
  }

  private static DartsCell decodeCell(int[] g, int off) {
    List<DartsCell.Edge> edges = new ArrayList<>();
    for (int k = 0; k < STEPS * 2; k++) {
      edges.add(new DartsCell.Edge(DartsOp.SEARCHABLE.get(g[off + 2 * k]), g[off + 2 * k + 1]));
    }
    return new DartsCell(edges, List.of(2, 3, 4, 5));
  }

  @Override
  public int[] encode(DartsGenotype arch) {
    if (!arch.searchable()) {
      throw new InvalidSearchSpaceException("genotype is outside the searchable DARTS space (4 nodes per cell,"
          + " concat [2, 3, 4, 5], ops " + DartsOp.SEARCHABLE.stream().map(DartsOp::text).toList() + "): "
          + arch.toText());
    }
    int[] g = new int[BOUNDS.length];
    int k = 0;
    for (DartsCell cell : List.of(arch.normal(), arch.reduce())) {
      for (DartsCell.Edge e : cell.edges()) {
        g[k++] = DartsOp.SEARCHABLE.indexOf(e.op());
        g[k++] = e.input();
      }
    }
    return g;
  }

  @Override
  public DartsGenotype parse(String text) {
    return DartsGenotype.parse(text);
  }

  @Override
  public DartsGenotype canonical(DartsGenotype arch) {
    return arch.canonical();
  }
}
