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
import java.util.Locale;
import java.util.concurrent.Callable;
import org.nas4j.profiler.predict.ErrorMetrics;
import org.nas4j.profiler.predict.KernelLinearPredictor;
import org.nas4j.profiler.predict.PredictorFile;
import org.nas4j.search.latency.LatencySpace;
import org.nas4j.targets.TargetProfile;
import org.nas4j.targets.TargetRegistry;
import org.nas4j.targets.error.InvalidArgumentException;
import org.nas4j.targets.error.TargetUnavailableException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code nas predict}: latency of architectures from a target's fitted predictor, with the predictor's measured
 * error band. ONNX model input is not offered yet.
 */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Predict the latency of architectures on a target from its fitted latency predictor, with the"
        + " predictor's held-out error band.",
        "With --arch-file (one architecture per line; blank lines and lines starting with '#' are skipped) it"
        + " prints one JSON line per architecture with arch and latencyMs."},
    footer = {"%nExample:%n  nas predict --target pixel --space nb201 --arch"
        + " '|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|'"})
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
        description = "One architecture: NB201 arch string, or FBNet 22 op names/indices joined by '-'.")
    String arch;

    @Option(names = "--arch-file", paramLabel = "FILE", description = "File with one architecture per line.")
    Path archFile;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  TargetChoice target;

  @Option(names = "--space", required = true, paramLabel = "SPACE",
      description = "Search space of the architectures: nb201 or fbnet.")
  String space;

  @ArgGroup(exclusive = true, multiplicity = "1")
  ArchChoice archChoice;

  @Mixin OutputFormat format;

  @Override
  public Integer call() throws IOException {
    LatencySpace s = LatencySpace.of(space);
    Loaded loaded = loadPredictor();
    PrintWriter out = spec.commandLine().getOut();
    if (archChoice.archFile != null) {
      predictFile(s, loaded, archChoice.archFile, out);
      return ExitCodes.OK;
    }
    double ms = loaded.predictor.predictMs(s.lower(archChoice.arch));
    ErrorMetrics e = band(loaded.file, s);
    if (format.json()) {
      ObjectNode o = JSON.createObjectNode();
      o.put("schema", "nas.predict/v1");
      o.put("target", loaded.name);
      o.put("space", s.id());
      o.put("arch", archChoice.arch);
      o.put("latencyMs", ms);
      ObjectNode band = o.putObject("heldOutError");
      band.put("medianAbsErrorPct", e.medianAbsErrorPct());
      band.put("p90AbsErrorPct", e.p90AbsErrorPct());
      band.put("within10PctShare", e.within10PctShare());
      band.put("spearmanRho", e.spearmanRho());
      out.println(JSON.writeValueAsString(o));
    } else {
      out.printf(Locale.ROOT, "%.3f ms (held-out median error %.1f%%, 90%% of predictions within ±%.0f%%; %s)%n",
          ms, e.medianAbsErrorPct(), e.p90AbsErrorPct(), loaded.file.fittedOn().device());
    }
    return ExitCodes.OK;
  }

  private void predictFile(LatencySpace s, Loaded loaded, Path file, PrintWriter out) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new InvalidArgumentException("architecture file not found: " + file);
    }
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
          ms = loaded.predictor.predictMs(s.lower(arch));
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

  /** The held-out error on this space's table when the predictor was fitted on one, else the overall error. */
  static ErrorMetrics band(PredictorFile file, LatencySpace space) {
    var tables = file.fittedOn().tables();
    var perTable = file.heldOutError().perTable();
    for (int i = 0; i < tables.size() && i < perTable.size(); i++) {
      if (tables.get(i).space().equals(space.id())) {
        return perTable.get(i);
      }
    }
    return file.heldOutError().overall();
  }

  private record Loaded(String name, PredictorFile file, KernelLinearPredictor predictor) {}

  private Loaded loadPredictor() throws IOException {
    if (target.id != null) {
      TargetProfile p = TargetRegistry.builtIn(target.id);
      if (p.predictor() == null) {
        throw new TargetUnavailableException("target " + p.id() + " has no fitted latency predictor; use"
            + " 'nas targets fit' and --target-file");
      }
      PredictorFile f = PredictorFile.readResource(p.predictor());
      return new Loaded(p.id(), f, f.predictor());
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
      return new Loaded(file.getFileName().toString(), f, f.predictor());
    }
    TargetProfile p = TargetRegistry.load(file);
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
    return new Loaded(p.id(), f, f.predictor());
  }

}
