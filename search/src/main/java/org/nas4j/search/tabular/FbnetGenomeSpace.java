package org.nas4j.search.tabular;

import java.util.Arrays;
import java.util.List;
import org.nas4j.search.space.FbnetArch;
import org.nas4j.search.space.FbnetBlock;

/**
 * The FBNet macro space of HW-NAS-Bench: 22 searchable layers, each one of {@link #OPS}; ops strings look like {@code
 * k5_e6-skip-k3_e1_g2-...}. Every genome is a distinct architecture (canonical form = the genome itself).
 */
public final class FbnetGenomeSpace extends AbstractOpChoiceSpace {
  /**
   * The nine block names, gene value = index = {@link FbnetBlock} ordinal (the table's {@code op_idx_list} uses the
   * same indices).
   */
  public static final List<String> OPS = Arrays.stream(FbnetBlock.values()).map(FbnetBlock::text).toList();

  /** The space. */
  public FbnetGenomeSpace() {
    super("fbnet", FbnetArch.LAYERS, OPS.size());
  }

  @Override
  public int[] canonical(int[] genome) {
    check(genome);
    return genome.clone();
  }

  @Override
  public String describe(int[] genome) {
    canonical(genome);
    return new FbnetArch(Arrays.stream(genome).mapToObj(g -> FbnetBlock.values()[g]).toList()).toText();
  }

  /** Parses with {@link FbnetArch#parse}, the one FBNet parser; genes are the block ordinals. */
  @Override
  public int[] parse(String arch) {
    return FbnetArch.parse(arch).blocks().stream().mapToInt(FbnetBlock::ordinal).toArray();
  }
}
