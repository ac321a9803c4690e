package org.nas4j.search.space;

import java.util.ArrayList;
import java.util.List;

/**
 * The NAS-Bench-201 space: 5^6 = 15,625 cells. Genome: 6 genes, one per edge in the order 0->1, 0->2, 1->2, 0->3,
 * 1->3, 2->3, value = {@link Nb201Op} ordinal. The canonical form is the architecture as is (no isomorphism
 * reduction). Stateless and thread-safe.
 */
public final class Nb201Space extends AbstractSearchSpace<Nb201Arch> {
  /** The space name. */
  public static final String NAME = "nb201";

  private static final int[] BOUNDS = {5, 5, 5, 5, 5, 5};

  /** The space (stateless: any instance serves). */
  public Nb201Space() {
    super(NAME, BOUNDS);
  }

  @Override
  protected Nb201Arch decodeValid(int[] genome) {
    List<Nb201Op> ops = new ArrayList<>();
    for (int g : genome) {
      ops.add(Nb201Op.values()[g]);
    }
    return new Nb201Arch(ops);
  }

  @Override
  public int[] encode(Nb201Arch arch) {
    return arch.ops().stream().mapToInt(Enum::ordinal).toArray();
  }

  @Override
  public Nb201Arch parse(String text) {
    return Nb201Arch.parse(text);
  }

  @Override
  public Nb201Arch canonical(Nb201Arch arch) {
    return arch;
  }
}
