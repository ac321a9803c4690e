package org.nas4j.search.strategy;

import java.util.Arrays;
import java.util.List;

/**
 * The default surrogate: the mean of a ridge regression on the features and a k-nearest-neighbour regression
 * (Euclidean distance on features, inverse-distance weights). Ridge captures additive per-gene effects, kNN the
 * interactions near evaluated architectures. Deterministic; no random state.
 */
public final class RidgeKnnModel implements ObjectiveModel {
  private final double lambda;
  private final int k;
  private double[] weights;
  private double intercept;
  private List<double[]> xs;
  private double[] ys;
  private final double ridgeWeight;

  /** A model with ridge penalty {@code lambda}, {@code k} neighbours and the kNN share of the prediction. */
  public RidgeKnnModel(double lambda, int k, double knnShare) {
    if (!(knnShare >= 0 && knnShare <= 1)) {
      throw new IllegalArgumentException("knnShare must be in [0, 1], got " + knnShare);
    }
    this.ridgeWeight = 1 - knnShare;
    if (lambda < 0) {
      throw new IllegalArgumentException("lambda must be >= 0, got " + lambda);
    }
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1, got " + k);
    }
    this.lambda = lambda;
    this.k = k;
  }

  /** Default parameters (lambda 10, k 5, no kNN share). */
  public RidgeKnnModel() {
    this(10.0, 5, 0.0);
  }

  @Override
  public void fit(List<double[]> x, double[] y) {
    if (x.isEmpty() || x.size() != y.length) {
      throw new IllegalArgumentException("need as many rows as targets (>0), got " + x.size() + " and " + y.length);
    }
    this.xs = List.copyOf(x);
    this.ys = y.clone();
    int d = x.get(0).length;
    double meanY = Arrays.stream(y).average().orElse(0);
    double[] meanX = new double[d];
    for (double[] r : x) {
      for (int j = 0; j < d; j++) {
        meanX[j] += r[j] / x.size();
      }
    }
    double[][] a = new double[d][d + 1];
    for (double[] r : x) {
      for (int i = 0; i < d; i++) {
        double ci = r[i] - meanX[i];
        if (ci == 0) {
          continue;
        }
        for (int j = 0; j < d; j++) {
          a[i][j] += ci * (r[j] - meanX[j]);
        }
      }
    }
    for (int n = 0; n < x.size(); n++) {
      double[] r = x.get(n);
      for (int i = 0; i < d; i++) {
        a[i][d] += (r[i] - meanX[i]) * (y[n] - meanY);
      }
    }
    for (int i = 0; i < d; i++) {
      a[i][i] += lambda;
    }
    weights = solve(a, d);
    intercept = meanY;
    for (int j = 0; j < d; j++) {
      intercept -= weights[j] * meanX[j];
    }
  }

  @Override
  public double predict(double[] x) {
    if (weights == null) {
      throw new IllegalStateException("predict before fit");
    }
    double ridge = intercept;
    for (int j = 0; j < x.length; j++) {
      ridge += weights[j] * x[j];
    }
    return ridgeWeight * ridge + (1 - ridgeWeight) * knn(x);
  }

  private double knn(double[] x) {
    int kk = Math.min(k, xs.size());
    double[] bestD = new double[kk];
    int[] bestI = new int[kk];
    Arrays.fill(bestD, Double.POSITIVE_INFINITY);
    for (int n = 0; n < xs.size(); n++) {
      double dist = 0;
      double[] r = xs.get(n);
      for (int j = 0; j < x.length; j++) {
        double t = r[j] - x[j];
        dist += t * t;
      }
      // insertion into the sorted top-k (ties keep the earlier row: deterministic)
      int pos = kk;
      while (pos > 0 && dist < bestD[pos - 1]) {
        pos--;
      }
      if (pos < kk) {
        System.arraycopy(bestD, pos, bestD, pos + 1, kk - pos - 1);
        System.arraycopy(bestI, pos, bestI, pos + 1, kk - pos - 1);
        bestD[pos] = dist;
        bestI[pos] = n;
      }
    }
    double sw = 0;
    double s = 0;
    for (int i = 0; i < kk; i++) {
      double w = 1.0 / (Math.sqrt(bestD[i]) + 1e-6);
      sw += w;
      s += w * ys[bestI[i]];
    }
    return s / sw;
  }

  private static double[] solve(double[][] a, int d) {
    for (int c = 0; c < d; c++) {
      int p = c;
      for (int r = c + 1; r < d; r++) {
        if (Math.abs(a[r][c]) > Math.abs(a[p][c])) {
          p = r;
        }
      }
      double[] t = a[c];
      a[c] = a[p];
      a[p] = t;
      double piv = a[c][c];
      if (Math.abs(piv) < 1e-12) {
        continue;
      }
      for (int r = 0; r < d; r++) {
        if (r != c) {
          double f = a[r][c] / piv;
          if (f != 0) {
            for (int j = c; j <= d; j++) {
              a[r][j] -= f * a[c][j];
            }
          }
        }
      }
    }
    double[] w = new double[d];
    for (int i = 0; i < d; i++) {
      w[i] = Math.abs(a[i][i]) < 1e-12 ? 0 : a[i][d] / a[i][i];
    }
    return w;
  }
}
