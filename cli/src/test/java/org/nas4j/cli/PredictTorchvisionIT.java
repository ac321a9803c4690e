package org.nas4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import onnx.Onnx.GraphProto;
import onnx.Onnx.TensorProto;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nas predict --target pixel MODEL.onnx} on every torchvision mobile classifier, exported by PyTorch at opsets
 * 13 and 17 ({@code src/test/python/export_mobile_classifiers.py}, cached under {@code target/torchvision-onnx}). If
 * Python lacks torch the test FAILS (as the profiler's torchvision tests do) with a message saying what to install.
 */
class PredictTorchvisionIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> MODELS = List.of("mobilenet_v2", "mobilenet_v3_small", "mobilenet_v3_large",
      "mnasnet0_5", "mnasnet0_75", "mnasnet1_0", "mnasnet1_3", "shufflenet_v2_x0_5", "shufflenet_v2_x1_0",
      "efficientnet_b0", "squeezenet1_1", "resnet18");
  private static final int[] OPSETS = {13, 17};
  private static final Path DIR = Path.of("target", "torchvision-onnx");
  private static final Map<String, Double> MS = new HashMap<>();

  @TempDir Path tmp;

  @BeforeAll
  static void exportAndPredictAll() throws Exception {
    export();
    for (String m : MODELS) {
      for (int opset : OPSETS) {
        Path f = DIR.resolve(m + "_opset" + opset + ".onnx");
        CliHarness h = CliHarness.run("predict", "--target", "pixel", f.toString(), "--json");
        assertThat(h.code).as(f + ": " + h.err()).isZero();
        JsonNode o = JSON.readTree(h.out());
        // Rationale: torchvision networks are outside the NB201/FBNet families the Pixel 3 tables measured, so the
        // transfer model prices them and the band is its leave-one-space-out error, not the within-table error
        assertThat(o.get("coveredByMeasurements").asBoolean()).as(m).isFalse();
        assertThat(o.get("latencyModel").asText()).isEqualTo("kernel-shared");
        assertThat(o.at("/band/insideFittedFamilies").asBoolean()).isFalse();
        assertThat(o.at("/band/typicalErrorPct").asDouble()).isGreaterThan(10);
        assertThat(o.get("caveat").asText()).startsWith("predicted, uncalibrated for this space (typical error ±");
        MS.put(m + "@" + opset, o.get("latencyMs").asDouble());
      }
    }
  }

  @Test
  void everyClassifierGetsAPositiveLatencyAtEveryOpset() {
    assertThat(MS).hasSize(MODELS.size() * OPSETS.length);
    // Rationale: 1..1000 ms brackets single-thread phone CPU latencies of 0.06-1.8 GMAC classifiers
    assertThat(MS.values()).allMatch(ms -> ms > 1 && ms < 1000);
    for (String m : MODELS) {
      // Rationale: opsets 13 and 17 differ only in how HardSwish and a few shape ops are written (HardSigmoid+Mul
      // before opset 14): the priced work must stay within 5%
      assertThat(MS.get(m + "@17")).as(m).isCloseTo(MS.get(m + "@13"),
          org.assertj.core.data.Percentage.withPercentage(5));
    }
  }

  @Test
  void widerAndDeeperNetworksCostMore() {
    // Rationale: the model is monotone in work, so each width multiplier series must be ordered
    assertThat(MS.get("mnasnet0_5@13")).isLessThan(MS.get("mnasnet0_75@13"));
    assertThat(MS.get("mnasnet0_75@13")).isLessThan(MS.get("mnasnet1_0@13"));
    assertThat(MS.get("mnasnet1_0@13")).isLessThan(MS.get("mnasnet1_3@13"));
    assertThat(MS.get("shufflenet_v2_x0_5@13")).isLessThan(MS.get("shufflenet_v2_x1_0@13"));
    assertThat(MS.get("mobilenet_v3_small@13")).isLessThan(MS.get("mobilenet_v3_large@13"));
    // resnet18 does 1.8 GMACs, mobilenet_v2 0.3: a dense network is the slowest here
    assertThat(MS.get("resnet18@13")).isGreaterThan(MS.get("mobilenet_v2@13"));
  }

  @Test
  void anOpWithNoCostModelIsOneLineNamingNodeAndOp() throws Exception {
    TensorProto k = TensorProto.newBuilder().setName("k").setDataType(7).addDims(1).addInt64Data(5).build();
    GraphProto.Builder g = GraphProto.newBuilder().addInput(OnnxFiles.value("image", 1, 3, 32, 32))
        .addInitializer(OnnxFiles.weight("w", 8, 3, 3, 3)).addInitializer(k)
        .addNode(OnnxFiles.node("Conv", "conv", new String[] {"image", "w"}, new String[] {"c"},
            OnnxFiles.ints("pads", 1, 1, 1, 1)))
        .addNode(OnnxFiles.node("Flatten", "flat", new String[] {"c"}, new String[] {"f"}))
        .addNode(OnnxFiles.node("TopK", "top5", new String[] {"f", "k"}, new String[] {"values", "indices"}))
        .addOutput(OnnxFiles.value("values", 1, 5));
    Path f = OnnxFiles.write(tmp, "topk.onnx", OnnxFiles.model(g));
    CliHarness h = CliHarness.run("predict", "--target", "pixel", f.toString());
    assertThat(h.code).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(h.err().lines().count()).isEqualTo(1);
    assertThat(h.err()).contains("node top5 has op type TopK").contains("cannot price");
    assertThat(h.out()).isEmpty();
  }

  private static void export() throws IOException, InterruptedException {
    boolean complete = true;
    for (String m : MODELS) {
      for (int opset : OPSETS) {
        complete &= Files.isRegularFile(DIR.resolve(m + "_opset" + opset + ".onnx"));
      }
    }
    if (complete) {
      return;
    }
    String python = System.getProperty("nas.python", "/usr/bin/python3");
    Files.createDirectories(DIR);
    Path log = DIR.resolve("export.log");
    Process p;
    try {
      p = new ProcessBuilder(python, "src/test/python/export_mobile_classifiers.py", DIR.toString(), "13", "17")
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    } catch (IOException e) {
      fail("cannot run " + python + " to export torchvision models (" + e.getMessage() + "); install python3,"
          + " python3-torch and python3-torchvision, or set -Dnas.python=PATH");
      throw e;
    }
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      fail("export_mobile_classifiers.py did not finish in 10 minutes; see " + log);
    }
    if (p.exitValue() != 0) {
      fail("export_mobile_classifiers.py failed with exit code " + p.exitValue() + " using " + python
          + (p.exitValue() == 3 ? " (install python3-torch and python3-torchvision)" : "") + ":\n"
          + Files.readString(log, StandardCharsets.UTF_8));
    }
  }
}
