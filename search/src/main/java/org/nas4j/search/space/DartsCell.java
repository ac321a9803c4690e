package org.nas4j.search.space;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One DARTS cell: {@code edges.size() / 2} intermediate nodes; edges {@code 2i} and {@code 2i+1} feed node
 * {@code i + 2} from earlier nodes (0 and 1 are the cell inputs), and the output concatenates the nodes in
 * {@code concat}.
 *
 * @param edges the (op, input) pairs, two per intermediate node
 * @param concat indices of the nodes whose outputs are concatenated
 */
public record DartsCell(List<Edge> edges, List<Integer> concat) {
  /**
   * One input of an intermediate node.
   *
   * @param op the operation applied to the input
   * @param input index of the input node (0, 1: cell inputs; 2..: intermediate nodes)
   */
  public record Edge(DartsOp op, int input) {
    /** Validates that the op is present and the input non-negative. */
    public Edge {
      if (op == null) {
        throw new InvalidSearchSpaceException("DARTS edge op must not be null");
      }
      if (input < 0) {
        throw new InvalidSearchSpaceException("DARTS edge input must be >= 0, got " + input);
      }
    }
  }

  /** Validates the edge count, input ranges and concat indices; the message names the node and edge. */
  public DartsCell {
    edges = List.copyOf(edges);
    concat = List.copyOf(concat);
    if (edges.isEmpty() || edges.size() % 2 != 0) {
      throw new InvalidSearchSpaceException(
          "a DARTS cell needs an even, non-zero number of edges (2 per node), got " + edges.size());
    }
    for (int k = 0; k < edges.size(); k++) {
      int node = k / 2 + 2;
      if (edges.get(k).input() >= node) {
        throw new InvalidSearchSpaceException("edge " + k + " (node " + node + "): input node "
            + edges.get(k).input() + " is out of range 0.." + (node - 1));
      }
    }
    if (concat.isEmpty()) {
      throw new InvalidSearchSpaceException("concat list is empty");
    }
    int nodes = edges.size() / 2 + 2;
    for (int c : concat) {
      if (c < 2 || c >= nodes) {
        throw new InvalidSearchSpaceException("concat node " + c + " is out of range 2.." + (nodes - 1));
      }
    }
    if (concat.stream().distinct().count() != concat.size()) {
      throw new InvalidSearchSpaceException("concat list " + concat + " repeats a node");
    }
  }

  /** Number of intermediate nodes. */
  public int steps() {
    return edges.size() / 2;
  }

  /** The channel multiplier of the cell output: the number of concatenated nodes. */
  public int multiplier() {
    return concat.size();
  }

  /** Whether the cell is in the searchable space: 4 nodes, searchable ops, concat [2, 3, 4, 5]. */
  public boolean searchable() {
    return steps() == 4 && concat.equals(List.of(2, 3, 4, 5)) && edges.stream().allMatch(e -> e.op().searchable());
  }

  /** The same cell with the two inputs of every node sorted by (input, op): the canonical form. */
  public DartsCell canonical() {
    List<Edge> out = new ArrayList<>(edges.size());
    Comparator<Edge> order = Comparator.comparingInt(Edge::input).thenComparing(Edge::op);
    for (int i = 0; i < edges.size(); i += 2) {
      Edge a = edges.get(i);
      Edge b = edges.get(i + 1);
      if (order.compare(a, b) <= 0) {
        out.add(a);
        out.add(b);
      } else {
        out.add(b);
        out.add(a);
      }
    }
    return new DartsCell(out, concat);
  }
}
