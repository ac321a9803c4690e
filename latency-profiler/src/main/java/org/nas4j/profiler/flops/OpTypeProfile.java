package org.nas4j.profiler.flops;

/**
 * The cost of all nodes of one op type.
 *
 * @param opType ONNX op type
 * @param count number of nodes (including folded ones)
 * @param macs sum of the nodes' MACs
 * @param flops sum of the nodes' flops
 * @param params sum of the nodes' params
 * @param outputBytes sum of the nodes' output bytes
 */
public record OpTypeProfile(String opType, long count, long macs, long flops, long params, long outputBytes) {
  /** Validates the counts. */
  public OpTypeProfile {
    if (count < 1 || macs < 0 || flops < 0 || params < 0 || outputBytes < 0) {
      throw new IllegalArgumentException("invalid counts for " + opType + ": count=" + count);
    }
  }

  OpTypeProfile plus(NodeProfile n) {
    return new OpTypeProfile(opType, count + 1, macs + n.macs(), flops + n.flops(), params + n.params(),
        outputBytes + n.outputBytes());
  }
}
