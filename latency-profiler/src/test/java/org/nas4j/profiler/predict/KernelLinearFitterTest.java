package org.nas4j.profiler.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KernelLinearFitterTest {

  /** A random network of convolutions, depthwise convolutions and adds with varied shapes. */
  private static List<OpSpec> randomNetwork(SplittableRandom rng) {
    List<OpSpec> ops = new ArrayList<>();
    int n = 3 + rng.nextInt(8);
    for (int i = 0; i < n; i++) {
      int h = 4 << rng.nextInt(4);
      int c = 8 * (1 + rng.nextInt(8));
      switch (rng.nextInt(3)) {
        case 0 -> ops.add(OpSpec.of(KernelType.CONV, h, h, c, c, 3, 1, 1));
        case 1 -> ops.add(OpSpec.of(KernelType.DEPTHWISE, h, h, c, c, 3 + 2 * rng.nextInt(2), 1, c));
        default -> ops.add(new OpSpec(KernelType.ADD, h, h, c, c, 1, 1, 1, 2, false, false, false));
      }
    }
    return ops;
  }

  /** Ground truth that is linear in kernel count, MACs and bytes per class: the fit must recover it. */
  private static double truthMs(List<OpSpec> ops) {
    double ms = 0.3;
    for (OpSpec op : ops) {
      Kernel k = Kernel.of(op);
      ms += switch (k.classKey()) {
        case "CONV" -> 0.05 + 2.0 * k.macs() / 1e6 + 0.5 * k.bytes() / 1e6;
        case "DEPTHWISE" -> 0.02 + 6.0 * k.macs() / 1e6 + 1.0 * k.bytes() / 1e6;
        default -> 0.01 + 3.0 * k.bytes() / 1e6;
      };
    }
    return ms;
  }

  /** Random networks and their ground-truth latencies. */
  private record TrainingSet(List<NetworkFeatures> features, double[] ms) {}

  private static TrainingSet trainingSet(SplittableRandom rng, int size) {
    List<NetworkFeatures> features = new ArrayList<>();
    double[] ms = new double[size];
    for (int i = 0; i < size; i++) {
      List<OpSpec> net = randomNetwork(rng);
      features.add(NetworkFeatures.of(net));
      ms[i] = truthMs(net);
    }
    return new TrainingSet(features, ms);
  }

  @Test
  void recoversALinearPerKernelCostFromWholeNetworkSums() {
    SplittableRandom rng = new SplittableRandom(7);
    TrainingSet train = trainingSet(rng, 400);
    KernelLinearPredictor p = new KernelLinearFitter(0).fit(train.features(), train.ms());
    for (int i = 0; i < 50; i++) {
      List<OpSpec> net = randomNetwork(rng);
      assertThat(p.predictMs(net)).isCloseTo(truthMs(net), within(1e-6 * truthMs(net) + 1e-6));
    }
  }

  @Test
  void nonNegativeFitRecoversPositiveCostsToo() {
    SplittableRandom rng = new SplittableRandom(11);
    TrainingSet train = trainingSet(rng, 400);
    KernelLinearFitter fitter = new KernelLinearFitter(0, true);
    KernelLinearPredictor p = fitter.fit(train.features(), train.ms());
    assertThat(p.classes().values()).allMatch(c -> c.perKernelMs() >= 0 && c.perMegaMacMs() >= 0
        && c.perMegabyteMs() >= 0);
    for (int i = 0; i < 50; i++) {
      List<OpSpec> net = randomNetwork(rng);
      assertThat(p.predictMs(net)).isCloseTo(truthMs(net), within(1e-3 * truthMs(net)));
    }
  }

  @Test
  void emptyNetworkPredictsTheInterceptNeverBelowTheFloor() {
    KernelLinearPredictor p = new KernelLinearPredictor(0.25, java.util.Map.of(),
        new KernelLinearPredictor.Coefficients(0, 0, 0), 0.1);
    assertThat(p.predictMs(List.of())).isEqualTo(0.25);
    KernelLinearPredictor negative = new KernelLinearPredictor(-1, java.util.Map.of(),
        new KernelLinearPredictor.Coefficients(0, 0, 0), 0.1);
    assertThat(negative.predictMs(List.of())).isEqualTo(0.1);
  }

  /**
   * Networks of 10-20 MMAC (one 1x1 conv) whose latency is -2 ms + 1 ms per MMAC (a fixed cost that a larger-is-faster table can
   * make the unconstrained fit see as negative): the fitted line goes below zero for a 1-MMAC network.
   */
  private static double[] negativeInterceptTable(List<NetworkFeatures> train) {
    double[] y = new double[11];
    for (int i = 0; i < y.length; i++) {
      OpSpec conv = OpSpec.of(KernelType.POINTWISE, 10, 10, 100, 1000 + 100 * i, 1, 1, 1);
      train.add(NetworkFeatures.of(List.of(conv)));
      y[i] = -2 + Kernel.of(conv).macs() / 1e6;
    }
    return y;
  }

  @Test
  void fittedPredictorsNeverPredictZeroOrLessOnASmallerNetwork() {
    List<NetworkFeatures> train = new ArrayList<>();
    double[] y = negativeInterceptTable(train);
    // 0.1 MMAC; every feature of this conv family is linear in the output channels, so an exact fit says -1.9 ms
    List<OpSpec> tiny = List.of(OpSpec.of(KernelType.POINTWISE, 10, 10, 100, 10, 1, 1, 1));
    KernelLinearPredictor linear = new KernelLinearFitter(0).fit(train, y);
    for (int i = 0; i < y.length; i++) {
      assertThat(linear.predictMs(train.get(i))).isCloseTo(y[i], within(1e-6));
    }
    // Rationale: the smallest measured latency, 8 ms, is the floor
    assertThat(linear.floorMs()).isEqualTo(8.0);
    assertThat(linear.predictMs(tiny)).isEqualTo(8.0);
    assertThat(linear.predictMs(List.of())).isEqualTo(8.0);
    SharedKernelModel shared = SharedKernelModel.fit(train, y);
    assertThat(shared.predictMs(tiny)).isPositive();
    assertThat(shared.predictMs(List.of())).isPositive();
  }

  @Test
  void aLatencyThatIsNotPositiveCannotBeFitted() {
    List<NetworkFeatures> train = new ArrayList<>();
    double[] y = negativeInterceptTable(train);
    y[3] = 0;
    assertThatThrownBy(() -> new KernelLinearFitter().fit(train, y)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("latencies must be finite and > 0, got 0.0");
  }

  @Test
  void convolutionFeaturesCountMacsAndFloat32Bytes() {
    Kernel k = Kernel.of(OpSpec.of(KernelType.CONV, 32, 32, 16, 32, 3, 2, 1));
    // 16x16 output x 32 channels x (3*3*16) MACs each
    assertThat(k.macs()).isEqualTo(16 * 16 * 32 * 9 * 16.0);
    assertThat(k.bytes()).isEqualTo(4.0 * (32 * 32 * 16 + 16 * 16 * 32 + 9 * 16 * 32));
    assertThat(k.classKey()).isEqualTo("CONV");
    OpSpec add = new OpSpec(KernelType.ADD, 8, 8, 4, 4, 1, 1, 1, 3, true, true, false);
    assertThat(Kernel.of(add).classKey()).isEqualTo("ADD3.dup.dead");
  }

  @Test
  void spearmanUsesAverageRanksForTies() {
    assertThat(ErrorMetrics.spearman(new double[] {1, 2, 3, 4}, new double[] {10, 20, 30, 40})).isEqualTo(1.0);
    assertThat(ErrorMetrics.spearman(new double[] {1, 2, 3, 4}, new double[] {4, 3, 2, 1})).isEqualTo(-1.0);
    assertThat(ErrorMetrics.spearman(new double[] {1, 1, 2}, new double[] {1, 2, 3}))
        .isCloseTo(0.8660254, within(1e-6));
    ErrorMetrics m = ErrorMetrics.of(new double[] {1.05, 2.5, 3.0}, new double[] {1.0, 2.0, 3.0});
    assertThat(m.within10PctShare()).isCloseTo(2.0 / 3, within(1e-12));
    assertThat(m.medianAbsErrorPct()).isCloseTo(5.0, within(1e-9));
  }

  @Test
  void groupedFoldsKeepAGroupTogether() {
    List<String> groups = List.of("a", "b", "a", "c", "d", "b", "e", "a");
    int[] fold = HeldOutEvaluation.assignFolds(groups, 3, 42);
    assertThat(fold[0]).isEqualTo(fold[2]).isEqualTo(fold[7]);
    assertThat(fold[1]).isEqualTo(fold[5]);
    assertThat(fold).containsAnyOf(0).containsAnyOf(1).containsAnyOf(2);
  }
}
