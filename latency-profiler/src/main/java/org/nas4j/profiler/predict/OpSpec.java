package org.nas4j.profiler.predict;

/**
 * One operation of a network as a mobile runtime would execute it, with its shapes. Immutable; validated on
 * construction ({@link IllegalArgumentException} naming the field).
 *
 * @param type what the kernel does
 * @param inputHeight input feature-map height in pixels
 * @param inputWidth input feature-map width in pixels
 * @param inputChannels input channels (per input tensor for {@link KernelType#ADD})
 * @param outputChannels output channels
 * @param kernelSize spatial kernel size (1 for element-wise ops)
 * @param stride spatial stride
 * @param groups convolution groups (1 for other ops)
 * @param inputs number of input tensors (AddN arity; 1 for most ops)
 * @param duplicate true when the same op was already applied to the same input tensor elsewhere in the network
 *     (a runtime or converter may share the result, for example one ReLU feeding two convolutions)
 * @param dead true when the op's result cannot reach the network output (an exporter may still keep it)
 * @param constant true when the op's inputs do not depend on the network input (a converter may fold it)
 */
public record OpSpec(
    KernelType type,
    int inputHeight,
    int inputWidth,
    int inputChannels,
    int outputChannels,
    int kernelSize,
    int stride,
    int groups,
    int inputs,
    boolean duplicate,
    boolean dead,
    boolean constant) {

  public OpSpec {
    if (type == null) {
      throw new IllegalArgumentException("type is required");
    }
    positive("inputHeight", inputHeight);
    positive("inputWidth", inputWidth);
    positive("inputChannels", inputChannels);
    positive("outputChannels", outputChannels);
    positive("kernelSize", kernelSize);
    positive("stride", stride);
    positive("groups", groups);
    positive("inputs", inputs);
    if (inputChannels % groups != 0 || outputChannels % groups != 0) {
      throw new IllegalArgumentException("groups must divide inputChannels and outputChannels, got groups=" + groups
          + ", inputChannels=" + inputChannels + ", outputChannels=" + outputChannels);
    }
  }

  /** A live, non-duplicate single-input op. */
  public static OpSpec of(KernelType type, int height, int width, int inputChannels, int outputChannels,
      int kernelSize, int stride, int groups) {
    return new OpSpec(type, height, width, inputChannels, outputChannels, kernelSize, stride, groups, 1, false,
        false, false);
  }

  /** The same op marked as dead (its result cannot reach the output). */
  public OpSpec asDead() {
    return new OpSpec(type, inputHeight, inputWidth, inputChannels, outputChannels, kernelSize, stride, groups,
        inputs, duplicate, true, constant);
  }

  /** The same op marked as a duplicate of an op already applied to the same input. */
  public OpSpec asDuplicate() {
    return new OpSpec(type, inputHeight, inputWidth, inputChannels, outputChannels, kernelSize, stride, groups,
        inputs, true, dead, constant);
  }

  /** The same op marked as constant (its inputs do not depend on the network input). */
  public OpSpec asConstant() {
    return new OpSpec(type, inputHeight, inputWidth, inputChannels, outputChannels, kernelSize, stride, groups,
        inputs, duplicate, dead, true);
  }

  /** Output height: {@code ceil(inputHeight / stride)} (same padding), 1 for global pooling and linear layers. */
  public int outputHeight() {
    return type == KernelType.GLOBAL_POOL || type == KernelType.LINEAR ? 1 : (inputHeight + stride - 1) / stride;
  }

  /** Output width, like {@link #outputHeight()}. */
  public int outputWidth() {
    return type == KernelType.GLOBAL_POOL || type == KernelType.LINEAR ? 1 : (inputWidth + stride - 1) / stride;
  }

  private static void positive(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be >= 1, got " + value);
    }
  }
}
