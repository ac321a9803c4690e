package org.nas4j.profiler.predict;

/** The kind of work a runtime kernel does. Convolutions include their folded BatchNorm and fused activation. */
public enum KernelType {
  /** Dense convolution with a spatial kernel larger than 1x1 (groups = 1). */
  CONV,
  /** Dense 1x1 convolution (groups = 1). */
  POINTWISE,
  /** Grouped convolution that is neither dense nor depthwise (1 < groups < channels). */
  GROUP_CONV,
  /** Depthwise convolution (groups = input channels = output channels). */
  DEPTHWISE,
  /** A stand-alone activation that could not be fused into the op before it (for example ReLU before a conv). */
  RELU,
  /** Average or max pooling with a spatial window. */
  POOL,
  /** Global average pooling down to 1x1. */
  GLOBAL_POOL,
  /** Element-wise sum of {@code inputs} tensors (Add / AddN). */
  ADD,
  /** Element-wise multiplication by a constant (for example a zero op that the exporter kept). */
  MUL,
  /** Fully connected layer. */
  LINEAR,
  /** Channel shuffle (reshape-transpose-reshape). */
  SHUFFLE,
  /** Concatenation along channels ({@code inputs} tensors). */
  CONCAT,
  /** A strided or cropping slice copy (for example DARTS FactorizedReduce's {@code x[:, :, 1:, 1:]}). */
  SLICE
}
