package org.nas4j.search.dl4j;

import java.util.function.Supplier;
import org.deeplearning4j.nn.gradient.Gradient;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The shortcut of {@link LinearConvolution} and {@link LinearDepthwiseConvolution}: DL4J's convolution layers run the
 * forward convolution a second time in their backward pass, only to feed the activation's derivative; the identity's
 * derivative checks that output's shape and returns epsilon, so epsilon stands in for it. A layer runs its backward
 * pass through {@link #backprop} and its {@code preOutput4d} through {@link #output}. One per layer instance; not
 * thread-safe (nor is the layer).
 */
final class EpsilonStandIn {
  private INDArray epsilon;

  /** Runs the layer's backward pass {@code pass} with {@code epsilon} standing in for the layer's output. */
  Pair<Gradient, INDArray> backprop(INDArray epsilon, Supplier<Pair<Gradient, INDArray>> pass) {
    this.epsilon = epsilon;
    try {
      return pass.get();
    } finally {
      this.epsilon = null;
    }
  }

  /** The layer's output: epsilon when a backward pass asks for it, otherwise what {@code forward} computes. */
  Pair<INDArray, INDArray> output(boolean forBackprop, Supplier<Pair<INDArray, INDArray>> forward) {
    return forBackprop && epsilon != null ? new Pair<>(epsilon, null) : forward.get();
  }
}
