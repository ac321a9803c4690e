package org.nas4j.search.space;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A NAS-Bench-201 cell: 4 nodes, 6 edges in the order 0->1, 0->2, 1->2, 0->3, 1->3, 2->3. Text form is the NB201
 * arch string, e.g. {@code |nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|}.
 *
 * @param ops the 6 edge operations in edge order
 */
public record Nb201Arch(List<Nb201Op> ops) implements Architecture {
  /** Edge {@code k} goes from node {@code FROM[k]} to node {@code TO[k]}. */
  public static final int[] FROM = {0, 0, 1, 0, 1, 2};

  /** Edge {@code k} goes from node {@code FROM[k]} to node {@code TO[k]}. */
  public static final int[] TO = {1, 2, 2, 3, 3, 3};

  /** Validates that there are exactly 6 non-null ops. */
  public Nb201Arch {
    if (ops == null || ops.size() != 6 || ops.stream().anyMatch(java.util.Objects::isNull)) {
      throw new InvalidSearchSpaceException("an NB201 cell needs exactly 6 edge ops, got "
          + (ops == null ? "none" : ops.size()));
    }
    ops = List.copyOf(ops);
  }

  @Override
  public String space() {
    return Nb201Space.NAME;
  }

  @Override
  public String toText() {
    StringBuilder sb = new StringBuilder("|");
    for (int k = 0; k < 6; k++) {
      if (k == 1 || k == 3) {
        sb.append("+|");
      }
      sb.append(ops.get(k).text()).append('~').append(FROM[k]).append('|');
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return toText();
  }

  @Override
  public String canonicalJson() {
    return ops.stream().map(o -> "\"" + o.text() + "\"")
        .collect(Collectors.joining(",", "{\"space\":\"nb201\",\"edges\":[", "]}"));
  }

  /**
   * Parses an NB201 arch string.
   *
   * @throws InvalidSearchSpaceException naming the node, edge and bad token
   */
  public static Nb201Arch parse(String text) {
    if (text == null || text.isBlank()) {
      throw new InvalidSearchSpaceException("invalid NB201 architecture: empty");
    }
    String s = text.strip();
    String[] nodes = s.split("\\+", -1);
    if (nodes.length != 3) {
      throw new InvalidSearchSpaceException("invalid NB201 architecture '" + s + "': expected 3 nodes separated by"
          + " '+', got " + nodes.length);
    }
    Nb201Op[] ops = new Nb201Op[6];
    int k = 0;
    for (int n = 0; n < 3; n++) {
      String node = nodes[n];
      int target = n + 1;
      if (node.length() < 2 || !node.startsWith("|") || !node.endsWith("|")) {
        throw new InvalidSearchSpaceException("invalid NB201 architecture '" + s + "': node " + target + " '" + node
            + "' must be of the form |op~i|...|");
      }
      String[] edges = node.substring(1, node.length() - 1).split("\\|", -1);
      if (edges.length != target) {
        throw new InvalidSearchSpaceException("invalid NB201 architecture '" + s + "': node " + target + " has "
            + edges.length + " edge(s), expected " + target);
      }
      for (int i = 0; i < target; i++) {
        String e = edges[i];
        int tilde = e.lastIndexOf('~');
        if (tilde < 0) {
          throw new InvalidSearchSpaceException("invalid NB201 architecture '" + s + "': edge '" + e + "' into node "
              + target + " must be op~input");
        }
        String opName = e.substring(0, tilde);
        Nb201Op op = Nb201Op.byText(opName);
        if (op == null) {
          throw new InvalidSearchSpaceException("invalid NB201 architecture '" + s + "': unknown op '" + opName
              + "' on edge " + i + "->" + target + " (known: " + Nb201Op.knownNames() + ")");
        }
        String in = e.substring(tilde + 1);
        if (!in.equals(Integer.toString(i))) {
          throw new InvalidSearchSpaceException("invalid NB201 architecture '" + s + "': edge " + (i + 1)
              + " into node " + target + " must come from node " + i + ", got '~" + in + "'");
        }
        ops[k++] = op;
      }
    }
    // node n's edges come in input order; map (from, to) to the global edge order
    Nb201Op[] ordered = new Nb201Op[6];
    int idx = 0;
    for (int n = 1; n <= 3; n++) {
      for (int i = 0; i < n; i++) {
        ordered[edgeIndex(i, n)] = ops[idx++];
      }
    }
    return new Nb201Arch(List.of(ordered));
  }

  /** The edge index of {@code from -> to}. */
  public static int edgeIndex(int from, int to) {
    for (int k = 0; k < 6; k++) {
      if (FROM[k] == from && TO[k] == to) {
        return k;
      }
    }
    throw new IllegalArgumentException("no NB201 edge " + from + "->" + to);
  }
}
