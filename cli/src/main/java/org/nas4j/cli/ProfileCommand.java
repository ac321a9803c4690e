package org.nas4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nas4j.profiler.flops.ModelProfile;
import org.nas4j.profiler.flops.ModelProfiler;
import org.nas4j.profiler.flops.NodeProfile;
import org.nas4j.profiler.flops.OpTypeProfile;
import org.nas4j.profiler.onnx.ShapeInference;
import org.nas4j.profiler.onnx.TensorInfo;
import org.nas4j.targets.error.InvalidArgumentException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nas profile MODEL.onnx}: MACs, flops, parameters and activation memory of an ONNX model, computed from the
 * graph alone (Java shape inference). Never loads ONNX Runtime or ND4J natives.
 */
@Command(
    name = "profile",
    mixinStandardHelpOptions = true,
    description = {
      "Count MACs, FLOPs, parameters and activation memory of an ONNX model from its graph (no runtime needed).",
      "macs: multiply-accumulates of Conv, ConvTranspose, Gemm, MatMul; flops: 2 x macs + 1 per output element of"
          + " element-wise, normalisation, pooling and reduction ops; params: initializer elements."
    },
    footer = {"%nExamples:%n  nas profile mobilenet_v2.onnx%n"
        + "  nas profile model.onnx --shape input=1x3x224x224 --per-node --json"})
final class ProfileCommand implements Callable<Integer> {
  static final String SCHEMA = "nas.profile/v1";

  @Spec CommandSpec spec;
  @Mixin OutputFormat format;

  @Parameters(paramLabel = "MODEL", description = "ONNX model file (IR 3-10, opset 7-21).")
  Path model;

  @Option(names = "--per-node", description = "Also list every node (text table, or \"nodes\" in JSON).")
  boolean perNode;

