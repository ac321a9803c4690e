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
import org.nas4j.profiler.predict.NetworkFeatures;
import org.nas4j.profiler.predict.OpSpec;
import org.nas4j.profiler.predict.SharedKernelModel;
import org.nas4j.search.latency.LatencySpace;
import org.nas4j.search.latency.fit.LatencyTable;
import org.nas4j.search.latency.fit.PredictorReport;

/**
 * Prints the predictor evaluation report (PredictorReport) and then every transfer variant tried for issue 19, each
 * with the four numbers: leave-one-space-out both ways and k-fold within-space (fit on both Pixel 3 tables). Run
 * through benchmarks/predictor-eval.sh; arguments TABLES FOLDS SEED [MODE [FILTER]], the modes listed there.
 */
public class PredictorEval {
  record Net(List<OpSpec> ops, double y, String group) {}

  /** A variant: how a network becomes a design row, which columns are free (others >= 0), per-column ridge. */
  record Variant(String name, int columns, Featurizer f, double[] ridge, boolean relative, boolean interceptBounded) {
    Variant(String name, int columns, Featurizer f, double[] ridge, boolean relative) {
      this(name, columns, f, ridge, relative, false);
    }
  }

  /** Per-kernel features of a physical variant (column 0, the intercept, is added by the caller). */
  interface KernelFeatures {
    void add(OpSpec o, Kernel k, double[] x);
  }

  interface Featurizer {
    double[] row(List<OpSpec> ops);
  }

