package org.nas4j.search.tabular;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nas4j.search.space.Nb201Arch;
import org.nas4j.search.space.Nb201Op;

/**
 * The NAS-Bench-201 cell space: 6 edges ({@code 0->1, 0->2, 1->2, 0->3, 1->3, 2->3}), each one of {@link #OPS}. Arch
 * strings look like {@code |nor_conv_3x3~0|+|skip_connect~0|none~1|+|...~0|...~1|...~2|}.
 *
 * <p>Canonical form: the cell is rewritten as the string its output node computes ({@link #expression}: skip
 * connections as identity, zero edges as {@code #}, inputs of a node sorted, so permuted parallel paths are
 * isomorphic). The canonical genome is the smallest genome (lexicographically) with that string, found once by
 * enumerating the 15,625 genomes. This reproduces the benchmark's {@code iso_class} column exactly (6,466 classes,
 * checked by a test against the table) without reading it.
 */
public final class Nb201GenomeSpace extends AbstractOpChoiceSpace {
  /** The five operations' names, gene value = index = {@link Nb201Op} ordinal. */
  public static final List<String> OPS = Arrays.stream(Nb201Op.values()).map(Nb201Op::text).toList();

  /** Edge order of the genome: (from, to) per gene. */

  private static final int GENES = 6;
  private volatile Map<String, int[]> canonicalByExpression;

  /** The space; its canonical forms are enumerated on first use. */
  public Nb201GenomeSpace() {
    super("nb201", GENES, OPS.size());
  }

  /**
   * The cell's unique string (NAS-Bench-201's "unique str" with zeros considered): node 0 is {@code 0}; every edge
   * into a node contributes {@code #} when its op is {@code none} or its input is {@code #}, the input's string for
   * {@code skip_connect}, else {@code (input)@op}; a node is its contributions sorted and joined by {@code +}. The
   * output node's string identifies the isomorphism class.
   */
  public String expression(int[] genome) {
    check(genome);
    String[] nodes = new String[4];
    nodes[0] = "0";
    for (int node = 1; node <= 3; node++) {
      List<String> terms = new ArrayList<>();
      for (int e = 0; e < 6; e++) {
        if (Nb201Arch.TO[e] != node) {
          continue;
        }
        String in = nodes[Nb201Arch.FROM[e]];
        String op = OPS.get(genome[e]);
        if (op.equals("none") || in.equals("#")) {
          terms.add("#");
        } else if (op.equals("skip_connect")) {
          terms.add(in);
        } else {
          terms.add("(" + in + ")@" + op);
        }
      }
      Collections.sort(terms);
      nodes[node] = String.join("+", terms);
    }
    return nodes[3];
  }

  private Map<String, int[]> table() {
    Map<String, int[]> t = canonicalByExpression;
    if (t == null) {
      synchronized (this) {
        t = canonicalByExpression;
        if (t == null) {
          t = new HashMap<>();
          int[] g = new int[GENES];
          int total = (int) Math.pow(OPS.size(), GENES);
          for (int code = 0; code < total; code++) {
            int c = code;
            for (int i = GENES - 1; i >= 0; i--) {
              g[i] = c % OPS.size();
              c /= OPS.size();
            }
            // codes run in lexicographic order, so the first genome seen per expression is the smallest
            t.putIfAbsent(expression(g), g.clone());
          }
          canonicalByExpression = t;
        }
      }
    }
    return t;
  }

  @Override
  public int[] canonical(int[] genome) {
    return table().get(expression(genome)).clone();
  }

  /** Number of distinct canonical forms (non-isomorphic cells). */
  public int distinctArchitectures() {
    return table().size();
  }

  @Override
  public String describe(int[] genome) {
    check(genome);
    return new Nb201Arch(Arrays.stream(genome).mapToObj(g -> Nb201Op.values()[g]).toList()).toText();
  }

  /** Parses an arch string with {@link Nb201Arch#parse}, the one NB201 parser; genes are the op ordinals. */
  @Override
  public int[] parse(String arch) {
    return Nb201Arch.parse(arch).ops().stream().mapToInt(Nb201Op::ordinal).toArray();
  }

  /** Edges of the four input-to-output paths: 0->3, 0->1->3, 0->2->3, 0->1->2->3. */
  private static final int[][] PATHS = {{3}, {0, 4}, {1, 5}, {0, 2, 5}};

  /**
   * One-hot genes, plus per input-to-output path whether it is connected (no {@code none}) and how many of each
   * parametric/pooling op it carries, plus one-hot pairs of consecutive edges on each path.
   */
  @Override
  public double[] features(int[] genome) {
    check(genome);
    double[] oneHot = super.features(genome);
    int pairs = 0;
    for (int[] p : PATHS) {
      pairs += p.length - 1;
    }
    double[] f = new double[oneHot.length + PATHS.length * 4 + pairs * 25];
    System.arraycopy(oneHot, 0, f, 0, oneHot.length);
    int o = oneHot.length;
    for (int[] p : PATHS) {
      boolean alive = true;
      for (int e : p) {
        alive &= genome[e] != 0;
      }
      f[o++] = alive ? 1 : 0;
      for (int op = 2; op <= 4; op++) {
        int count = 0;
        for (int e : p) {
          count += genome[e] == op ? 1 : 0;
        }
        f[o++] = alive ? count : 0;
      }
    }
    for (int[] p : PATHS) {
      for (int i = 0; i + 1 < p.length; i++) {
        f[o + genome[p[i]] * 5 + genome[p[i + 1]]] = 1;
        o += 25;
      }
    }
    return f;
  }
}
