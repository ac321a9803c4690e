package org.nas4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nas4j.search.dl4j.Dl4jGraphBuilder;
import org.nas4j.search.net.NetSpec;
import org.nas4j.search.net.NetSpecs;
import org.nas4j.search.data.Dataset;
import org.nas4j.search.export.ExportResult;
import org.nas4j.search.export.ParityCheck;
import org.nas4j.search.scale.ScaleJob;
import org.nas4j.search.scale.ScaledModel;
import org.nas4j.search.scale.ScaledTrainer;
import org.nas4j.search.scale.SearchRunDir;
import org.nas4j.targets.error.InvalidArgumentException;
import org.nas4j.search.export.OnnxExporter;
import org.nas4j.search.space.Architecture;
import org.nas4j.search.space.InputShape;
import org.nas4j.search.space.MacroConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nas export}: builds an architecture of a search space as a DL4J network (initialised with {@code --seed})
 * and writes it as a verified ONNX model. The same arguments always give the same bytes.
 */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = "Build an architecture of a search space and write it as a verified ONNX model "
        + "(IR 8, opset 13, input 'input', output 'logits').",
    footer = {"%nExamples:%n"
        + "  nas export runs/x --member 3f9a0c --scaled 3f9a0c1b2d4e-mobile --out mobile.onnx%n"
        + "  nas export --space darts --genotype DARTS_V2 --cells 8 --channels 16 --input 1x28x28 --out darts.onnx%n"
        + "  nas export --space nb201 --arch '|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|"
        + "nor_conv_3x3~1|skip_connect~2|' --out nb201.onnx"})
