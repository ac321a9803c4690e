package org.nas4j.search.net;

import java.util.List;

/**
 * One layer of a {@link NetSpec}. Geometry fields are only meaningful for the ops that use them (conv, pooling):
 * {@code kernel}, {@code stride}, {@code pad} (symmetric, top/left = bottom/right) and {@code dilation} are
 * {height, width} pairs.
 *
 * @param name unique name, used as DL4J vertex name and ONNX tensor/node name
 * @param op the layer kind
 * @param inputs names of the input nodes, in order
 * @param in shape of the (first) input; {@code null} for {@link NodeOp#INPUT}
 * @param out output shape
 * @param kernel kernel size {h, w}
 * @param stride stride {h, w}
 * @param pad padding {h, w}
 * @param dilation dilation {h, w}
 * @param groups convolution groups: 1, or the input channels for a depthwise convolution
 */
public record NetNode(String name, NodeOp op, List<String> inputs, Shape in, Shape out, int[] kernel, int[] stride,
    int[] pad, int[] dilation, int groups) {
  /** Copies the input list. */
  public NetNode {
    inputs = List.copyOf(inputs);
  }

  /** Whether this is a depthwise convolution. */
  public boolean depthwise() {
    return op == NodeOp.CONV && groups > 1;
  }

  /** All parameter elements: conv weights, BN gamma/beta/mean/var, linear weight + bias. */
  public long allParams() {
    return switch (op) {
      case CONV -> (long) out.channels() * (in.channels() / groups) * kernel[0] * kernel[1];
      case BATCH_NORM -> 4L * out.channels();
      case LINEAR -> (long) in.channels() * out.channels() + out.channels();
      default -> 0;
    };
  }

  /** Trainable parameters (PyTorch convention): like {@link #allParams()} but BN counts only gamma and beta. */
  public long trainableParams() {
    return op == NodeOp.BATCH_NORM ? 2L * out.channels() : allParams();
  }

  /** Multiply-adds for one example: conv and linear layers only (weights x output positions, no bias). */
  public long macs() {
    return switch (op) {
      case CONV -> (long) out.channels() * out.height() * out.width() * (in.channels() / groups) * kernel[0]
          * kernel[1];
      case LINEAR -> (long) in.channels() * out.channels();
      default -> 0;
    };
  }
}
