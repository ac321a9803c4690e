package org.nas4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.nas4j.profiler.predict.ErrorMetrics;
import org.nas4j.search.latency.FittedPredictor;
import org.nas4j.search.latency.LatencySpace;
import org.nas4j.search.latency.TargetPredictor;
import org.nas4j.search.space.MacroConfig;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nas predict}: latency of an ONNX model or of architectures from a target's fitted predictor, with the
 * predictor's measured error band, and a plain caveat when no measured table covers the space.
 */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Predict the latency of an ONNX model (MODEL) or of architectures (--space with --arch or"
        + " --arch-file) on a target from its fitted latency predictor, with the predictor's held-out error band.",
        "With --arch-file (one architecture per line; blank lines and lines starting with '#' are skipped) it"
        + " prints one JSON line per architecture with arch and latencyMs."},
    footer = {"%nExamples:%n  nas predict --target pixel --space nb201 --arch"
        + " '|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|'%n"
        + "  nas predict --target-file host-predictor.json --space darts --arch DARTS_V2 --cells 8 --channels 16%n"
        + "  nas predict --target pixel model.onnx"})
final class PredictCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec CommandSpec spec;

  static final class TargetChoice {
    @Option(names = "--target", paramLabel = "ID", description = "Built-in target id (see 'nas targets list').")
    String id;

    @Option(names = "--target-file", paramLabel = "FILE",
        description = "Target profile JSON naming a predictor, or a predictor JSON written by 'nas targets fit'.")
    Path file;
  }

  static final class ArchChoice {
    @Option(names = "--arch", paramLabel = "ARCH",
        description = "One architecture: NB201 arch string, DARTS genotype (Genotype(...) or DARTS_V2, ...), or FBNet"
            + " 22 op names/indices joined by '-'.")
    String arch;

    @Option(names = "--arch-file", paramLabel = "FILE", description = "File with one architecture per line.")
    Path archFile;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  TargetChoice target;

  @Parameters(index = "0", arity = "0..1", paramLabel = "MODEL",
      description = "ONNX model to predict (instead of --space and --arch/--arch-file).")
  Path model;

  @Option(names = "--space", paramLabel = "SPACE",
      description = "Search space of the architectures: nb201, darts or fbnet.")
  String space;

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  ArchChoice archChoice;

  @Mixin MacroOptions macro;

  @Mixin OutputFormat format;

  @Override
  public Integer call() throws IOException {
    if (model != null) {
      if (space != null || archChoice != null || macro.given()) {
        throw new ParameterException(spec.commandLine(),
            "MODEL takes no --space, --arch, --arch-file or macro options: the ONNX file is the network");
      }
      TargetPredictor predictor = TargetPredictor.resolve(target.id, target.file);
      print(predictor, predictor.predictModel(model), null, null);
      return ExitCodes.OK;
    }
    if (space == null || archChoice == null) {
      throw new ParameterException(spec.commandLine(),
          "give MODEL.onnx, or --space with --arch or --arch-file");
    }
    LatencySpace s = LatencySpace.of(space);
    MacroConfig m = macro.resolve(s.id(), s != LatencySpace.DARTS);
    TargetPredictor predictor = TargetPredictor.resolve(target.id, target.file);
    if (archChoice.archFile != null) {
      StringBuilder lines = new StringBuilder();
      for (TargetPredictor.ArchLatency a : predictor.predictFile(s, m, archChoice.archFile)) {
        ObjectNode o = JSON.createObjectNode();
        o.put("arch", a.arch());
        o.put("latencyMs", a.latencyMs());
        lines.append(JSON.writeValueAsString(o)).append('\n');
      }
      spec.commandLine().getOut().print(lines);
      return ExitCodes.OK;
    }
    print(predictor, predictor.predict(s, m, archChoice.arch), archChoice.arch, m == null ? null : m.describe());
    return ExitCodes.OK;
  }

  private void print(TargetPredictor predictor, TargetPredictor.Prediction p, String arch, String macroText)
      throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    ErrorMetrics e = p.error();
    if (format.json()) {
      ObjectNode o = JSON.createObjectNode();
      o.put("schema", "nas.predict/v1");
      o.put("target", predictor.name());
      if (model != null) {
        o.put("model", model.toString());
      }
      o.put("space", p.space());
      if (arch != null) {
        o.put("arch", arch);
      }
      if (macroText != null) {
        o.put("macro", macroText);
      }
      o.put("latencyMs", p.latencyMs());
      o.put("coveredByMeasurements", p.covered());
      o.put("latencyModel", p.latencyModel());
      FittedPredictor.Band b = p.band();
      ObjectNode errorBand = o.putObject("band");
      errorBand.put("insideFittedFamilies", b.inside());
      if (b.measured()) {
        errorBand.put("typicalErrorPct", b.typicalErrorPct());
        errorBand.put("p90ErrorPct", b.p90ErrorPct());
      }
      errorBand.put("basis", b.basis());
      ObjectNode band = o.putObject("heldOutError");
      band.put("medianAbsErrorPct", e.medianAbsErrorPct());
      band.put("p90AbsErrorPct", e.p90AbsErrorPct());
      band.put("within10PctShare", e.within10PctShare());
      band.put("spearmanRho", e.spearmanRho());
      if (p.caveat() != null) {
        o.put("caveat", p.caveat());
      }
      out.println(JSON.writeValueAsString(o));
    } else if (p.covered()) {
      out.printf(Locale.ROOT, "%.3f ms (held-out median error %.1f%%, 90%% of predictions within ±%.0f%%; %s)%n",
          p.latencyMs(), e.medianAbsErrorPct(), e.p90AbsErrorPct(), predictor.file().fittedOn().device());
    } else {
      out.printf(Locale.ROOT, "%.3f ms (%s)%n", p.latencyMs(), p.caveat());
    }
  }
}
