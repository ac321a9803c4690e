package org.nas4j.profiler.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link ErrorMetrics#spearman} now delegates to commons-math3; this keeps the hand-written average-rank Pearson it
 * replaced as the reference and checks both agree to 1e-12 on tied, untied, constant and short inputs.
 */
class SpearmanAgreementTest {

  @Test
  void libraryAgreesWithTheFormerHandWrittenRho() {
    SplittableRandom r = new SplittableRandom(7);
    for (int trial = 0; trial < 200; trial++) {
      int n = 2 + r.nextInt(60);
      double[] a = new double[n];
      double[] b = new double[n];
      for (int i = 0; i < n; i++) {
        // coarse values make ties common, as in predicted latencies of isomorphic cells
        a[i] = trial % 2 == 0 ? r.nextInt(8) : r.nextDouble();
        b[i] = a[i] * 0.5 + r.nextInt(5);
      }
      assertThat(ErrorMetrics.spearman(a, b)).as("trial %d", trial).isCloseTo(former(a, b), within(1e-12));
    }
  }

  @Test
  void constantOrSingleInputsRankNothing() {
    assertThat(ErrorMetrics.spearman(new double[] {3, 3, 3}, new double[] {1, 2, 3})).isZero();
    assertThat(former(new double[] {3, 3, 3}, new double[] {1, 2, 3})).isZero();
    assertThat(ErrorMetrics.spearman(new double[] {1}, new double[] {2})).isZero();
    assertThat(ErrorMetrics.of(new double[] {1.1}, new double[] {1.0}).spearmanRho()).isZero();
  }

  /** The implementation ErrorMetrics had before it used commons-math3. */
  private static double former(double[] a, double[] b) {
    double[] ra = ranks(a);
    double[] rb = ranks(b);
    int n = a.length;
    double ma = Arrays.stream(ra).average().orElse(0);
    double mb = Arrays.stream(rb).average().orElse(0);
    double sab = 0;
    double saa = 0;
    double sbb = 0;
    for (int i = 0; i < n; i++) {
      sab += (ra[i] - ma) * (rb[i] - mb);
      saa += (ra[i] - ma) * (ra[i] - ma);
      sbb += (rb[i] - mb) * (rb[i] - mb);
    }
    return saa == 0 || sbb == 0 ? 0 : sab / Math.sqrt(saa * sbb);
  }

  private static double[] ranks(double[] v) {
    Integer[] idx = new Integer[v.length];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, (i, j) -> Double.compare(v[i], v[j]));
    double[] r = new double[v.length];
    int i = 0;
    while (i < idx.length) {
      int j = i;
      while (j + 1 < idx.length && v[idx[j + 1]] == v[idx[i]]) {
        j++;
      }
      for (int k = i; k <= j; k++) {
        r[idx[k]] = (i + j) / 2.0 + 1;
      }
      i = j + 1;
    }
    return r;
  }
}
