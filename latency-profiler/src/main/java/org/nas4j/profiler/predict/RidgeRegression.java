package org.nas4j.profiler.predict;

/**
 * Ridge-regularised linear least squares on small dense problems (tens of columns, up to ~100k rows). Columns are
 * scaled to unit RMS before the penalty {@code ridge * rows * |beta|^2}; one column (the intercept) may be exempt.
 * Stateless and thread-safe; the arguments are not modified.
 */
public final class RidgeRegression {
  private RidgeRegression() {}

  /**
   * Coefficients minimising {@code |x beta - y|^2 + ridge * rows * |scaled beta|^2}.
   *
   * @param x design matrix, rows x columns
   * @param y targets, one per row
   * @param ridge penalty strength ({@code >= 0}; a floor of 1e-12 keeps all-zero columns solvable)
   * @param freeColumn column without penalty, or -1
   */
  public static double[] solve(double[][] x, double[] y, double ridge, int freeColumn) {
    return solve(x, y, ridge, freeColumn, false);
  }

  /**
   * Like {@link #solve(double[][], double[], double, int)}; with {@code nonNegative} every coefficient except the
   * free column is constrained to be {@code >= 0} (cyclic coordinate descent on the normal equations).
   */
  public static double[] solve(double[][] x, double[] y, double ridge, int freeColumn, boolean nonNegative) {
    int n = x.length;
    int p = x[0].length;
    double[] scale = new double[p];
    for (double[] row : x) {
      for (int j = 0; j < p; j++) {
        scale[j] += row[j] * row[j];
      }
    }
    for (int j = 0; j < p; j++) {
      scale[j] = scale[j] == 0 ? 1 : Math.sqrt(scale[j] / n);
    }
    double[][] a = new double[p][p];
    double[] b = new double[p];
    double[] z = new double[p];
    for (int r = 0; r < n; r++) {
      for (int j = 0; j < p; j++) {
        z[j] = x[r][j] / scale[j];
      }
      for (int j = 0; j < p; j++) {
        if (z[j] == 0) {
          continue;
        }
        b[j] += z[j] * y[r];
        for (int k = j; k < p; k++) {
          a[j][k] += z[j] * z[k];
        }
      }
    }
    for (int j = 0; j < p; j++) {
      for (int k = 0; k < j; k++) {
        a[j][k] = a[k][j];
      }
      a[j][j] += (j == freeColumn ? 1e-12 : Math.max(ridge, 1e-12)) * n;
    }
    double[] beta = nonNegative ? coordinateDescent(a, b, freeColumn) : gauss(a, b);
    for (int j = 0; j < p; j++) {
      beta[j] /= scale[j];
    }
    return beta;
  }

  /** Minimises 0.5 b'Ab - b'c with b >= 0 except b[free], by cyclic coordinate descent. */
  private static double[] coordinateDescent(double[][] a, double[] c, int free) {
    int p = c.length;
    double[] b = new double[p];
    double[] grad = new double[p]; // A b - c, kept up to date
    for (int j = 0; j < p; j++) {
      grad[j] = -c[j];
    }
    for (int sweep = 0; sweep < 20000; sweep++) {
      double maxChange = 0;
      for (int j = 0; j < p; j++) {
        double next = b[j] - grad[j] / a[j][j];
        if (j != free && next < 0) {
          next = 0;
        }
        double delta = next - b[j];
        if (delta != 0) {
          for (int k = 0; k < p; k++) {
            grad[k] += a[k][j] * delta;
          }
          b[j] = next;
          maxChange = Math.max(maxChange, Math.abs(delta));
        }
      }
      if (maxChange < 1e-10) {
        break;
      }
    }
    return b;
  }

  /** Gaussian elimination with partial pivoting; {@code a} and {@code b} are overwritten. */
  private static double[] gauss(double[][] a, double[] b) {
    int p = b.length;
    for (int col = 0; col < p; col++) {
      int pivot = col;
      for (int r = col + 1; r < p; r++) {
        if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
          pivot = r;
        }
      }
      double[] t = a[col];
      a[col] = a[pivot];
      a[pivot] = t;
      double tb = b[col];
      b[col] = b[pivot];
      b[pivot] = tb;
      double d = a[col][col];
      if (d == 0) {
        throw new IllegalStateException("singular normal equations at column " + col);
      }
      for (int r = col + 1; r < p; r++) {
        double f = a[r][col] / d;
        if (f == 0) {
          continue;
        }
        for (int k = col; k < p; k++) {
          a[r][k] -= f * a[col][k];
        }
        b[r] -= f * b[col];
      }
    }
    double[] xs = new double[p];
    for (int r = p - 1; r >= 0; r--) {
      double s = b[r];
      for (int k = r + 1; k < p; k++) {
        s -= a[r][k] * xs[k];
      }
      xs[r] = s / a[r][r];
    }
    return xs;
  }
}
