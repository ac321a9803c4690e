package org.nas4j.profiler.flops;

import java.util.List;
import java.util.Map;

/**
 * The cost of a whole model at fixed input shapes. See {@link FlopCounter} for what each number counts.
 *
 * @param model the model's label (file name)
 * @param irVersion ONNX IR version
 * @param opset default-domain opset
 * @param inputs input shapes used, by input name, in graph order
 * @param macs multiply-accumulates of Conv, ConvTranspose, Gemm and MatMul
 * @param flops 2 x macs plus one per output element of element-wise, normalisation, pooling and reduction ops
 * @param params number of elements in the graph's initializers
 * @param constantElements number of elements in Constant nodes' value tensors (not part of params)
 * @param activationBytes bytes of all tensors produced by non-folded nodes
 * @param peakActivationBytes largest sum of live tensor bytes (inputs and node outputs) when nodes run in graph order
 *     and each tensor is freed after its last use
 * @param nodeCount number of nodes
 * @param foldedNodeCount nodes evaluated during shape inference (constants, shape arithmetic)
 * @param opTypes per op type, sorted by descending flops, then name
 * @param nodes per node, in graph order
 */
public record ModelProfile(String model, long irVersion, long opset, Map<String, long[]> inputs, long macs, long flops,
    long params, long constantElements, long activationBytes, long peakActivationBytes, int nodeCount,
    int foldedNodeCount, List<OpTypeProfile> opTypes, List<NodeProfile> nodes) {
  /** Validates counts and copies collections. */
  public ModelProfile {
    if (macs < 0 || flops < 2 * macs || params < 0 || activationBytes < 0 || peakActivationBytes < 0) {
      throw new IllegalArgumentException("invalid totals: macs=" + macs + " flops=" + flops + " params=" + params);
    }
    inputs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(inputs));
    opTypes = List.copyOf(opTypes);
    nodes = List.copyOf(nodes);
  }
}
