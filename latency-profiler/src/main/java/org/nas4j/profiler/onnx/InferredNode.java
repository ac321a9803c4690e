package org.nas4j.profiler.onnx;

import java.util.List;
import onnx.Onnx.NodeProto;

/**
 * One node after shape inference.
 *
 * @param index position in the graph's node list
 * @param node the node itself (op type, attributes, tensor names)
 * @param inputs what is known about each input, null for an absent optional input
 * @param outputs what is known about each output, null for an unused optional output (empty name)
 * @param folded true if every output's values were computed during inference (shape arithmetic, constants): such
 *     a node does no work worth counting at run time
 */
public record InferredNode(int index, NodeProto node, List<TensorInfo> inputs, List<TensorInfo> outputs,
    boolean folded) {
  /** Copies the lists (which may hold nulls). */
  public InferredNode {
    inputs = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(inputs));
    outputs = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(outputs));
  }

  /** The node's name, or {@code <opType>#<index>} if it has none. */
  public String label() {
    return node.getName().isEmpty() ? node.getOpType() + "#" + index : node.getName();
  }

  /** The node's op type. */
  public String opType() {
    return node.getOpType();
  }

  /** The first output (ONNX nodes have at least one). */
  public TensorInfo output() {
    return outputs.get(0);
  }
}
