package org.nas4j.profiler.bench;

import java.util.Arrays;

/**
 * The hand-written summary statistics nas used before Apache Commons Statistics, kept unchanged as the oracle that
 * {@code LibraryStatisticsTest} compares {@link SampleStats} with.
 */
final class LegacySampleStats {
  private LegacySampleStats() {}

  static SampleStats of(double[] samplesMs) {
    double[] s = samplesMs.clone();
    Arrays.sort(s);
    int n = s.length;
    double mean = 0;
    for (double v : s) {
      mean += v;
    }
    mean /= n;
    double ss = 0;
    for (double v : s) {
      ss += (v - mean) * (v - mean);
    }
    double stdev = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
    double median = quantileSorted(s, 0.5);
    double[] dev = new double[n];
    for (int i = 0; i < n; i++) {
      dev[i] = Math.abs(s[i] - median);
    }
    Arrays.sort(dev);
    int[] ranks = medianCiRanks(n, SampleStats.CI_LEVEL);
    double level = n >= 6 ? 1 - 2 * LegacyDistributions.binomialHalfCdf(ranks[0] - 1, n) : 1 - 2 * Math.pow(0.5, n);
    return new SampleStats(n, median, quantileSorted(s, 0.9), mean, stdev, mean > 0 ? 100 * stdev / mean : 0,
        quantileSorted(dev, 0.5), s[0], s[n - 1], s[ranks[0] - 1], s[ranks[1] - 1], level);
  }

  static double quantileSorted(double[] sorted, double q) {
    double h = (sorted.length - 1) * q;
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }

  static int[] medianCiRanks(int n, double level) {
    double tail = (1 - level) / 2;
    int j = 1;
    if (n > 2000) {
      double z = 1.959963984540054;
      j = Math.max(1, (int) Math.floor(n / 2.0 - z * Math.sqrt(n) / 2.0));
      while (j > 1 && LegacyDistributions.binomialHalfCdf(j - 1, n) > tail) {
        j--;
      }
    } else {
      while (j + 1 <= (n + 1) / 2 && LegacyDistributions.binomialHalfCdf(j, n) <= tail) {
        j++;
      }
    }
    return new int[] {j, n - j + 1};
  }
}
