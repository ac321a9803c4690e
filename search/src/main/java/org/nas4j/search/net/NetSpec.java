package org.nas4j.search.net;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nas4j.search.space.Architecture;
import org.nas4j.search.space.MacroConfig;

/**
 * A framework-neutral description of a whole network: nodes in topological order, the first being the input
 * {@code input}, the last ({@link #output()}) the classifier producing the logits. Immutable.
 *
 * <p>Counts: {@link #allParams()} = every weight element including BN running mean and variance (= DL4J
 * {@code numParams()} = float initializer elements of the exported ONNX file); {@link #trainableParams()} = the
 * PyTorch/DARTS convention (BN gamma and beta only); {@link #macs()} = conv + linear multiply-adds per example.
 *
 * @param arch the cell architecture
 * @param macro the macro settings
 * @param nodes the layers in topological order
 */
public record NetSpec(Architecture arch, MacroConfig macro, List<NetNode> nodes) {
  /** Copies the node list and checks that names are unique and inputs defined before use. */
  public NetSpec {
    nodes = List.copyOf(nodes);
    Map<String, NetNode> seen = new LinkedHashMap<>();
    for (NetNode n : nodes) {
      for (String in : n.inputs()) {
        if (!seen.containsKey(in)) {
          throw new IllegalStateException("node " + n.name() + " uses " + in + " before it is defined");
        }
      }
      if (seen.put(n.name(), n) != null) {
        throw new IllegalStateException("duplicate node name " + n.name());
      }
    }
  }

  /** The output (logits) node. */
  public NetNode output() {
    return nodes.get(nodes.size() - 1);
  }

  /** The node with this name; throws if there is none. */
  public NetNode node(String name) {
    for (NetNode n : nodes) {
      if (n.name().equals(name)) {
        return n;
      }
    }
    throw new IllegalArgumentException("no node " + name);
  }

  /** All parameter elements including BN running statistics (= DL4J numParams = ONNX float initializer elements). */
  public long allParams() {
    return nodes.stream().mapToLong(NetNode::allParams).sum();
  }

  /** Trainable parameters, PyTorch/DARTS convention (BN running statistics excluded). */
  public long trainableParams() {
    return nodes.stream().mapToLong(NetNode::trainableParams).sum();
  }

  /** Conv + linear multiply-adds per example (no bias adds). */
  public long macs() {
    return nodes.stream().mapToLong(NetNode::macs).sum();
  }

  /**
   * NAS-Bench-201's FLOP figure for one example: {@link #macs()} plus the linear layer's bias adds (how the
   * {@code flops_m_c10} column was computed).
   */
  public long nb201Flops() {
    return macs() + nodes.stream().filter(n -> n.op() == NodeOp.LINEAR).mapToLong(n -> n.out().channels()).sum();
  }

  /**
   * The same network without the layers that cannot influence the output (an NB201 node that feeds no path to the
   * cell output). The reference implementations still build and run those layers, so the reference counts
   * ({@link #trainableParams()} and {@link #nb201Flops()} of the full spec) include them; DL4J cannot train a graph
   * with dead vertices, so the DL4J graph and the ONNX export are built from this live spec. Returns {@code this}
   * when nothing is dead.
   */
  public NetSpec live() {
    java.util.Set<String> needed = new java.util.HashSet<>();
    needed.add(output().name());
    for (int i = nodes.size() - 1; i >= 0; i--) {
      NetNode n = nodes.get(i);
      if (needed.contains(n.name())) {
        needed.addAll(n.inputs());
      }
    }
    if (needed.size() == nodes.size()) {
      return this;
    }
    return new NetSpec(arch, macro, nodes.stream().filter(n -> needed.contains(n.name())).toList());
  }

  /** Number of layers that carry parameters. */
  public int weightedLayers() {
    return (int) nodes.stream().filter(n -> n.allParams() > 0).count();
  }
}
