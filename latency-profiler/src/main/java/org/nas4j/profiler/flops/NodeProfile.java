package org.nas4j.profiler.flops;

import java.util.List;

/**
 * The cost of one node.
 *
 * @param name node name, or {@code <opType>#<index>} if unnamed
 * @param opType ONNX op type
 * @param outputShapes shape of each produced output, e.g. {@code [1, 32, 112, 112]}
 * @param macs multiply-accumulates (LINEAR ops only)
 * @param flops floating-point operations
 * @param params initializer elements first consumed by this node
 * @param outputBytes bytes of the node's outputs (0 if folded)
 * @param folded true if the node was evaluated during shape inference (constants, shape arithmetic) and counts
 *     nothing
 */
public record NodeProfile(String name, String opType, List<long[]> outputShapes, long macs, long flops, long params,
    long outputBytes, boolean folded) {
  /** Validates the counts. */
  public NodeProfile {
    if (macs < 0 || flops < 0 || params < 0 || outputBytes < 0) {
      throw new IllegalArgumentException("counts must be >= 0, got macs=" + macs + " flops=" + flops + " params="
          + params + " outputBytes=" + outputBytes + " for node " + name);
    }
    outputShapes = List.copyOf(outputShapes);
  }
}
