package org.nas4j.profiler.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The kernel-shared model: one launch cost and one work rate, bytes priced at a fixed number of MACs. */
class SharedKernelModelTest {

  private static List<OpSpec> randomNetwork(SplittableRandom rng) {
    List<OpSpec> ops = new ArrayList<>();
    int n = 2 + rng.nextInt(6);
    for (int i = 0; i < n; i++) {
      int h = 4 << rng.nextInt(4);
      int c = 8 * (1 + rng.nextInt(8));
      switch (rng.nextInt(4)) {
        case 0 -> ops.add(OpSpec.of(KernelType.CONV, h, h, c, c, 3, 1, 1));
        case 1 -> ops.add(OpSpec.of(KernelType.POINTWISE, h, h, c, 2 * c, 1, 1, 1));
        case 2 -> ops.add(OpSpec.of(KernelType.DEPTHWISE, h, h, c, c, 3, 1, c));
        default -> ops.add(OpSpec.of(KernelType.RELU, h, h, c, c, 1, 1, 1).asDuplicate()); // removed: free
      }
    }
    return ops;
  }

  /** 0.5 ms per inference, 0.01 ms per executed kernel, 0.2 ms per MMAC, a byte costs 2.5 MACs. */
  private static double truthMs(List<OpSpec> ops) {
    double ms = 0.5;
    for (OpSpec op : ops) {
      if (!op.duplicate()) {
        Kernel k = Kernel.of(op);
        ms += 0.01 + 0.2 * (k.macs() + 2.5 * k.bytes()) / 1e6;
      }
    }
    return ms;
  }

  @Test
  void recoversTheByteCostFromTheGridAndTheRates() {
    SplittableRandom rng = new SplittableRandom(5);
    List<NetworkFeatures> train = new ArrayList<>();
    double[] y = new double[300];
    for (int i = 0; i < y.length; i++) {
      List<OpSpec> net = randomNetwork(rng);
      train.add(NetworkFeatures.of(net));
      y[i] = truthMs(net);
    }
    SharedKernelModel m = SharedKernelModel.fit(train, y);
    assertThat(m.byteCostMacs()).isCloseTo(2.5, within(1e-6));
    assertThat(m.interceptMs()).isCloseTo(0.5, within(1e-6));
    assertThat(m.perKernelMs()).isCloseTo(0.01, within(1e-6));
    assertThat(m.perMegaMacMs()).isCloseTo(0.2, within(1e-6));
    assertThat(m.floorMs()).isCloseTo(0.51, within(1e-6)); // one inference running one kernel
    List<OpSpec> net = randomNetwork(rng);
    assertThat(m.predictMs(net)).isCloseTo(truthMs(net), within(1e-6));
    // a fixed byte cost off the truth fits worse: the grid search is what found 2.5
    SharedKernelModel off = SharedKernelModel.fit(train, y, 8);
    assertThat(off.byteCostMacs()).isCloseTo(8, within(1e-9));
    assertThat(Math.abs(off.predictMs(net) - truthMs(net))).isGreaterThan(1e-3);
  }

  @Test
  void everyCoefficientIsNonNegativeEvenWhenTheDataWantANegativeIntercept() {
    List<NetworkFeatures> train = new ArrayList<>();
    double[] y = new double[11];
    for (int i = 0; i < y.length; i++) {
      OpSpec conv = OpSpec.of(KernelType.POINTWISE, 10, 10, 100, 1000 + 100 * i, 1, 1, 1);
      train.add(NetworkFeatures.of(List.of(conv)));
      y[i] = -2 + Kernel.of(conv).macs() / 1e6;
    }
    SharedKernelModel m = SharedKernelModel.fit(train, y);
    assertThat(m.interceptMs()).isGreaterThanOrEqualTo(0);
    assertThat(m.perKernelMs()).isGreaterThanOrEqualTo(0);
    assertThat(m.perMegaMacMs()).isPositive();
    assertThat(m.predictMs(List.of())).isPositive().isEqualTo(m.floorMs());
  }
}