final class ExportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "0..1", paramLabel = "DIR",
      description = "A run directory: export a trained scaled model of it (with --scaled; see 'nas scale').")
  Path runDir;

  @Option(names = "--member", paramLabel = "ID",
      description = "With DIR: the front member the scaled model belongs to (archId prefix, checked).")
  String member;

  @Option(names = "--scaled", paramLabel = "NAME", description = "With DIR: the scaled model DIR/scaled/NAME.")
  String scaled;

  @Mixin ArchitectureOptions archOptions;

  @Option(names = "--input", paramLabel = "CxHxW", defaultValue = "3x32x32",
      description = "Input image shape (default: ${DEFAULT-VALUE}).")
  String input;

  @Option(names = "--classes", paramLabel = "K", defaultValue = "10",
      description = "Number of classes (default: ${DEFAULT-VALUE}).")
  int classes;

  @Option(names = "--seed", paramLabel = "SEED", defaultValue = "0",
      description = "Seed of the weight initialisation (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "ONNX file to write.")
  Path out;

  @Mixin OutputFormat format;

  @Override
  public Integer call() throws Exception {
    if (runDir != null || scaled != null || member != null) {
      return exportScaled();
    }
    Architecture a = archOptions.architecture();
    MacroConfig m = archOptions.macro(InputShape.parse(input), classes, 20, 36);
    NetSpec netSpec = NetSpecs.of(a, m);
    ComputationGraph graph = Dl4jGraphBuilder.build(netSpec, seed);
    ExportResult r = new OnnxExporter(VersionProvider.version()).export(netSpec, graph, out);
    PrintWriter pw = spec.commandLine().getOut();
    if (format.json()) {
      Map<String, Object> j = new LinkedHashMap<>();
      j.put("schema", "nas.export/v1");
      j.put("file", r.file().toString());
      j.put("space", a.space());
      j.put("archId", r.archId());
      j.put("genotype", a.toText());
      j.put("cells", m.cells());
      j.put("channels", m.channels());
      j.put("input", m.input().toString());
      j.put("classes", m.classes());
      j.put("stem", m.stem().name().toLowerCase(Locale.ROOT));
      j.put("seed", seed);
      j.put("paramsTrainable", r.trainableParams());
      j.put("paramsAll", r.allParams());
      j.put("referenceParamsTrainable", netSpec.trainableParams());
      j.put("macs", r.macs());
      j.put("onnxNodes", r.nodes());
      j.put("fileBytes", r.fileBytes());
      pw.println(new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(j));
    } else {
      pw.printf(Locale.ROOT, "wrote %s: %s %s, %,d trainable params (%,d with BN statistics), %.1fM MACs, "
          + "%d ONNX nodes%n", out, a.space(), a.shortId(), r.trainableParams(), r.allParams(), r.macs() / 1e6,
          r.nodes());
    }
    return ExitCodes.OK;
  }

  /** {@code nas export DIR [--member ID] --scaled NAME --out FILE}: a trained scaled model, parity-checked. */
  private int exportScaled() throws Exception {
    var parsed = spec.commandLine().getParseResult();
    if (runDir == null || scaled == null) {
      throw new ParameterException(spec.commandLine(), "a scaled model needs both DIR and --scaled NAME");
    }
    if (archOptions.given() || parsed.hasMatchedOption("--input") || parsed.hasMatchedOption("--classes")
        || parsed.hasMatchedOption("--seed")) {
      throw new ParameterException(spec.commandLine(), "DIR --scaled takes the architecture, shape and weights "
          + "from the scaled model; drop --space/--genotype/--arch/--cells/--channels/--stem/--input/--classes/--seed");
    }
    Path folder = runDir.resolve("scaled").resolve(scaled);
    ScaledModel m = ScaledModel.read(folder);
    if (member != null) {
      String id = SearchRunDir.read(runDir).member(member).archId();
      if (!id.equals(m.archId())) {
        throw new InvalidArgumentException("scaled model " + scaled + " belongs to member " + m.archId().substring(0,
            12) + ", not " + id.substring(0, 12));
      }
    }
    if (!m.isFinished()) {
      throw new InvalidArgumentException("scaled model " + scaled + " has not finished training (" + m.epochsDone()
          + " of " + m.training().epochs() + " epochs); continue it with 'nas scale " + runDir + " --resume "
          + scaled + "'");
    }
    NetSpec netSpec = ScaledTrainer.spec(m);
    ComputationGraph graph = ScaledTrainer.readCheckpoint(folder.resolve(ScaledModel.CHECKPOINT));
    InputShape in = netSpec.macro().input();
    Dataset data = ScaleJob.data(m);
    Dataset.Split split = data.split(Math.min(m.training().validationImages(), data.train().count() / 2),
        m.training().splitSeed());
    Map<String, String> md = new LinkedHashMap<>();
    md.put("nas.scaled.name", m.name());
    md.put("nas.runId", m.runId());
    md.put("nas.resolution", in.height() + "x" + in.width());
    md.put("nas.dataset", m.dataset());
    md.put("nas.preset", m.preset() == null ? "custom" : m.preset());
    md.put("nas.budget", new ObjectMapper().writeValueAsString(m.budget()));
    md.put("nas.epochs", Integer.toString(m.epochsDone()));
    md.put("nas.validationAccuracy", Double.toString(m.validationAccuracy()));
    md.put("nas.testAccuracy", Double.toString(m.testAccuracy()));
    m.plan().latencyMs().forEach((t, ms) -> {
      md.put("nas.latencyMs." + t, Double.toString(ms));
      md.put("nas.latencySource." + t, m.plan().latencySources().getOrDefault(t, ""));
    });
    ExportResult r = ParityCheck.exportChecked(new OnnxExporter(VersionProvider.version()).withMetadata(md),
        netSpec, graph, split.validation(), out);
    PrintWriter pw = spec.commandLine().getOut();
    if (format.json()) {
      Map<String, Object> j = new LinkedHashMap<>();
      j.put("schema", "nas.export/v1");
      j.put("file", r.file().toString());
      j.put("space", m.space());
      j.put("archId", m.archId());
      j.put("genotype", m.genotype());
      j.put("scaled", m.name());
      j.put("cells", m.macro().cells());
      j.put("channels", m.macro().channels());
      j.put("input", m.macro().input());
      j.put("classes", m.macro().classes());
      j.put("stem", m.macro().stem());
      j.put("testAccuracy", m.testAccuracy());
      j.put("paramsTrainable", r.trainableParams());
      j.put("paramsAll", r.allParams());
      j.put("macs", r.macs());
      j.put("onnxNodes", r.nodes());
      j.put("fileBytes", r.fileBytes());
      pw.println(new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(j));
    } else {
      pw.printf(Locale.ROOT, "wrote %s: scaled model %s (%s %s, N=%d C=%d %s), test accuracy %.4f, %,d trainable "
              + "params, %.1fM MACs; ONNX Runtime matches DL4J%n", out, m.name(), m.space(), m.archId().substring(0,
              12), m.macro().cells(), m.macro().channels(), m.macro().input(), m.testAccuracy(), r.trainableParams(),
          r.macs() / 1e6);
    }
    return ExitCodes.OK;
  }
}
