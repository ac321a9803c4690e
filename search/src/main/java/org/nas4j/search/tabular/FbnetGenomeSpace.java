package org.nas4j.search.tabular;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.nas4j.search.strategy.ArchIds;
import org.nas4j.search.strategy.GenomeSpace;
import org.nas4j.targets.error.InvalidArgumentException;

/**
 * The FBNet macro space of HW-NAS-Bench: 22 searchable layers, each one of {@link #OPS}; ops strings look like {@code
 * k5_e6-skip-k3_e1_g2-...}. Every genome is a distinct architecture (canonical form = the genome itself).
 */
public final class FbnetGenomeSpace implements GenomeSpace {
  /** The nine block types, gene value = index (the table's {@code op_idx_list} uses the same indices). */
  public static final List<String> OPS =
      List.of("k3_e1", "k3_e1_g2", "k3_e3", "k3_e6", "k5_e1", "k5_e1_g2", "k5_e3", "k5_e6", "skip");

  private static final int LAYERS = 22;

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
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < genome.length; i++) {
      if (i > 0) {
        sb.append('-');
      }
      sb.append(OPS.get(genome[i]));
    }
    return sb.toString();
  }

  @Override
  public int[] parse(String arch) {
    String[] parts = arch == null ? new String[0] : arch.trim().split("-");
    if (parts.length != LAYERS) {
      throw new InvalidArgumentException(
          "not an fbnet ops string (expected 22 ops joined by '-'): " + arch);
    }
    int[] g = new int[LAYERS];
    for (int i = 0; i < LAYERS; i++) {
      g[i] = OPS.indexOf(parts[i]);
      if (g[i] < 0) {
        throw new InvalidArgumentException(
            "unknown fbnet op '" + parts[i] + "' at layer " + i + "; known: " + String.join(", ", OPS));
      }
    }
    return g;
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
