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
import org.nas4j.search.space.InputShape;
import org.nas4j.search.space.MacroConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
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
    Architecture a = archOptions.architecture();
    MacroConfig m = archOptions.macro(InputShape.parse(input), classes, 20, 36);
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
