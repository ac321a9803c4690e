package org.nas4j.search.net;

/** The layer kinds of a {@link NetSpec}; each maps to one DL4J layer or vertex and one or two ONNX nodes. */
public enum NodeOp {
  /** The network input ({@code input}, NCHW). */
  INPUT,
  /** ReLU. */
  RELU,
  /** 2-D convolution without bias; {@code groups} is 1 or the input channels (depthwise). */
  CONV,
  /** Batch normalisation (inference: running mean and variance), eps 1e-5. */
  BATCH_NORM,
  /** Max pooling. */
  MAX_POOL,
  /** Average pooling; padding is excluded from the divisor (PyTorch {@code count_include_pad=False}). */
  AVG_POOL,
  /** Drops the first row and column: {@code x[:, :, 1:, 1:]} (the shifted path of FactorizedReduce). */
  CROP_SHIFT,
  /** Element-wise sum of the inputs (an input may appear twice). */
  ADD,
  /** Channel concatenation. */
  CONCAT,
  /** {@code x * 0}: an all-zero tensor of the input's shape (NB201 node whose edges are all {@code none}). */
  ZERO,
  /** Global average pooling to a flat feature vector. */
  GLOBAL_AVG_POOL,
  /** Fully connected layer with bias. */
  LINEAR
}
