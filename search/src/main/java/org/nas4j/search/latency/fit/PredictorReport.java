package org.nas4j.search.latency.fit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nas4j.profiler.predict.ErrorMetrics;
import org.nas4j.profiler.predict.HeldOutEvaluation;
import org.nas4j.profiler.predict.KernelLinearFitter;
import org.nas4j.profiler.predict.KernelLinearPredictor;
import org.nas4j.profiler.predict.NetworkFeatures;
import org.nas4j.search.latency.LatencySpace;

/**
 * The evaluation behind {@code benchmarks/predictor-eval.sh}: held-out error of the kernel-linear model (and of the
 * per-edge lookup-table baseline on NB201) for every device column of the shared benchmark tables, and the
 * cross-space error (fit on one space, predict the other). Returns text; prints nothing.
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

  /** Runs the whole evaluation on the tables in {@code benchmarks} and returns a Markdown report. */
  public static String run(Path benchmarks, int folds, long seed) {
    Path nb201 = benchmarks.resolve("nb201.csv");
    Path help = benchmarks.resolve("nb201_help_extra_latency.csv");
    Path fbnet = benchmarks.resolve("fbnet_c100_latency.csv");
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
      row(out, "nb201.csv", col, "kernel-linear, non-negative (alternative)", HeldOutEvaluation.crossValidate(
          t.features(), t.latencyMs(), groups, folds, seed, new KernelLinearFitter(fitter.ridge(), true)).metrics());
    }
    for (String col : NB201_HELP) {
      nb201Rows(out, help, col, iso, folds, seed, fitter);
    }
    for (String col : FBNET) {
      PredictorFitting.LoweredTable t = PredictorFitting.lower(
          new PredictorFitting.TableSpec(LatencySpace.FBNET, fbnet, "ops", col));
      List<String> groups = t.table().rows().stream().map(LatencyTable.Row::group).toList();
      row(out, "fbnet_c100_latency.csv", col, "kernel-linear",
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
    return out.toString();
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
