package org.nas4j.profiler.predict;

/**
 * The features of one runtime kernel that the latency model uses: its class (type plus the qualifiers that change
 * its cost: AddN arity, duplicate, constant or dead), multiply-accumulates and bytes moved (float32 inputs, outputs and
 * weights).
 *
 * @param classKey the kernel class, for example {@code CONV}, {@code ADD3}, {@code RELU.dup}, {@code CONV.dead}, {@code POOL.const}
 * @param macs multiply-accumulates (for element-wise ops and pooling: one per output element and window position)
 * @param bytes bytes read and written: float32 input tensors, output tensor and weights
 */
public record Kernel(String classKey, double macs, double bytes) {

  public Kernel {
    if (classKey == null || classKey.isBlank()) {
      throw new IllegalArgumentException("classKey is required");
    }
    if (!(macs >= 0) || !(bytes >= 0)) {
      throw new IllegalArgumentException("macs and bytes must be >= 0, got " + macs + ", " + bytes);
    }
  }

  /** The kernel features of an op. */
  public static Kernel of(OpSpec op) {
    long outH = op.outputHeight();
    long outW = op.outputWidth();
    long inElems = (long) op.inputHeight() * op.inputWidth() * op.inputChannels();
    long outElems = outH * outW * op.outputChannels();
    long k2 = (long) op.kernelSize() * op.kernelSize();
    double macs;
    double weights = 0;
    switch (op.type()) {
      case CONV, POINTWISE, GROUP_CONV, DEPTHWISE -> {
        weights = (double) k2 * op.inputChannels() / op.groups() * op.outputChannels();
        macs = (double) outElems * k2 * op.inputChannels() / op.groups();
      }
      case LINEAR -> {
        weights = (double) op.inputChannels() * op.outputChannels();
        macs = weights;
      }
      case POOL -> macs = (double) outElems * k2;
      case GLOBAL_POOL -> macs = inElems;
      case ADD -> macs = (double) outElems * Math.max(1, op.inputs() - 1);
      default -> macs = outElems;
    }
    double bytes = 4.0 * (inElems * op.inputs() + outElems + weights);
    String key = op.type().name();
    if (op.type() == KernelType.ADD) {
      key += op.inputs();
    }
    if (op.duplicate()) {
      key += ".dup";
    }
    if (op.constant()) {
      key += ".const";
    } else if (op.dead()) {
      key += ".dead";
    }
    return new Kernel(key, macs, bytes);
  }
}
