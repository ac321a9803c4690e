package org.nas4j.search.latency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nas4j.profiler.predict.KernelLinearPredictor;
import org.nas4j.profiler.predict.KernelType;
import org.nas4j.profiler.predict.OnnxLowering;
import org.nas4j.profiler.predict.OpSpec;
import org.nas4j.profiler.predict.PredictorFile;
import org.nas4j.search.dl4j.Dl4jGraphBuilder;
import org.nas4j.search.dl4j.Dl4jRuntime;
import org.nas4j.search.net.NetSpec;
import org.nas4j.search.net.NetSpecs;
import org.nas4j.search.export.OnnxExporter;
import org.nas4j.search.space.InputShape;
import org.nas4j.search.space.MacroConfig;
import org.nas4j.search.space.SearchSpaces;

/** ONNX files written by the exporter lower to the same kernels as the architecture they came from. */
class OnnxLoweringAgreementTest {
  @TempDir static Path dir;

  @BeforeAll
  static void init() {
    Dl4jRuntime.init();
  }

  private static List<String> sorted(List<OpSpec> ops) {
    List<String> s = new ArrayList<>();
    ops.forEach(o -> s.add(org.nas4j.profiler.predict.Kernel.of(o).classKey() + "@" + o.inputChannels() + "x"
        + o.inputHeight() + "->" + o.outputChannels() + "/k" + o.kernelSize() + "s" + o.stride()));
    s.sort(null);
    return s;
  }

  /** "" when both have the same kernels, else what is missing from and extra in {@code actual}. */
  static String diff(List<OpSpec> expected, List<OpSpec> actual) {
    List<String> missing = sorted(expected);
    List<String> extra = sorted(actual);
    for (String o : sorted(actual)) {
      missing.remove(o);
    }
    for (String o : sorted(expected)) {
      extra.remove(o);
    }
    return missing.isEmpty() && extra.isEmpty() ? "" : "missing " + missing + " extra " + extra;
  }

  private static Path export(NetSpec spec, String name) {
    Path out = dir.resolve(name);
    new OnnxExporter("test").export(spec, Dl4jGraphBuilder.build(spec, 3), out);
    return out;
  }

  @Test
  void exportedNb201ModelLowersToTheArchKernelsAndPredictsTheSameLatency() {
    String a = "|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|";
    MacroConfig m = MacroConfig.nb201Cifar10();
    NetSpec spec = NetSpecs.of(SearchSpaces.parse("nb201", a), m);
    List<OpSpec> fromOnnx = OnnxLowering.lower(export(spec, "nb201.onnx"), Map.of());
    assertThat(diff(NetSpecLowering.lower(spec), fromOnnx)).isEmpty();
    KernelLinearPredictor pixel = PredictorFile.readResource("pixel3-cpu-fp32.json").predictor();
    // no none edge and no alias node: the table lowering agrees exactly as well
    assertThat(pixel.predictMs(fromOnnx)).isCloseTo(pixel.predictMs(LatencySpace.NB201.lower(a)), within(1e-9));
  }

  @Test
  void exportedNb201ModelWithNoneEdgesDiffersFromTheTableLoweringByZeroMulsAndFusedRelus() {
    String a = "|nor_conv_3x3~0|+|none~0|nor_conv_1x1~1|+|avg_pool_3x3~0|none~1|nor_conv_3x3~2|";
    NetSpec spec = NetSpecs.of(SearchSpaces.parse("nb201", a), MacroConfig.nb201Cifar10());
    List<OpSpec> fromOnnx = OnnxLowering.lower(export(spec, "nb201-none.onnx"), Map.of());
    assertThat(diff(NetSpecLowering.lower(spec), fromOnnx)).isEmpty();
    // vs the table lowering the ONNX file has no x*0 per none edge (2 per cell: 30 MUL kernels), and nodes 1 and 2
    // are single convs read by one ReLU each, which fuses into the conv (30 fewer stand-alone ReLUs)
    List<OpSpec> table = LatencySpace.NB201.lower(a);
    assertThat(table.size() - fromOnnx.size()).isEqualTo(60);
    KernelLinearPredictor pixel = PredictorFile.readResource("pixel3-cpu-fp32.json").predictor();
    double onnxMs = pixel.predictMs(fromOnnx);
    double tableMs = pixel.predictMs(table);
    System.out.printf("pixel prediction %s: onnx %.4f ms, arch table lowering %.4f ms (%.1f%%)%n", a, onnxMs,
        tableMs, 100 * (onnxMs - tableMs) / tableMs);
    assertThat(onnxMs).isCloseTo(tableMs, within(0.15 * tableMs));
  }

  @Test
  void exportedDartsModelLowersToTheArchKernels() {
    MacroConfig m = new MacroConfig(5, 8, new InputShape(3, 32, 32), 10, null);
    NetSpec spec = NetSpecs.of(SearchSpaces.parse("darts", "DARTS_V2"), m);
    List<OpSpec> fromOnnx = OnnxLowering.lower(export(spec, "darts.onnx"), Map.of());
    assertThat(diff(NetSpecLowering.lower(spec), fromOnnx)).isEmpty();
    assertThat(fromOnnx.stream().filter(o -> o.type() == KernelType.ADD && o.inputs() == 2)).isNotEmpty();
  }
}
