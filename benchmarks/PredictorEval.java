import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nas4j.profiler.predict.ErrorMetrics;
import org.nas4j.profiler.predict.HeldOutEvaluation;
import org.nas4j.profiler.predict.Kernel;
import org.nas4j.profiler.predict.KernelType;
import org.nas4j.profiler.predict.OpSpec;
import org.nas4j.search.latency.LatencySpace;
import org.nas4j.search.latency.fit.LatencyTable;
import org.nas4j.search.latency.fit.PredictorReport;

/**
 * Prints the predictor evaluation report (PredictorReport) and then every transfer variant tried for issue 19, each
 * with the four numbers: leave-one-space-out both ways and k-fold within-space (fit on both Pixel 3 tables). Run
 * through benchmarks/predictor-eval.sh.
 */
public class PredictorEval {
  record Net(List<OpSpec> ops, double y, String group) {}

  /** A variant: how a network becomes a design row, which columns are free (others >= 0), per-column ridge. */
  record Variant(String name, int columns, Featurizer f, double[] ridge, boolean relative) {}

  interface Featurizer {
    double[] row(List<OpSpec> ops);
  }

  public static void main(String[] args) {
    PredictorReport.Tables tables =
        PredictorReport.Tables.of(args.length > 0 ? args[0] : PredictorReport.Tables.BUILT_IN);
    int folds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
    System.out.print(PredictorReport.run(tables, folds, seed));
    Map<String, String> iso = PredictorReport.isoClasses(tables.nb201());
    List<Net> nb = load(tables.nb201(), "arch", "hw_c10_pixel3_latency_ms", LatencySpace.NB201, iso);
    List<Net> fb = load(tables.fbnet(), "ops", "hw_pixel3_latency_ms", LatencySpace.FBNET, Map.of());
    System.out.printf(Locale.ROOT, "%nTransfer variants tried (Pixel 3; rho / median abs error %%; k-fold: %d folds,"
        + " seed %d, fitted on both tables; removed = kernels priced 0).%n%n", folds, seed);
    System.out.println("| variant | NB201 -> FBNet | FBNet -> NB201 | k-fold NB201 | k-fold FBNet | fit s |");
    System.out.println("|---|---|---|---|---|---|");
    for (Variant v : variants()) {
      long t0 = System.nanoTime();
      String nbToFb = pair(predict(v, fit(v, nb), fb), ys(fb));
      double fitS = (System.nanoTime() - t0) / 1e9;
      String fbToNb = pair(predict(v, fit(v, fb), nb), ys(nb));
      List<Net> both = new ArrayList<>(nb);
      both.addAll(fb);
      double[] p = crossValidate(v, both, folds, seed);
      double[] y = ys(both);
      int n = nb.size();
      System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %.1f |%n", v.name(), nbToFb, fbToNb,
          pair(Arrays.copyOfRange(p, 0, n), Arrays.copyOfRange(y, 0, n)),
          pair(Arrays.copyOfRange(p, n, p.length), Arrays.copyOfRange(y, n, y.length)), fitS);
    }
  }

  static List<Variant> variants() {
    List<Variant> v = new ArrayList<>();
    String[] removal = {"const", "const+dead", "const+dup", "const+dead+dup"};
    for (int r = 0; r < removal.length; r++) {
      v.add(shared("shared sum, removed: " + removal[r] + (r == 3 ? " (adopted: kernel-shared)" : ""), r, 0, false,
          false));
    }
    v.add(shared("shared sum, removed: const+dead+dup, errors weighted 1/max(y,1ms)^2", 3, 0, false, true));
    v.add(shared("shared sum + weight bytes apart, removed: const+dead+dup", 3, 0, true, false));
    for (double ratio : new double[] {0.1, 1, 3, 5, 7, 10, 20}) {
      v.add(shared("roofline max(MACs, " + ratio + " x bytes) + launch, removed: const+dead+dup", 3, ratio, false,
          false));
    }
    for (double ridge : new double[] {0.01, 0.1, 1}) {
      v.add(hierarchical("shared + per-type-group deviations (ridge " + ridge + "), removed: const+dead+dup", ridge));
    }
    return v;
  }

  static boolean removed(OpSpec o, int rule) {
    return o.constant() || (o.dead() && (rule == 1 || rule == 3)) || (o.duplicate() && (rule == 2 || rule == 3));
  }

  /** intercept, kernels, MMACs, MB (or roofline max), [weight MB]. */
  static Variant shared(String name, int rule, double ratio, boolean weightsApart, boolean relative) {
    int p = weightsApart ? 5 : 4;
    return new Variant(name, p, ops -> {
      double[] x = new double[p];
      x[0] = 1;
      for (OpSpec o : ops) {
        if (removed(o, rule)) {
          continue;
        }
        Kernel k = Kernel.of(o);
        double m = k.macs() / 1e6;
        double b = k.bytes() / 1e6;
        x[1] += 1;
        if (ratio > 0) {
          x[2] += Math.max(m, ratio * b);
        } else {
          x[2] += m;
          x[3] += b;
        }
        if (weightsApart) {
          double w = weightMegabytes(o);
          x[3] -= w;
          x[4] += w;
        }
      }
      return x;
    }, new double[p], relative);
  }

  static double weightMegabytes(OpSpec o) {
    return switch (o.type()) {
      case CONV, POINTWISE, GROUP_CONV, DEPTHWISE -> 4e-6 * o.kernelSize() * o.kernelSize() * o.inputChannels()
          / o.groups() * o.outputChannels();
      case LINEAR -> 4e-6 * o.inputChannels() * o.outputChannels();
      default -> 0;
    };
  }

  static int group(KernelType t) {
    return switch (t) {
      case CONV -> 0;
      case POINTWISE -> 1;
      case GROUP_CONV, DEPTHWISE -> 2;
      case LINEAR -> 3;
      case POOL, GLOBAL_POOL -> 4;
      default -> 5;
    };
  }

  /** The shared columns plus per type group (kernels, MMACs, MB) deviations shrunk towards 0 by a ridge. */
  static Variant hierarchical(String name, double groupRidge) {
    int p = 4 + 18;
    double[] ridge = new double[p];
    Arrays.fill(ridge, 4, p, groupRidge);
    return new Variant(name, p, ops -> {
      double[] x = new double[p];
      x[0] = 1;
      for (OpSpec o : ops) {
        if (removed(o, 3)) {
          continue;
        }
        Kernel k = Kernel.of(o);
        int g = 4 + 3 * group(o.type());
        x[1] += 1;
        x[2] += k.macs() / 1e6;
        x[3] += k.bytes() / 1e6;
        x[g] += 1;
        x[g + 1] += k.macs() / 1e6;
        x[g + 2] += k.bytes() / 1e6;
      }
      return x;
    }, ridge, false);
  }

  static List<Net> load(Path f, String archColumn, String column, LatencySpace s, Map<String, String> iso) {
    List<Net> out = new ArrayList<>();
    for (LatencyTable.Row r : LatencyTable.read(f, archColumn, column).rows()) {
      out.add(new Net(s.lower(r.arch()), r.latencyMs(), s.id() + ":" + iso.getOrDefault(r.arch(), r.group())));
    }
    return out;
  }

  static double[] ys(List<Net> nets) {
    return nets.stream().mapToDouble(Net::y).toArray();
  }

  static double[] fit(Variant v, List<Net> nets) {
    double[][] x = new double[nets.size()][];
    double[] y = ys(nets);
    double[] w = new double[y.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = v.f().row(nets.get(i).ops());
      w[i] = v.relative() ? 1 / Math.pow(Math.max(y[i], 1.0), 2) : 1;
    }
    return boundedLeastSquares(x, y, w, v.ridge());
  }

  static double[] predict(Variant v, double[] beta, List<Net> nets) {
    double[] p = new double[nets.size()];
    for (int i = 0; i < p.length; i++) {
      double[] x = v.f().row(nets.get(i).ops());
      double s = 0;
      for (int j = 0; j < x.length; j++) {
        s += x[j] * beta[j];
      }
      p[i] = Math.max(0, s);
    }
    return p;
  }

  static double[] crossValidate(Variant v, List<Net> nets, int folds, long seed) {
    int[] fold = HeldOutEvaluation.assignFolds(nets.stream().map(Net::group).toList(), folds, seed);
    double[] p = new double[nets.size()];
    for (int k = 0; k < folds; k++) {
      List<Net> train = new ArrayList<>();
      List<Integer> test = new ArrayList<>();
      for (int i = 0; i < nets.size(); i++) {
        if (fold[i] == k) {
          test.add(i);
        } else {
          train.add(nets.get(i));
        }
      }
      double[] beta = fit(v, train);
      double[] q = predict(v, beta, test.stream().map(nets::get).toList());
      for (int j = 0; j < q.length; j++) {
        p[test.get(j)] = q[j];
      }
    }
    return p;
  }

  /** Weighted least squares, column 0 free, the others >= 0, per-column ridge (times rows, on RMS-scaled columns). */
  static double[] boundedLeastSquares(double[][] x, double[] y, double[] w, double[] ridge) {
    int p = x[0].length;
    double[] scale = new double[p];
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < p; j++) {
        scale[j] += w[i] * x[i][j] * x[i][j];
      }
    }
    for (int j = 0; j < p; j++) {
      scale[j] = scale[j] > 0 ? Math.sqrt(scale[j] / x.length) : 1;
    }
    double[][] a = new double[p][p];
    double[] c = new double[p];
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < p; j++) {
        double xj = x[i][j] / scale[j];
        if (xj == 0) {
          continue;
        }
        c[j] += w[i] * xj * y[i];
        for (int k = 0; k < p; k++) {
          a[j][k] += w[i] * xj * x[i][k] / scale[k];
        }
      }
    }
    for (int j = 0; j < p; j++) {
      a[j][j] += (1e-9 + ridge[j]) * x.length;
    }
    double[] b = new double[p];
    for (int sweep = 0; sweep < 20000; sweep++) {
      double change = 0;
      for (int j = 0; j < p; j++) {
        double r = c[j];
        for (int k = 0; k < p; k++) {
          if (k != j) {
            r -= a[j][k] * b[k];
          }
        }
        double next = r / a[j][j];
        if (j > 0 && next < 0) {
          next = 0;
        }
        change = Math.max(change, Math.abs(next - b[j]));
        b[j] = next;
      }
      if (change < 1e-10) {
        break;
      }
    }
    for (int j = 0; j < p; j++) {
      b[j] /= scale[j];
    }
    return b;
  }

  static String pair(double[] p, double[] y) {
    ErrorMetrics m = ErrorMetrics.of(p, y);
    return String.format(Locale.ROOT, "%.3f / %.1f%%", m.spearmanRho(), m.medianAbsErrorPct());
  }
}