  public static void main(String[] args) {
    PredictorReport.Tables tables =
        PredictorReport.Tables.of(args.length > 0 ? args[0] : PredictorReport.Tables.BUILT_IN);
    int folds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
    String mode = args.length > 3 ? args[3] : "all";
    if (mode.equals("all")) {
      System.out.print(PredictorReport.run(tables, folds, seed));
    }
    Map<String, String> iso = PredictorReport.isoClasses(tables.nb201());
    List<Net> nb = load(tables.nb201(), "arch", "hw_c10_pixel3_latency_ms", LatencySpace.NB201, iso);
    List<Net> fb = load(tables.fbnet(), "ops", "hw_pixel3_latency_ms", LatencySpace.FBNET, Map.of());
    if (mode.equals("dump")) {
      double r = Double.parseDouble(args[4]);
      Variant v = physical("r " + r, 2, true, (o, k, x) -> {
        x[1] += 1;
        x[2] += (k.macs() + r * k.bytes()) / 1e6;
      });
      double[] b = fit(v, fb);
      System.out.println("# " + Arrays.toString(b));
      double[] p = predict(v, b, nb);
      List<LatencyTable.Row> rows = LatencyTable.read(tables.nb201(), "arch", "hw_c10_pixel3_latency_ms").rows();
      for (int i = 0; i < p.length; i++) {
        System.out.println(rows.get(i).arch() + "," + nb.get(i).y() + "," + p[i]);
      }
      return;
    }
    if (mode.equals("unique")) {
      unique(nb, fb);
      return;
    }
    if (mode.equals("rsel")) {
      rsel(nb, fb);
      return;
    }
    if (mode.equals("rscan")) {
      for (double r : new double[] {0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 5, 6, 8}) {
        Variant v = physical("r " + r, 2, true, (o, k, x) -> {
          x[1] += 1;
          x[2] += (k.macs() + r * k.bytes()) / 1e6;
        });
        System.out.printf(Locale.ROOT, "r %.1f  k-fold NB201 alone %s  k-fold FBNet alone %s  LOSO %s  %s%n", r,
            pair(crossValidate(v, nb, folds, seed), ys(nb)), pair(crossValidate(v, fb, folds, seed), ys(fb)),
            pair(predict(v, fit(v, nb), fb), ys(fb)), pair(predict(v, fit(v, fb), nb), ys(nb)));
      }
      for (List<Net> space : List.of(nb, fb)) {
        Variant v = shared("free", 3, 0, false, false);
        double[] b = fit(v, space);
        System.out.printf(Locale.ROOT, "free shared sum: intercept %.4f, launch %.5f, ms/MMAC %.5f, ms/MB %.5f,"
            + " ratio %.2f%n", b[0], b[1], b[2], b[3], b[3] / b[2]);
      }
      return;
    }
    System.out.printf(Locale.ROOT, "%nTransfer variants tried (Pixel 3; rho / median abs error %%; k-fold: %d folds,"
        + " seed %d, fitted on both tables; removed = kernels priced 0; every prediction floored at intercept + one"
        + " launch, or the smallest fitted latency when that is 0; fit s = one NB201-only fit).%n%n", folds, seed);
    System.out.println("| variant | NB201 -> FBNet | FBNet -> NB201 | k-fold NB201 | k-fold FBNet | fit s |");
    System.out.println("|---|---|---|---|---|---|");
    adopted(nb, fb, folds, seed);
    for (Variant v : variants()) {
      if (args.length > 4 && !v.name().contains(args[4])) {
        continue;
      }
      long t0 = System.nanoTime();
      String nbToFb = pair(predict(v, fit(v, nb), fb), ys(fb));
      double fitS = (System.nanoTime() - t0) / 1e9;
      String fbToNb = pair(predict(v, fit(v, fb), nb), ys(nb));
      if (mode.equals("loso")) {
        System.out.printf(Locale.ROOT, "| %s | %s | %s | - | - | %.1f |%n", v.name(), nbToFb, fbToNb, fitS);
        continue;
      }
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

  /**
   * Leave-one-space-out with the production model when NB201 counts each distinct network once: one row per
   * isomorphism class (the table's first), fitted and judged on, against all 15,625 encodings.
   */
  static void unique(List<Net> nb, List<Net> fb) {
    Map<String, Net> first = new java.util.LinkedHashMap<>();
    for (Net n : nb) {
      first.putIfAbsent(n.group(), n);
    }
    List<Net> nbU = new ArrayList<>(first.values());
    List<NetworkFeatures> fbF = fb.stream().map(n -> NetworkFeatures.of(n.ops())).toList();
    SharedKernelModel fromFb = SharedKernelModel.fit(fbF, ys(fb));
    for (List<Net> rows : List.of(nb, nbU)) {
      List<NetworkFeatures> nbF = rows.stream().map(n -> NetworkFeatures.of(n.ops())).toList();
      SharedKernelModel fromNb = SharedKernelModel.fit(nbF, ys(rows));
      System.out.printf(Locale.ROOT, "NB201 rows %d (NB201 r=%.1f, FBNet r=%.1f) | NB201 -> FBNet %s | FBNet -> NB201 %s%n",
          rows.size(), fromNb.byteCostMacs(), fromFb.byteCostMacs(),
          pair(fbF.stream().mapToDouble(fromNb::predictMs).toArray(), ys(fb)),
          pair(nbF.stream().mapToDouble(fromFb::predictMs).toArray(), ys(rows)));
    }
  }

  /**
   * Byte cost r chosen on the fitted rows by extrapolation: split the rows at the median of a property, fit on one
   * half and predict the other, both ways; r minimises the mean of the two medians of relative error.
   */
  static void rsel(List<Net> nb, List<Net> fb) {
    List<NetworkFeatures> nbF = nb.stream().map(n -> NetworkFeatures.of(n.ops())).toList();
    List<NetworkFeatures> fbF = fb.stream().map(n -> NetworkFeatures.of(n.ops())).toList();
    Map<String, java.util.function.ToDoubleFunction<double[]>> props = new java.util.LinkedHashMap<>();
    props.put("intensity MACs/byte", w -> w[1] / Math.max(w[2], 1e-12));
    props.put("MACs", w -> w[1]);
    props.put("bytes", w -> w[2]);
    props.put("kernels", w -> w[0]);
    for (var prop : props.entrySet()) {
      double rNb = selectR(nbF, ys(nb), prop.getValue());
      double rFb = selectR(fbF, ys(fb), prop.getValue());
      SharedKernelModel fromNb = SharedKernelModel.fit(nbF, ys(nb), rNb);
      SharedKernelModel fromFb = SharedKernelModel.fit(fbF, ys(fb), rFb);
      System.out.printf(Locale.ROOT, "split by %s: NB201 r=%.1f, FBNet r=%.1f | NB201 -> FBNet %s | FBNet -> NB201 %s%n",
          prop.getKey(), rNb, rFb, pair(fbF.stream().mapToDouble(fromNb::predictMs).toArray(), ys(fb)),
          pair(nbF.stream().mapToDouble(fromFb::predictMs).toArray(), ys(nb)));
    }
  }

  static double selectR(List<NetworkFeatures> f, double[] y, java.util.function.ToDoubleFunction<double[]> prop) {
    double[] v = f.stream().mapToDouble(n -> prop.applyAsDouble(SharedKernelModel.work(n))).toArray();
    double[] sorted = v.clone();
    Arrays.sort(sorted);
    double median = sorted[sorted.length / 2];
    List<Integer> lo = new ArrayList<>();
    List<Integer> hi = new ArrayList<>();
    for (int i = 0; i < v.length; i++) {
      (v[i] < median ? lo : hi).add(i);
    }
    double best = Double.NaN;
    double bestErr = Double.POSITIVE_INFINITY;
    StringBuilder trace = new StringBuilder();
    for (double r : SharedKernelModel.BYTE_COST_GRID) {
      double e = (extrapolationError(f, y, lo, hi, r) + extrapolationError(f, y, hi, lo, r)) / 2;
      trace.append(String.format(Locale.ROOT, " %.1f:%.1f%%", r, e));
      if (e < bestErr) {
        bestErr = e;
        best = r;
      }
    }
    System.out.println("  " + f.size() + " rows (" + lo.size() + " / " + hi.size() + "):" + trace);
    return best;
  }

  static double extrapolationError(List<NetworkFeatures> f, double[] y, List<Integer> train, List<Integer> test,
      double r) {
    SharedKernelModel m = SharedKernelModel.fit(train.stream().map(f::get).toList(),
        train.stream().mapToDouble(i -> y[i]).toArray(), r);
    double[] p = test.stream().mapToDouble(i -> m.predictMs(f.get(i))).toArray();
    return ErrorMetrics.of(p, test.stream().mapToDouble(i -> y[i]).toArray()).medianAbsErrorPct();
  }

  /** The adopted model through the production code (SharedKernelModel.fit: byte cost chosen on the fitted rows). */
  static void adopted(List<Net> nb, List<Net> fb, int folds, long seed) {
    List<NetworkFeatures> nbF = nb.stream().map(n -> NetworkFeatures.of(n.ops())).toList();
    List<NetworkFeatures> fbF = fb.stream().map(n -> NetworkFeatures.of(n.ops())).toList();
    long t0 = System.nanoTime();
    SharedKernelModel fromNb = SharedKernelModel.fit(nbF, ys(nb));
    double fitS = (System.nanoTime() - t0) / 1e9;
    SharedKernelModel fromFb = SharedKernelModel.fit(fbF, ys(fb));
    List<NetworkFeatures> all = new ArrayList<>(nbF);
    all.addAll(fbF);
    List<Net> both = new ArrayList<>(nb);
    both.addAll(fb);
    double[] y = ys(both);
    double[] p = HeldOutEvaluation.crossValidate(all, y, both.stream().map(Net::group).toList(), folds, seed,
        (x, yy) -> SharedKernelModel.fit(x, yy)::predictMs).predictedMs();
    int n = nb.size();
    System.out.printf(Locale.ROOT, "| kernel-shared, adopted: launch + (MACs + r x bytes) / rate, all >= 0, r chosen"
        + " on the fitted rows (NB201 r=%.1f, FBNet r=%.1f, both r=%.1f) | %s | %s | %s | %s | %.1f |%n",
        fromNb.byteCostMacs(), fromFb.byteCostMacs(), SharedKernelModel.fit(all, y).byteCostMacs(),
        pair(fbF.stream().mapToDouble(fromNb::predictMs).toArray(), ys(fb)),
        pair(nbF.stream().mapToDouble(fromFb::predictMs).toArray(), ys(nb)),
        pair(Arrays.copyOfRange(p, 0, n), Arrays.copyOfRange(y, 0, n)),
        pair(Arrays.copyOfRange(p, n, p.length), Arrays.copyOfRange(y, n, y.length)), fitS);
  }

  static List<Variant> variants() {
    List<Variant> v = new ArrayList<>();
    String[] removal = {"const", "const+dead", "const+dup", "const+dead+dup"};
    for (int r = 0; r < removal.length; r++) {
      v.add(shared("shared sum, removed: " + removal[r] + (r == 3 ? " (kernel-shared until now)" : ""), r, 0, false,
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
    v.add(physical("shared sum, intercept >= 0 (non-negative least squares on all four)", 3, true, (o, k, x) -> {
      x[1] += 1;
      x[2] += k.macs() / 1e6;
      x[3] += k.bytes() / 1e6;
    }));
    // (a) MAC efficiency rising with the parallel work s and saturating: eff = s / (s + s0), so a kernel's MAC time
    // is MACs / peak * (1 + s0 / s) = a * MACs + c * MACs / s, both >= 0 (s0 = c / a fitted)
    String[][] sizes = {{"output elements H x W x Cout", "hwc"}, {"output channels Cout", "c"},
        {"output pixels H x W", "hw"}};
    for (String[] sz : sizes) {
      v.add(physical("efficiency s/(s+s0) on MACs, s = " + sz[0] + "; launch, MB", 4, true, (o, k, x) -> {
        x[1] += 1;
        x[2] += k.macs() / 1e6;
        x[3] += k.bytes() / 1e6;
        x[4] += k.macs() / 1e6 / size(o, sz[1]);
      }));
    }
    // (a') per conv class a separate peak rate (dense, pointwise, depthwise/grouped, other), the s0 term shared
    v.add(physical("efficiency s/(s+s0), s = H x W x Cout, peak MAC rate per conv class; launch, MB", 7, true,
        (o, k, x) -> {
          x[1] += 1;
          x[2] += k.bytes() / 1e6;
          x[3] += k.macs() / 1e6 / size(o, "hwc");
          x[4 + convClass(o.type())] += k.macs() / 1e6;
        }));
    // (b) launch overhead per op family, each >= 0; MACs and MB shared
    v.add(physical("launch per op family (conv, element-wise, pool, linear) >= 0; MACs, MB shared", 7, true,
        (o, k, x) -> {
          x[1 + family(o.type())] += 1;
          x[5] += k.macs() / 1e6;
          x[6] += k.bytes() / 1e6;
        }));
    v.add(physical("launch per op family >= 0; efficiency s/(s+s0) on MACs, s = H x W x Cout; MB", 8, true,
        (o, k, x) -> {
          x[1 + family(o.type())] += 1;
          x[5] += k.macs() / 1e6;
          x[6] += k.bytes() / 1e6;
          x[7] += k.macs() / 1e6 / size(o, "hwc");
        }));
    // (c) NNLS over physical features shared by every type
    v.add(physical("NNLS: launch, MACs, activation MB, weight MB, output elements", 6, true, (o, k, x) -> {
      double wMb = weightMegabytes(o);
      x[1] += 1;
      x[2] += k.macs() / 1e6;
      x[3] += k.bytes() / 1e6 - wMb;
      x[4] += wMb;
      x[5] += size(o, "hwc") / 1e6;
    }));
    v.add(physical("NNLS: launch, MACs, activation MB, weight MB, MACs / (H x W x Cout)", 6, true, (o, k, x) -> {
      double wMb = weightMegabytes(o);
      x[1] += 1;
      x[2] += k.macs() / 1e6;
      x[3] += k.bytes() / 1e6 - wMb;
      x[4] += wMb;
      x[5] += k.macs() / 1e6 / size(o, "hwc");
    }));
    // the adopted form with r fixed (chosen by hand on these LOSO numbers: selection bias, see the docs)
    for (double r : new double[] {1, 1.5, 2, 2.5, 3, 3.5, 4, 5, 6, 8}) {
      v.add(physical("launch + (MACs + " + r + " x bytes) / rate, all >= 0, r fixed", 2, true, (o, k, x) -> {
        x[1] += 1;
        x[2] += (k.macs() + r * k.bytes()) / 1e6;
      }));
    }
    // the adopted form with a launch cost per op family (b), each >= 0
    for (double r : new double[] {1.5, 2, 3}) {
      v.add(physical("launch per op family >= 0 + (MACs + " + r + " x bytes) / rate, r fixed", 5, true,
          (o, k, x) -> {
            x[1 + family(o.type())] += 1;
            x[5] += (k.macs() + r * k.bytes()) / 1e6;
          }));
    }
    // the adopted form, least squares on relative error (rows weighted 1/y^2)
    for (double r : new double[] {1, 1.5, 2, 3, 4}) {
      Variant tied = physical("", 2, true, (o, k, x) -> {
        x[1] += 1;
        x[2] += (k.macs() + r * k.bytes()) / 1e6;
      });
      v.add(new Variant("launch + (MACs + " + r + " x bytes) / rate, all >= 0, r fixed, relative error (weights"
          + " 1/y^2)", tied.columns(), tied.f(), tied.ridge(), true, true));
    }
    for (double ratio : new double[] {5, 7, 10}) {
      v.add(physical("roofline max(MACs, " + ratio + " x bytes) + launch, intercept >= 0", 2, true, (o, k, x) -> {
        x[1] += 1;
        x[2] += Math.max(k.macs(), ratio * k.bytes()) / 1e6;
      }));
    }
    for (double pw : new double[] {1.5, 2, 4}) {
      for (double ratio : new double[] {3, 5, 7}) {
        v.add(physical("soft roofline (MACs^" + pw + " + (" + ratio + " x bytes)^" + pw + ")^(1/" + pw
            + ") + launch, intercept >= 0", 2, true, (o, k, x) -> {
              x[1] += 1;
              x[2] += Math.pow(Math.pow(k.macs(), pw) + Math.pow(ratio * k.bytes(), pw), 1 / pw) / 1e6;
            }));
      }
    }
    // cache: bytes of kernels whose working set (inputs + output + weights) exceeds L cost extra (>= 0)
    for (int kb : new int[] {64, 256, 1024}) {
      v.add(physical("cache: MB, + MB of kernels moving > " + kb + " KB; launch, MACs, intercept >= 0", 4, true,
          (o, k, x) -> {
            x[1] += 1;
            x[2] += k.macs() / 1e6;
            x[3] += k.bytes() / 1e6;
            x[4] += k.bytes() > kb * 1024.0 ? k.bytes() / 1e6 : 0;
          }));
      v.add(physical("cache: MB, + MB beyond " + kb + " KB per kernel; launch, MACs, intercept >= 0", 4, true,
          (o, k, x) -> {
            x[1] += 1;
            x[2] += k.macs() / 1e6;
            x[3] += k.bytes() / 1e6;
            x[4] += Math.max(0, k.bytes() - kb * 1024.0) / 1e6;
          }));
    }
    return v;
  }

  /** A variant over executed kernels (removed: const+dead+dup), all columns >= 0 ({@code interceptBounded}). */
  static Variant physical(String name, int last, boolean interceptBounded, KernelFeatures kf) {
    int p = last + 1;
    return new Variant(name, p, ops -> {
      double[] x = new double[p];
      x[0] = 1;
      for (OpSpec o : ops) {
        if (!removed(o, 3)) {
          kf.add(o, Kernel.of(o), x);
        }
      }
      return x;
    }, new double[p], false, interceptBounded);
  }

  static double size(OpSpec o, String what) {
    double hw = (double) o.outputHeight() * o.outputWidth();
    return switch (what) {
      case "hwc" -> hw * o.outputChannels();
      case "c" -> o.outputChannels();
      default -> hw;
    };
  }

  static int convClass(KernelType t) {
    return switch (t) {
      case CONV -> 0;
      case POINTWISE -> 1;
      case GROUP_CONV, DEPTHWISE -> 2;
      default -> 3;
    };
  }

  static int family(KernelType t) {
    return switch (t) {
      case CONV, POINTWISE, GROUP_CONV, DEPTHWISE -> 0;
      case POOL, GLOBAL_POOL -> 2;
      case LINEAR -> 3;
      default -> 1;
    };
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
      w[i] = v.relative() ? 1 / Math.pow(Math.max(y[i], v.interceptBounded() ? 0.1 : 1.0), 2) : 1;
    }
    double[] b = boundedLeastSquares(x, y, w, v.ridge(), v.interceptBounded());
    double[] out = Arrays.copyOf(b, b.length + 1);
    // The floor, as SharedKernelModel: intercept + one launch (column 1) when positive, else the smallest latency
    double minimal = b[0] + Math.max(0, b[1]);
    out[b.length] = minimal > 0 ? minimal : Arrays.stream(y).min().orElseThrow();
    return out;
  }

  static double[] predict(Variant v, double[] beta, List<Net> nets) {
    double[] p = new double[nets.size()];
    for (int i = 0; i < p.length; i++) {
      double[] x = v.f().row(nets.get(i).ops());
      double s = 0;
      for (int j = 0; j < x.length; j++) {
        s += x[j] * beta[j];
      }
      p[i] = Math.max(beta[x.length], s);
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
  static double[] boundedLeastSquares(double[][] x, double[] y, double[] w, double[] ridge,
      boolean interceptBounded) {
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
        if ((j > 0 || interceptBounded) && next < 0) {
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
