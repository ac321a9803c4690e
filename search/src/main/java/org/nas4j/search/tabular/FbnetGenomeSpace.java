package org.nas4j.search.tabular;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.nas4j.search.space.FbnetArch;
import org.nas4j.search.space.FbnetBlock;
import org.nas4j.search.strategy.ArchIds;
import org.nas4j.search.strategy.GenomeSpace;

/**
 * The FBNet macro space of HW-NAS-Bench: 22 searchable layers, each one of {@link #OPS}; ops strings look like {@code
 * k5_e6-skip-k3_e1_g2-...}. Every genome is a distinct architecture (canonical form = the genome itself).
 */
public final class FbnetGenomeSpace implements GenomeSpace {
  /**
   * The nine block names, gene value = index = {@link FbnetBlock} ordinal (the table's {@code op_idx_list} uses the
   * same indices).
   */
  public static final List<String> OPS = Arrays.stream(FbnetBlock.values()).map(FbnetBlock::text).toList();

  private static final int LAYERS = FbnetArch.LAYERS;

  @Override
  public String name() {
    return "fbnet";
  }

  @Override
  public int[] lowerBounds() {
    return new int[LAYERS];
  }

  @Override
  public int[] upperBounds() {
    int[] u = new int[LAYERS];
    Arrays.fill(u, OPS.size() - 1);
    return u;
  }

  @Override
  public boolean isValid(int[] genome) {
    if (genome == null || genome.length != LAYERS) {
      return false;
    }
    for (int g : genome) {
      if (g < 0 || g >= OPS.size()) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int[] canonical(int[] genome) {
    if (!isValid(genome)) {
      throw new IllegalArgumentException("not an fbnet genome: " + Arrays.toString(genome));
    }
    return genome.clone();
  }

  @Override
  public String archId(int[] genome) {
    return ArchIds.archId(name(), canonical(genome));
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

  @Override
  public int[] sample(SplittableRandom random) {
    int[] g = new int[LAYERS];
    for (int i = 0; i < LAYERS; i++) {
      g[i] = random.nextInt(OPS.size());
    }
    return g;
  }
}
