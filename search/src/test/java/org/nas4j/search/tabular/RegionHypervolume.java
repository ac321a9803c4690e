package org.nas4j.search.tabular;

import java.util.ArrayList;
import java.util.List;
import org.nas4j.search.strategy.Hypervolumes;

/**
 * The acceptance metric of benchmarks/search-quality.sh, in Java for tests: 2-objective (error, latency) hypervolume
 * in the region within 10 accuracy points of the table's best, reference point (1 - (bestAcc - 10)/100, latency of
 * the true front's most accurate member), normalised by the box from the region's ideal point to the reference.
 */
final class RegionHypervolume {
  private final double[] ref;
  private final double[] ideal;
  private final double trueVolume;

  /** Points are (error, latencyMs) of every table row. */
  RegionHypervolume(List<double[]> table) {
    double bestErr = Double.POSITIVE_INFINITY;
    for (double[] p : table) {
      bestErr = Math.min(bestErr, p[0]);
    }
    double maxErr = bestErr + 0.10;
    List<double[]> region = new ArrayList<>();
    for (double[] p : table) {
      if (p[0] <= maxErr + 1e-12) {
        region.add(p);
      }
    }
    List<double[]> front = Hypervolumes.nondominated(region);
    double maxLat = 0;
    double minLat = Double.POSITIVE_INFINITY;
    for (double[] p : front) {
      maxLat = Math.max(maxLat, p[1]);
    }
    for (double[] p : region) {
      minLat = Math.min(minLat, p[1]);
    }
    ref = new double[] {maxErr, maxLat};
    ideal = new double[] {bestErr, minLat};
    trueVolume = volume(region);
  }

  double volume(List<double[]> points) {
    return Hypervolumes.volume(points, ref) / ((ref[0] - ideal[0]) * (ref[1] - ideal[1]));
  }

  double ratio(List<double[]> found) {
    return volume(found) / trueVolume;
  }
}
