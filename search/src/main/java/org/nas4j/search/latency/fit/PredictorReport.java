package org.nas4j.search.latency.fit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.ToDoubleFunction;
import org.nas4j.profiler.predict.ErrorMetrics;
import org.nas4j.profiler.predict.HeldOutEvaluation;
import org.nas4j.profiler.predict.KernelLinearFitter;
import org.nas4j.profiler.predict.KernelLinearPredictor;
import org.nas4j.profiler.predict.NetworkFeatures;
import org.nas4j.profiler.predict.SharedKernelModel;
import org.nas4j.search.latency.LatencySpace;
import org.nas4j.search.tabular.BenchmarkTables;
import org.nas4j.targets.error.InvalidArgumentException;

/**
 * The evaluation behind {@code benchmarks/predictor-eval.sh}: held-out error of the kernel-linear model (and of the
 * per-edge lookup-table baseline on NB201) for every device column of the shared benchmark tables, and the
 * cross-space error (fit on one space, predict the other), on the built-in tables or the source files ({@link
 * Tables}). Returns text; prints nothing.
 */
public final class PredictorReport {
  /** NB201 device columns of {@code nb201.csv}. */
  public static final List<String> NB201_HW = List.of("hw_c10_pixel3_latency_ms", "hw_c10_raspi4_latency_ms",
      "hw_c10_edgegpu_latency_ms", "hw_c10_edgetpu_latency_ms", "hw_c10_eyeriss_latency_ms",
      "hw_c10_fpga_latency_ms");
  /** NB201 device columns of {@code nb201_help_extra_latency.csv} included in the report. */
  public static final List<String> NB201_HELP = List.of("help_pixel2_latency_ms", "help_samsung_a50_latency_ms",
      "help_samsung_s7_latency_ms", "help_essential_ph_1_latency_ms", "help_gold_6226_latency_ms",
      "help_silver_4114_latency_ms", "help_1080ti_1_latency_ms", "help_titanx_1_latency_ms");
  /** FBNet device columns of {@code fbnet_c100_latency.csv} included in the report. */
  public static final List<String> FBNET = List.of("hw_pixel3_latency_ms", "hw_raspi4_latency_ms",
      "hw_eyeriss_latency_ms", "hw_fpga_latency_ms", "help_pixel2_latency_ms", "help_samsung_a50_latency_ms",
      "help_gold_6226_latency_ms", "help_1080ti_1_latency_ms");

  private PredictorReport() {}

  /**
   * The tables the evaluation reads.
   *
   * @param nb201 NB201 rows with {@code arch}, {@code iso_class} and the {@link #NB201_HW} columns
   * @param nb201Help NB201 rows with {@code arch} and the {@link #NB201_HELP} columns
   * @param fbnet FBNet rows with {@code ops} and the {@link #FBNET} columns
   */
  public record Tables(Path nb201, Path nb201Help, Path fbnet) {
    /** The value meaning the tables built into nas, the default of {@code benchmarks/predictor-eval.sh}. */
    public static final String BUILT_IN = "builtin";

    /**
     * The tables for a command-line value: {@value #BUILT_IN} for the built-in {@code nb201} table (which joins
     * {@code nb201.csv} with the HELP latencies, so it serves as both NB201 tables) and {@code fbnet} table, or a
     * directory holding the three source files {@code nb201.csv}, {@code nb201_help_extra_latency.csv} and {@code
     * fbnet_c100_latency.csv}.
     *
     * @throws InvalidArgumentException (one line) for a directory that lacks one of the three files
     */
    public static Tables of(String value) {
      if (value.equals(BUILT_IN)) {
        Path nb = BenchmarkTables.resolve("nb201");
        return new Tables(nb, nb, BenchmarkTables.resolve("fbnet"));
      }
      Path dir = Path.of(value);
      Tables t = new Tables(dir.resolve("nb201.csv"), dir.resolve("nb201_help_extra_latency.csv"),
          dir.resolve("fbnet_c100_latency.csv"));
      for (Path p : List.of(t.nb201(), t.nb201Help(), t.fbnet())) {
        if (!Files.isReadable(p)) {
          throw new InvalidArgumentException("'" + value + "' is neither '" + BUILT_IN
              + "' nor a directory holding nb201.csv, nb201_help_extra_latency.csv and fbnet_c100_latency.csv: no "
              + p.getFileName());
        }
      }
      return t;
    }
  }

  /** The evaluation of the source tables in directory {@code benchmarks}; see {@link #run(Tables, int, long)}. */
  public static String run(Path benchmarks, int folds, long seed) {
    return run(Tables.of(benchmarks.toString()), folds, seed);
  }