  @Option(names = "--shape", paramLabel = "NAME=DIMS",
      description = "Shape of an input with dynamic dimensions, e.g. input=1x3x224x224 (repeatable).")
  List<String> shapes = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    Map<String, long[]> inputShapes = new LinkedHashMap<>();
    for (String s : shapes) {
      Map.Entry<String, long[]> e = ShapeInference.parseShapeOption(s);
      if (inputShapes.put(e.getKey(), e.getValue()) != null) {
        throw new InvalidArgumentException("--shape is given twice for input '" + e.getKey() + "'");
      }
    }
    ModelProfile profile = ModelProfiler.profile(model, inputShapes);
    PrintWriter out = spec.commandLine().getOut();
    if (format.json()) {
      ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
      out.println(mapper.writeValueAsString(toJson(mapper, profile, perNode)));
    } else {
      printText(out, profile, perNode);
    }
    return ExitCodes.OK;
  }

  /** The JSON document ({@value #SCHEMA}); key order is stable. */
  static ObjectNode toJson(ObjectMapper mapper, ModelProfile p, boolean perNode) {
    ObjectNode root = mapper.createObjectNode();
    root.put("schema", SCHEMA);
    root.put("model", p.model());
    root.put("macs", p.macs());
    root.put("flops", p.flops());
    root.put("params", p.params());
    root.put("constantElements", p.constantElements());
    root.put("activationBytes", p.activationBytes());
    root.put("peakActivationBytes", p.peakActivationBytes());
    root.put("irVersion", p.irVersion());
    root.put("opset", p.opset());
    root.put("nodeCount", p.nodeCount());
    root.put("foldedNodeCount", p.foldedNodeCount());
    ArrayNode inputs = root.putArray("inputs");
    p.inputs().forEach((name, dims) -> {
      ObjectNode in = inputs.addObject();
      in.put("name", name);
      ArrayNode shape = in.putArray("shape");
      for (long d : dims) {
        shape.add(d);
      }
    });
    ArrayNode ops = root.putArray("opTypes");
    for (OpTypeProfile o : p.opTypes()) {
      ObjectNode n = ops.addObject();
      n.put("opType", o.opType());
      n.put("count", o.count());
      n.put("macs", o.macs());
      n.put("flops", o.flops());
      n.put("params", o.params());
      n.put("outputBytes", o.outputBytes());
    }
    if (perNode) {
      ArrayNode nodes = root.putArray("nodes");
      for (NodeProfile np : p.nodes()) {
        ObjectNode n = nodes.addObject();
        n.put("name", np.name());
        n.put("opType", np.opType());
        ArrayNode shapes = n.putArray("outputShapes");
        for (long[] s : np.outputShapes()) {
          ArrayNode a = shapes.addArray();
          for (long d : s) {
            a.add(d);
          }
        }
        n.put("macs", np.macs());
        n.put("flops", np.flops());
        n.put("params", np.params());
        n.put("outputBytes", np.outputBytes());
        n.put("folded", np.folded());
      }
    }
    return root;
  }

  static void printText(PrintWriter out, ModelProfile p, boolean perNode) {
    out.printf("Model        %s (IR %d, opset %d, %d nodes, %d folded at load time)%n", p.model(), p.irVersion(),
        p.opset(), p.nodeCount(), p.foldedNodeCount());
    StringBuilder in = new StringBuilder();
    p.inputs().forEach((k, v) -> in.append(in.length() == 0 ? "" : ", ").append(k).append(' ')
        .append(TensorInfo.shapeText(v)));
    out.printf("Inputs       %s%n", in);
    out.printf("MACs         %-10s (%,d)%n", human(p.macs(), ""), p.macs());
    out.printf("FLOPs        %-10s (%,d)%n", human(p.flops(), ""), p.flops());
    out.printf("Params       %-10s (%,d)%n", human(p.params(), ""), p.params());
    out.printf("Activations  %s total, %s peak%n", bytes(p.activationBytes()), bytes(p.peakActivationBytes()));
    out.println();
    out.printf("%-22s %6s %10s %10s %10s %10s %6s%n", "OP TYPE", "NODES", "MACS", "FLOPS", "PARAMS", "OUTPUT",
        "FLOPS%");
    for (OpTypeProfile o : p.opTypes()) {
      out.printf("%-22s %6d %10s %10s %10s %10s %5.1f%%%n", o.opType(), o.count(), human(o.macs(), ""),
          human(o.flops(), ""), human(o.params(), ""), bytes(o.outputBytes()),
          p.flops() == 0 ? 0.0 : 100.0 * o.flops() / p.flops());
    }
    if (perNode) {
      out.println();
      out.printf("%-40s %-18s %-18s %10s %10s %10s%n", "NODE", "OP TYPE", "OUTPUT SHAPE", "MACS", "FLOPS",
          "PARAMS");
      for (NodeProfile n : p.nodes()) {
        String shape = n.outputShapes().isEmpty() ? "-" : TensorInfo.shapeText(n.outputShapes().get(0));
        out.printf("%-40s %-18s %-18s %10s %10s %10s%s%n", n.name(), n.opType(), shape, human(n.macs(), ""),
            human(n.flops(), ""), human(n.params(), ""), n.folded() ? "  (folded)" : "");
      }
    }
  }

  /** 1234567 -> "1.23 M". */
  static String human(long v, String unit) {
    String[] suffix = {"", " K", " M", " G", " T", " P"};
    double x = v;
    int i = 0;
    while (Math.abs(x) >= 1000 && i < suffix.length - 1) {
      x /= 1000;
      i++;
    }
    return i == 0 ? v + unit : String.format(Locale.ROOT, "%.2f%s%s", x, suffix[i], unit);
  }

  /** Bytes in MiB/KiB. */
  static String bytes(long b) {
    if (b >= 1 << 20) {
      return String.format(Locale.ROOT, "%.2f MiB", b / (double) (1 << 20));
    }
    if (b >= 1 << 10) {
      return String.format(Locale.ROOT, "%.1f KiB", b / 1024.0);
    }
    return b + " B";
  }
}
