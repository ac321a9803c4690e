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
import org.nas4j.search.build.Dl4jGraphBuilder;
import org.nas4j.search.build.Dl4jRuntime;
import org.nas4j.search.build.NetSpec;
import org.nas4j.search.build.NetSpecs;
import org.nas4j.search.export.ExportResult;
import org.nas4j.search.export.OnnxExporter;
import org.nas4j.search.space.Architecture;
import org.nas4j.search.space.DartsSpace;
import org.nas4j.search.space.InputShape;
import org.nas4j.search.space.MacroConfig;
import org.nas4j.search.space.Nb201Space;
import org.nas4j.search.space.SearchSpaces;
import org.nas4j.search.space.Stem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
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
        + "  nas export --space darts --genotype DARTS_V2 --cells 8 --channels 16 --input 1x28x28 --out darts.onnx%n"
        + "  nas export --space nb201 --arch '|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|"
        + "nor_conv_3x3~1|skip_connect~2|' --out nb201.onnx"})
final class ExportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--space", required = true, paramLabel = "SPACE",
      description = "Search space: darts or nb201.")
  String space;

  @Option(names = "--genotype", paramLabel = "GENOTYPE",
      description = "DARTS genotype as DARTS prints it (Genotype(normal=[...], normal_concat=[2, 3, 4, 5], ...)) "
          + "or a published one: DARTS_V1, DARTS_V2, NASNet, AmoebaNet. For --space darts.")
  String genotype;

  @Option(names = "--arch", paramLabel = "ARCH",
      description = "NB201 arch string, e.g. '|nor_conv_3x3~0|+|none~0|skip_connect~1|+|...|'. For --space nb201.")
  String arch;

  @Option(names = "--cells", paramLabel = "N",
      description = "darts: total cells (default 20); nb201: cells per stage (default 5).")
  Integer cells;

  @Option(names = "--channels", paramLabel = "C",
      description = "Initial channels (default: darts 36, nb201 16).")
  Integer channels;

  @Option(names = "--input", paramLabel = "CxHxW", defaultValue = "3x32x32",
      description = "Input image shape (default: ${DEFAULT-VALUE}).")
  String input;

  @Option(names = "--classes", paramLabel = "K", defaultValue = "10",
      description = "Number of classes (default: ${DEFAULT-VALUE}).")
  int classes;

  @Option(names = "--stem", paramLabel = "STEM",
      description = "DARTS stem: cifar or imagenet (default: imagenet for inputs of 112 px or more, else cifar).")
  Stem stem;

  @Option(names = "--seed", paramLabel = "SEED", defaultValue = "0",
      description = "Seed of the weight initialisation (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "ONNX file to write.")
  Path out;

  @Mixin OutputFormat format;

  @Override
  public Integer call() throws Exception {
    String text;
    if (DartsSpace.NAME.equals(space)) {
      if (arch != null || genotype == null) {
        throw new ParameterException(spec.commandLine(), "--space darts needs --genotype (and no --arch)");
      }
      text = genotype;
    } else if (Nb201Space.NAME.equals(space)) {
      if (genotype != null || arch == null) {
        throw new ParameterException(spec.commandLine(), "--space nb201 needs --arch (and no --genotype)");
      }
      if (stem != null) {
        throw new ParameterException(spec.commandLine(), "--stem applies to --space darts only");
      }
      text = arch;
    } else {
      throw new ParameterException(spec.commandLine(), "unknown search space '" + space + "'; known spaces: "
          + String.join(", ", SearchSpaces.NAMES));
    }
    Architecture a = SearchSpaces.parse(space, text);
    boolean darts = DartsSpace.NAME.equals(space);
    MacroConfig m = new MacroConfig(cells != null ? cells : darts ? 20 : 5, channels != null ? channels : darts ? 36 : 16,
        InputShape.parse(input), classes, stem);
    NetSpec netSpec = NetSpecs.of(a, m);
    Dl4jRuntime.init();
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
}
