package org.nas4j.search.latency;

import java.util.ArrayList;
import java.util.List;
import org.nas4j.profiler.predict.KernelType;
import org.nas4j.profiler.predict.OpSpec;
import org.nas4j.search.space.FbnetArch;
import org.nas4j.search.space.FbnetBlock;

/**
 * FBNet-space architecture (22 block choices) to runtime ops, in the HW-NAS-Bench CIFAR macro skeleton (read from
 * HW-NAS-Bench's {@code fbnet_models/model_infer.py}): 32x32 input; stem Conv3x3+BN+ReLU 3->16, stride 1; seven
 * stages of 1, 4, 4, 4, 4, 4, 1 blocks with 16, 24, 32, 64, 112, 184, 352 channels and first-block strides 1, 1, 2,
 * 2, 1, 2, 1; header Conv1x1+BN+ReLU 352->1504; global average pooling; linear 1504->100. A block {@code kK_eE[_gG]}
 * is Conv1x1 (groups G) + BN + ReLU, channel shuffle if G > 1, depthwise KxK (stride) + BN + ReLU, Conv1x1 (groups
 * G) + BN, plus a residual Add when input and output shapes match. {@code skip} is the identity, or Conv1x1 (stride)
 * + BN + ReLU when the shape changes.
 */
final class FbnetOps {
  private static final int[] LAYERS = {1, 4, 4, 4, 4, 4, 1};
  private static final int[] CHANNELS = {16, 24, 32, 64, 112, 184, 352};
  private static final int[] STRIDES = {1, 1, 2, 2, 1, 2, 1};

  private FbnetOps() {}

  static List<OpSpec> lower(String arch) {
    List<FbnetBlock> choice = FbnetArch.parse(arch).blocks();
    List<OpSpec> ops = new ArrayList<>();
    int h = 32;
    ops.add(OpSpec.of(KernelType.CONV, h, h, 3, 16, 3, 1, 1));
    int c = 16;
    int layer = 0;
    for (int stage = 0; stage < LAYERS.length; stage++) {
      for (int i = 0; i < LAYERS[stage]; i++) {
        int stride = i == 0 ? STRIDES[stage] : 1;
        int out = CHANNELS[stage];
        block(choice.get(layer++), c, out, stride, h, ops);
        h = (h + stride - 1) / stride;
        c = out;
      }
    }
    ops.add(OpSpec.of(KernelType.POINTWISE, h, h, c, 1504, 1, 1, 1));
    ops.add(OpSpec.of(KernelType.GLOBAL_POOL, h, h, 1504, 1504, 1, 1, 1));
    ops.add(OpSpec.of(KernelType.LINEAR, 1, 1, 1504, 100, 1, 1, 1));
    return ops;
  }

  private static void block(FbnetBlock op, int in, int out, int stride, int h, List<OpSpec> ops) {
    if (op == FbnetBlock.SKIP) {
      if (stride != 1 || in != out) {
        ops.add(OpSpec.of(KernelType.POINTWISE, h, h, in, out, 1, stride, 1));
      }
      return;
    }
    int k = op.kernelSize();
    int e = op.expansion();
    int g = op.groups();
    int mid = in * e;
    KernelType pw = g == 1 ? KernelType.POINTWISE : KernelType.GROUP_CONV;
    ops.add(OpSpec.of(pw, h, h, in, mid, 1, 1, g));
    if (g > 1) {
      ops.add(OpSpec.of(KernelType.SHUFFLE, h, h, mid, mid, 1, 1, 1));
    }
    ops.add(OpSpec.of(KernelType.DEPTHWISE, h, h, mid, mid, k, stride, mid));
    int ho = (h + stride - 1) / stride;
    ops.add(OpSpec.of(pw, ho, ho, mid, out, 1, 1, g));
    if (in == out && stride == 1) {
      ops.add(new OpSpec(KernelType.ADD, ho, ho, out, out, 1, 1, 1, 2, false, false, false));
    }
  }
}
