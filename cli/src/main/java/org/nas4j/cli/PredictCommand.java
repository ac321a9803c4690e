package org.nas4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nas4j.profiler.onnx.OnnxModels;
import org.nas4j.profiler.predict.ErrorMetrics;
import org.nas4j.profiler.predict.LatencyPredictor;
import org.nas4j.profiler.predict.OnnxLowering;
import org.nas4j.profiler.predict.OpSpec;
import org.nas4j.profiler.predict.PredictorFile;
import org.nas4j.search.latency.FittedPredictor;
import org.nas4j.search.latency.LatencySpace;
import org.nas4j.search.space.InputShape;
import org.nas4j.search.space.MacroConfig;
import org.nas4j.search.space.Stem;
import org.nas4j.targets.TargetProfile;
import org.nas4j.targets.TargetResolver;
import org.nas4j.targets.error.InvalidArgumentException;
import org.nas4j.targets.error.TargetUnavailableException;
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
      return predictModel();
    }
    if (space == null || archChoice == null) {
      throw new ParameterException(spec.commandLine(),
          "give MODEL.onnx, or --space with --arch or --arch-file");
    }
    LatencySpace s = LatencySpace.of(space);
    MacroConfig m = macro.resolve(s.id(), s != LatencySpace.DARTS);
    Loaded loaded = loadPredictor();
    PrintWriter out = spec.commandLine().getOut();
    if (archChoice.archFile != null) {
      predictFile(s, m, loaded, archChoice.archFile, out);
      return ExitCodes.OK;
    }
    double ms = loaded.fitted.predictor(s.id(), m).predictMs(s.lower(archChoice.arch, m));
    print(out, loaded, s.id(), m, archChoice.arch, ms, m == null ? null : m.describe());
    return ExitCodes.OK;
  }

  private Integer predictModel() throws IOException {
    Loaded loaded = loadPredictor();
    List<OpSpec> ops = OnnxLowering.lower(model, Map.of());
    Map<String, String> meta = new HashMap<>();
    for (var p : OnnxModels.load(model).getMetadataPropsList()) {
      meta.put(p.getKey(), p.getValue());
    }
    String modelSpace = meta.get("nas.space");
    MacroConfig macro = exportedMacro(meta);
    double ms = loaded.fitted.predictor(modelSpace, macro).predictMs(ops);
    print(spec.commandLine().getOut(), loaded, modelSpace, macro, null, ms, null);
    return ExitCodes.OK;
  }

  /**
   * The macro network a {@code nas export} file records in its metadata, or null when it records none (not a nas
   * export) or an unreadable one: such a network is outside the fitted families anyway.
   */
  static MacroConfig exportedMacro(Map<String, String> meta) {
    try {
      return new MacroConfig(Integer.parseInt(meta.get("nas.cells")), Integer.parseInt(meta.get("nas.channels")),
          InputShape.parse(meta.get("nas.input")), Integer.parseInt(meta.get("nas.classes")),
          Stem.valueOf(meta.get("nas.stem").toUpperCase(Locale.ROOT)));
    } catch (RuntimeException e) {
      return null;
    }
  }

  private void print(PrintWriter out, Loaded loaded, String spaceId, MacroConfig macro, String arch, double ms,
      String macroText) throws IOException {
    FittedPredictor.Band b = loaded.fitted.band(spaceId, macro);
    ErrorMetrics covered = b.inside() ? loaded.fitted.tableError(spaceId) : null;
    ErrorMetrics e = covered != null ? covered : loaded.file().heldOutError().overall();
    String device = loaded.file().fittedOn().device();
    String caveat = covered != null ? null : caveat(loaded.file(), spaceId, b);
    if (format.json()) {
      ObjectNode o = JSON.createObjectNode();
      o.put("schema", "nas.predict/v1");
      o.put("target", loaded.name);
      if (model != null) {
        o.put("model", model.toString());
      }
      o.put("space", spaceId);
      if (arch != null) {
        o.put("arch", arch);
      }
      if (macroText != null) {
        o.put("macro", macroText);
      }
      o.put("latencyMs", ms);
      o.put("coveredByMeasurements", covered != null);
      o.put("latencyModel", b.inside() || loaded.file().transfer() == null ? PredictorFile.Model.KERNEL_LINEAR
          : PredictorFile.Transfer.KERNEL_SHARED);
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
      if (caveat != null) {
        o.put("caveat", caveat);
      }
      out.println(JSON.writeValueAsString(o));
    } else if (covered != null) {
      out.printf(Locale.ROOT, "%.3f ms (held-out median error %.1f%%, 90%% of predictions within ±%.0f%%; %s)%n",
          ms, e.medianAbsErrorPct(), e.p90AbsErrorPct(), device);
    } else {
      out.printf(Locale.ROOT, "%.3f ms (%s)%n", ms, caveat);
    }
  }

  /** The one-line caveat for a prediction outside the families the predictor was measured on. */
  static String caveat(PredictorFile file, String spaceId, FittedPredictor.Band band) {
    String what = spaceId == null ? "this model's network family" : spaceId + " networks";
    if (band.measured()) {
      return String.format(Locale.ROOT, "%s: no %s measurement covers %s; priced by the kernel-shared transfer"
          + " model fitted on %s, its error when fitted on one space and predicting the other: median %.0f%%, 90%%"
          + " within ±%.0f%% (docs/latency-predictor.md); 'nas targets calibrate' measures a band on a device",
          band.caveat(), file.fittedOn().device(), what, spaces(file), band.typicalErrorPct(), band.p90ErrorPct());
    }
    return String.format(Locale.ROOT, "%s: no %s measurement covers %s (fitted on %s, held-out median error %.1f%%"
        + " there); trust rankings more than milliseconds; 'nas targets calibrate' measures a band", band.caveat(),
        file.fittedOn().device(), what, spaces(file), file.heldOutError().overall().medianAbsErrorPct());
  }

  private static String spaces(PredictorFile file) {
    return String.join("+", file.fittedOn().tables().stream().map(PredictorFile.TableFit::space).distinct()
        .toList()) + " networks";
  }

  private void predictFile(LatencySpace s, MacroConfig m, Loaded loaded, Path file, PrintWriter out)
      throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new InvalidArgumentException("architecture file not found: " + file);
    }
    LatencyPredictor predictor = loaded.fitted.predictor(s.id(), m);
    StringBuilder buffer = new StringBuilder();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int number = 0;
      while ((line = in.readLine()) != null) {
        number++;
        String arch = line.trim();
        if (arch.isEmpty() || arch.startsWith("#")) {
          continue;
        }
        double ms;
        try {
          ms = predictor.predictMs(s.lower(arch, m));
        } catch (InvalidArgumentException e) {
          throw new InvalidArgumentException(file + " line " + number + ": " + e.getMessage(), e);
        }
        ObjectNode o = JSON.createObjectNode();
        o.put("arch", arch);
        o.put("latencyMs", ms);
        buffer.append(JSON.writeValueAsString(o)).append('\n');
      }
    }
    // Validate everything before printing anything: bad input gives no half output.
    out.print(buffer);
  }


  private record Loaded(String name, FittedPredictor fitted) {
    Loaded(String name, PredictorFile file) {
      this(name, new FittedPredictor(file));
    }

    PredictorFile file() {
      return fitted.file();
    }
  }

  private Loaded loadPredictor() throws IOException {
    if (target.id != null) {
      TargetProfile p = TargetResolver.resolve(target.id, null);
      if (p.predictor() == null) {
        throw new TargetUnavailableException("target " + p.id() + " has no fitted latency predictor; use"
            + " 'nas targets fit' and --target-file");
      }
      PredictorFile f = PredictorFile.readResource(p.predictor());
      return new Loaded(p.id(), f);
    }
    Path file = target.file;
    if (!Files.isRegularFile(file)) {
      throw new InvalidArgumentException("target file not found: " + file);
    }
    JsonNode tree;
    try {
      tree = JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new InvalidArgumentException("cannot read target file " + file + ": not valid JSON", e);
    }
    if (tree != null && tree.has("schema")) {
      PredictorFile f = PredictorFile.read(file);
      return new Loaded(file.getFileName().toString(), f);
    }
    TargetProfile p = TargetResolver.resolve(null, file);
    if (p.predictor() == null) {
      throw new TargetUnavailableException("target " + p.id() + " in " + file + " names no predictor; fit one"
          + " with 'nas targets fit' and set \"predictor\" to its path");
    }
    Path predictor = Path.of(p.predictor());
    if (!predictor.isAbsolute() && file.toAbsolutePath().getParent() != null) {
      predictor = file.toAbsolutePath().getParent().resolve(predictor);
    }
    PredictorFile f = Files.isRegularFile(predictor) ? PredictorFile.read(predictor)
        : PredictorFile.readResource(p.predictor());
    return new Loaded(p.id(), f);
  }

}
