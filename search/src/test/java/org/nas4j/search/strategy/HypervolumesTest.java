package org.nas4j.search.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HypervolumesTest {
  @Test
  void twoDimensionalStaircase() {
    // (0,0.5) and (0.5,0) under ref (1,1): 0.5 + 0.5 - 0.25 = 0.75
    double v = Hypervolumes.volume(List.of(new double[] {0, 0.5}, new double[] {0.5, 0}), new double[] {1, 1});
    assertThat(v).isEqualTo(0.75);
  }

  @Test
  void threeDimensionalMatchesInclusionExclusion() {
    double[] a = {0, 0.5, 0.5};
    double[] b = {0.5, 0, 0.5};
    // |A| = 0.25, |B| = 0.25, |A∩B| = 0.5*0.5*0.5 = 0.125 -> 0.375
    assertThat(Hypervolumes.volume(List.of(a, b), new double[] {1, 1, 1})).isCloseTo(0.375, within(1e-12));
  }

  @Test
  void dominatedAndOutsidePointsAddNothing() {
    List<double[]> base = List.of(new double[] {0.2, 0.2});
    double v = Hypervolumes.volume(base, new double[] {1, 1});
    assertThat(Hypervolumes.volume(List.of(new double[] {0.2, 0.2}, new double[] {0.5, 0.5},
        new double[] {2, -1}), new double[] {1, 1})).isEqualTo(v);
  }

  private static org.assertj.core.data.Offset<Double> within(double d) {
    return org.assertj.core.data.Offset.offset(d);
  }
}