  /** Runs the whole evaluation on {@code tables} and returns a Markdown report. */
  public static String run(Tables tables, int folds, long seed) {
    Path nb201 = tables.nb201();
    Path help = tables.nb201Help();
    Path fbnet = tables.fbnet();
    Map<String, String> iso = isoClasses(nb201);
    KernelLinearFitter fitter = new KernelLinearFitter();
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "Held-out error, %d-fold over architectures (seed %d), NB201 folds grouped"
        + " by iso_class.%n%n", folds, seed));
    out.append("| table | column | rows | model | rho | median abs err % | p90 abs err % | within ±10% |\n");
    out.append("|---|---|---|---|---|---|---|---|\n");
    for (String col : NB201_HW) {
      nb201Rows(out, nb201, col, iso, folds, seed, fitter);
      PredictorFitting.LoweredTable t = PredictorFitting.lower(
          new PredictorFitting.TableSpec(LatencySpace.NB201, nb201, "arch", col));
      List<String> groups = t.table().rows().stream().map(LatencyTable.Row::group).toList();
      row(out, nb201.getFileName().toString(), col, "kernel-linear, non-negative (alternative)", HeldOutEvaluation.crossValidate(
          t.features(), t.latencyMs(), groups, folds, seed, new KernelLinearFitter(fitter.ridge(), true)).metrics());
    }
    for (String col : NB201_HELP) {
      nb201Rows(out, help, col, iso, folds, seed, fitter);
    }
    for (String col : FBNET) {
      PredictorFitting.LoweredTable t = PredictorFitting.lower(
          new PredictorFitting.TableSpec(LatencySpace.FBNET, fbnet, "ops", col));
      List<String> groups = t.table().rows().stream().map(LatencyTable.Row::group).toList();
      row(out, fbnet.getFileName().toString(), col, "kernel-linear",
          HeldOutEvaluation.crossValidate(t.features(), t.latencyMs(), groups, folds, seed, fitter).metrics());
    }
    out.append("\nCross-space: fit on all rows of one space, predict every row of the other.\n\n");
    out.append("| fitted on | predicted | rho | median abs err % | p90 abs err % | within ±10% |\n");
    out.append("|---|---|---|---|---|---|\n");
    String[][] pairs = {{"hw_c10_pixel3_latency_ms", "hw_pixel3_latency_ms"},
        {"hw_c10_raspi4_latency_ms", "hw_raspi4_latency_ms"},
        {"help_pixel2_latency_ms", "help_pixel2_latency_ms"}};
    for (String[] pair : pairs) {
      Path nbTable = pair[0].startsWith("help_") ? help : nb201;
      PredictorFitting.LoweredTable a = PredictorFitting.lower(
          new PredictorFitting.TableSpec(LatencySpace.NB201, nbTable, "arch", pair[0]));
      PredictorFitting.LoweredTable b = PredictorFitting.lower(
          new PredictorFitting.TableSpec(LatencySpace.FBNET, fbnet, "ops", pair[1]));
      cross(out, a, b, fitter);
      cross(out, b, a, fitter);
      KernelLinearFitter nonNegative = new KernelLinearFitter(fitter.ridge(), true);
      cross(out, a, b, nonNegative);
      cross(out, b, a, nonNegative);
    }
    PredictorFitting.LoweredTable nbPixel = PredictorFitting.lower(
        new PredictorFitting.TableSpec(LatencySpace.NB201, nb201, "arch", "hw_c10_pixel3_latency_ms"));
    PredictorFitting.LoweredTable fbPixel = PredictorFitting.lower(
        new PredictorFitting.TableSpec(LatencySpace.FBNET, fbnet, "ops", "hw_pixel3_latency_ms"));
    out.append("\n").append(transferTable(nbPixel, fbPixel, iso, folds, seed, candidates(fitter)));
    return out.toString();
  }

  /**
   * A way to fit a latency model on lowered networks, for the transfer table.
   *
   * @param name the row label
   * @param fit fits on (networks, latencies) and returns the prediction function
   */
  public record Candidate(String name,
      BiFunction<List<NetworkFeatures>, double[], ToDoubleFunction<NetworkFeatures>> fit) {}

  /** The per-class kernel-linear model (with and without sign constraints) and the shared model nas4j adopted. */
  public static List<Candidate> candidates(KernelLinearFitter fitter) {
    KernelLinearFitter nonNegative = new KernelLinearFitter(fitter.ridge(), true);
    return List.of(
        new Candidate("kernel-linear (per kernel class)", (x, y) -> fitter.fit(x, y)::predictMs),
        new Candidate("kernel-linear, non-negative", (x, y) -> nonNegative.fit(x, y)::predictMs),
        new Candidate("kernel-shared (adopted for other families)", (x, y) -> SharedKernelModel.fit(x, y)::predictMs));
  }

  /**
   * The four numbers issue-style: leave-one-space-out both ways (fit on every row of one space, predict the other)
   * and 5-fold within-space (fit on both tables, folds grouped by architecture), Spearman rho / median abs error.
   */
  public static String transferTable(PredictorFitting.LoweredTable nb, PredictorFitting.LoweredTable fb,
      Map<String, String> iso, int folds, long seed, List<Candidate> candidates) {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "Transfer (%s / %s): rho / median abs error %%; k-fold = %d folds, seed %d,"
        + " fitted on both tables.%n%n", nb.spec().latencyColumn(), fb.spec().latencyColumn(), folds, seed));
    out.append("| model | NB201 -> FBNet | FBNet -> NB201 | k-fold NB201 | k-fold FBNet | k-fold both |\n");
    out.append("|---|---|---|---|---|---|\n");
    List<NetworkFeatures> all = new ArrayList<>(nb.features());
    all.addAll(fb.features());
    double[] y = new double[all.size()];
    System.arraycopy(nb.latencyMs(), 0, y, 0, nb.features().size());
    System.arraycopy(fb.latencyMs(), 0, y, nb.features().size(), fb.features().size());
    List<String> groups = new ArrayList<>();
    nb.table().rows().forEach(r -> groups.add("nb201:" + iso.getOrDefault(r.arch(), r.arch())));
    fb.table().rows().forEach(r -> groups.add("fbnet:" + r.group()));
    int n = nb.features().size();
    for (Candidate c : candidates) {
      ErrorMetrics nbToFb = PredictorFitting.score(c.fit().apply(nb.features(), nb.latencyMs()), List.of(fb));
      ErrorMetrics fbToNb = PredictorFitting.score(c.fit().apply(fb.features(), fb.latencyMs()), List.of(nb));
      double[] p = HeldOutEvaluation.crossValidate(all, y, groups, folds, seed, c.fit()).predictedMs();
      ErrorMetrics inNb = ErrorMetrics.of(Arrays.copyOfRange(p, 0, n), Arrays.copyOfRange(y, 0, n));
      ErrorMetrics inFb = ErrorMetrics.of(Arrays.copyOfRange(p, n, p.length), Arrays.copyOfRange(y, n, y.length));
      out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |%n", c.name(), pair(nbToFb),
          pair(fbToNb), pair(inNb), pair(inFb), pair(ErrorMetrics.of(p, y))));
    }
    return out.toString();
  }

  private static String pair(ErrorMetrics m) {
    return String.format(Locale.ROOT, "%.3f / %.1f%%", m.spearmanRho(), m.medianAbsErrorPct());
  }

  private static void nb201Rows(StringBuilder out, Path table, String col, Map<String, String> iso, int folds,
      long seed, KernelLinearFitter fitter) {
    PredictorFitting.LoweredTable t = PredictorFitting.lower(
        new PredictorFitting.TableSpec(LatencySpace.NB201, table, "arch", col));
    List<String> groups = new ArrayList<>();
    List<String> archs = new ArrayList<>();
    for (LatencyTable.Row r : t.table().rows()) {
      groups.add(iso.getOrDefault(r.arch(), r.arch()));
      archs.add(r.arch());
    }
    double[] y = t.latencyMs();
    String name = table.getFileName().toString();
    row(out, name, col, "kernel-linear",
        HeldOutEvaluation.crossValidate(t.features(), y, groups, folds, seed, fitter).metrics());
    row(out, name, col, "edge LUT (baseline)",
        HeldOutEvaluation.crossValidate(archs, y, groups, folds, seed, EdgeLookupTable::fit).metrics());
  }

  private static void cross(StringBuilder out, PredictorFitting.LoweredTable from, PredictorFitting.LoweredTable to,
      KernelLinearFitter fitter) {
    KernelLinearPredictor p = fitter.fit(from.features(), from.latencyMs());
    double[] predicted = to.features().stream().mapToDouble(p::predictMs).toArray();
    ErrorMetrics m = ErrorMetrics.of(predicted, to.latencyMs());
    out.append(String.format(Locale.ROOT, "| %s %s%s | %s %s | %.3f | %.1f | %.1f | %.1f%% |%n",
        from.spec().space().id(), from.spec().latencyColumn(), fitter.nonNegative() ? " (non-negative)" : "",
        to.spec().space().id(), to.spec().latencyColumn(),
        m.spearmanRho(), m.medianAbsErrorPct(), m.p90AbsErrorPct(), 100 * m.within10PctShare()));
  }

  private static void row(StringBuilder out, String table, String col, String model, ErrorMetrics m) {
    out.append(String.format(Locale.ROOT, "| %s | %s | %d | %s | %.3f | %.1f | %.1f | %.1f%% |%n", table, col,
        m.rows(), model, m.spearmanRho(), m.medianAbsErrorPct(), m.p90AbsErrorPct(), 100 * m.within10PctShare()));
  }

  /** Arch string to iso_class from {@code nb201.csv}. */
  public static Map<String, String> isoClasses(Path nb201) {
    Map<String, String> iso = new HashMap<>();
    try (BufferedReader in = Files.newBufferedReader(nb201, StandardCharsets.UTF_8)) {
      List<String> header = LatencyTable.split(in.readLine());
      int a = header.indexOf("arch");
      int g = header.indexOf(LatencyTable.ISO_CLASS);
      String line;
      while ((line = in.readLine()) != null) {
        List<String> cells = LatencyTable.split(line);
        iso.put(cells.get(a), cells.get(g));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return iso;
  }

}
