package org.nas4j.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.nas4j.targets.TargetProfile;
import org.nas4j.targets.TargetRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code nas targets list | show ID}. Never loads ONNX Runtime or ND4J. */
@Command(
    name = "targets",
    mixinStandardHelpOptions = true,
    description = "List and show hardware target profiles; fit a latency predictor for a device.",
    subcommands = {TargetsCommand.ListTargets.class, TargetsCommand.Show.class, TargetsCommand.Fit.class,
        CalibrateCommand.class},
    footer = {"%nExample:%n  nas targets show pixel"})
final class TargetsCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing subcommand: list, show, fit or calibrate");
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the built-in targets.",
      footer = {"%nExample:%n  nas targets list --format json"})
  static final class ListTargets implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin OutputFormat format;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      java.util.List<TargetProfile> all = TargetRegistry.builtIns();
      if (format.json()) {
        StringBuilder sb = new StringBuilder("[");
        for (TargetProfile p : all) {
          sb.append(sb.length() > 1 ? ",\n" : "\n").append(TargetRegistry.toJson(p));
        }
        out.println(sb.append("\n]"));
        return ExitCodes.OK;
      }
      out.printf("%-8s %-8s %-12s %-5s %s%n", "ID", "DEVICE", "MEASURE", "EP", "DESCRIPTION");
      for (TargetProfile p : all) {
        out.printf("%-8s %-8s %-12s %-5s %s%n", p.id(), p.device(), p.measure(), p.executionProvider(),
            p.description());
      }
      return ExitCodes.OK;
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true,
      description = "Show one target profile as JSON, with what its latency predictor was fitted on and its"
          + " measured held-out error.",
      footer = {"%nExample:%n  nas targets show host"})
  static final class Show implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "ID", description = "Target id (see 'nas targets list').")
    String id;

    @Override
    public Integer call() {
      TargetProfile p = TargetRegistry.builtIn(id);
      PrintWriter out = spec.commandLine().getOut();
      out.println(TargetRegistry.toJsonWithPredictorInfo(p));
      return ExitCodes.OK;
    }
  }

  @Command(name = "fit", mixinStandardHelpOptions = true, sortOptions = false,
      description = {"Fit a kernel-level latency predictor on measured whole-network latencies, print its held-out"
          + " error (k-fold over architectures) and write the predictor JSON (schema nas.predictor/v1).",
          "Repeat --space/--table (with --arch-column/--latency-column once per table, or once for all) to fit on"
          + " several tables. Rows with an empty latency are skipped and counted."},
      footer = {"%nExample:%n  nas targets fit --space nb201 --table nb201"
          + " --arch-column arch --latency-column hw_c10_raspi4_latency_ms --device 'Raspberry Pi 4'"
          + " --out raspi4.json"})
  static final class Fit implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin OutputFormat format;
    @Mixin MacroOptions macro;

    @Option(names = "--space", required = true, paramLabel = "SPACE",
        description = "Search space of the architecture column: nb201, darts or fbnet (repeat per table). darts"
            + " tables (e.g. the CSV 'nas targets calibrate' writes) need the macro options they were measured with.")
    java.util.List<String> spaces;

    @Option(names = "--table", required = true, paramLabel = "TABLE",
        description = "CSV table with one architecture per row, or a built-in table (nb201, fbnet; see 'nas tables"
            + " list'); repeat per table.")
    java.util.List<java.nio.file.Path> tables;

    @Option(names = "--arch-column", required = true, paramLabel = "COLUMN",
        description = "Column holding the architecture: NB201 arch string, or FBNet op names/indices joined by '-'.")
    java.util.List<String> archColumns;

    @Option(names = "--latency-column", required = true, paramLabel = "COLUMN",
        description = "Column holding the measured latency in ms.")
    java.util.List<String> latencyColumns;

    @Option(names = "--out", required = true, paramLabel = "FILE",
        description = "Predictor JSON to write (written atomically).")
    java.nio.file.Path out;

    @Option(names = "--folds", defaultValue = "5", paramLabel = "N",
        description = "Cross-validation folds over architectures (default: ${DEFAULT-VALUE}).")
    int folds;

    @Option(names = "--seed", paramLabel = "N",
        description = "Seed that shuffles architectures into folds (default: picked and printed on stderr).")
    Long seed;

    @Option(names = "--device", paramLabel = "NAME",
        description = "Device the latencies were measured on (default: the latency column name).")
    String device;

    @Option(names = "--runtime", paramLabel = "TEXT", defaultValue = "unknown",
        description = "Runtime the latencies were measured with (default: ${DEFAULT-VALUE}).")
    String runtime;

    @Option(names = "--precision", paramLabel = "TEXT", defaultValue = "fp32",
        description = "Numeric precision (default: ${DEFAULT-VALUE}).")
    String precision;

    @Option(names = "--source", paramLabel = "TEXT", defaultValue = "user measurements",
        description = "Where the measurements come from (default: ${DEFAULT-VALUE}).")
    String source;

    @Override
    public Integer call() throws java.io.IOException {
      int n = tables.size();
      if (spaces.size() != n) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
            "give one --space per --table (got " + spaces.size() + " and " + n + ")");
      }
      java.util.List<String> archCols = perTable(archColumns, n, "--arch-column");
      java.util.List<String> latencyCols = perTable(latencyColumns, n, "--latency-column");
      if (folds < 2) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--folds must be >= 2, got " + folds);
      }
      java.util.List<org.nas4j.search.latency.fit.PredictorFitting.TableSpec> specs = new java.util.ArrayList<>();
      for (int i = 0; i < n; i++) {
        org.nas4j.search.latency.LatencySpace sp = org.nas4j.search.latency.LatencySpace.of(spaces.get(i));
        org.nas4j.search.space.MacroConfig m = sp == org.nas4j.search.latency.LatencySpace.FBNET ? null
            : sp == org.nas4j.search.latency.LatencySpace.DARTS && !macro.given() ? null
            : macro.resolve(sp.id(), true);
        java.nio.file.Path table = org.nas4j.search.tabular.BenchmarkTables.resolve(tables.get(i).toString());
        specs.add(new org.nas4j.search.latency.fit.PredictorFitting.TableSpec(sp, table, archCols.get(i),
            latencyCols.get(i), m));
      }
      long usedSeed = seed != null ? seed : new java.util.SplittableRandom().nextLong(1L << 31);
      if (seed == null) {
        spec.commandLine().getErr().println("nas: no --seed given; using --seed " + usedSeed);
      }
      String dev = device != null ? device : String.join("+", latencyCols);
      org.nas4j.profiler.predict.PredictorFile file = org.nas4j.search.latency.fit.PredictorFitting.fit(specs, folds,
          usedSeed, new org.nas4j.search.latency.fit.PredictorFitting.DeviceInfo(dev, runtime, precision, source),
          new org.nas4j.profiler.predict.KernelLinearFitter());
      file.write(out);
      PrintWriter o = spec.commandLine().getOut();
      if (format.json()) {
        o.print(file.toJson());
        return ExitCodes.OK;
      }
      var fitted = file.fittedOn();
      var held = file.heldOutError();
      o.printf(java.util.Locale.ROOT, "Fitted kernel-linear latency predictor for %s on %d rows (%d skipped: empty"
          + " latency).%n", dev, fitted.rows(), fitted.skippedRows());
      o.printf(java.util.Locale.ROOT, "Held-out error, %d-fold over architectures (seed %d):%n", folds, usedSeed);
      o.printf(java.util.Locale.ROOT, "  %-48s %7s %11s %12s %9s %8s%n", "TABLE", "ROWS", "WITHIN-10%",
          "MEDIAN-ERR%", "P90-ERR%", "SPEARMAN");
      for (int i = 0; i < fitted.tables().size(); i++) {
        var t = fitted.tables().get(i);
        metricsRow(o, t.table() + " " + t.latencyColumn(), held.perTable().get(i));
      }
      if (fitted.tables().size() > 1) {
        metricsRow(o, "all tables", held.overall());
      }
      if (file.transfer() != null) {
        o.println("Transfer model (kernel-shared, for other network families), leave-one-space-out:");
        for (var c : file.transfer().leaveOneSpaceOut()) {
          metricsRow(o, c.fittedOn() + " -> " + c.predicted(), c.error());
        }
      }
      o.println("Wrote " + out);
      return ExitCodes.OK;
    }

    private static void metricsRow(PrintWriter o, String name, org.nas4j.profiler.predict.ErrorMetrics m) {
      o.printf(java.util.Locale.ROOT, "  %-48s %7d %10.1f%% %11.1f%% %8.1f%% %8.3f%n", name, m.rows(),
          100 * m.within10PctShare(), m.medianAbsErrorPct(), m.p90AbsErrorPct(), m.spearmanRho());
    }

    private java.util.List<String> perTable(java.util.List<String> values, int n, String option) {
      if (values.size() == n) {
        return values;
      }
      if (values.size() == 1) {
        return java.util.Collections.nCopies(n, values.get(0));
      }
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "give " + option + " once, or once per --table (got " + values.size() + " for " + n + " tables)");
    }
  }
}
