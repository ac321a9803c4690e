package org.nas4j.search.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import onnx.Onnx;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nas4j.search.dl4j.Dl4jGraphBuilder;
import org.nas4j.search.net.NetSpec;
import org.nas4j.search.net.NetSpecs;
import org.nas4j.search.data.DatasetSpec;
import org.nas4j.search.space.DartsGenotype;
import org.nas4j.search.space.InputShape;
import org.nas4j.search.space.MacroConfig;
import org.nas4j.search.space.Nb201Arch;

class OnnxExporterTest {
  static final MacroConfig SMALL = new MacroConfig(2, 8, new InputShape(1, 28, 28), 10, null);
  static NetSpec spec;
  static ComputationGraph graph;
  static Onnx.ModelProto model;

  @TempDir Path dir;

  @BeforeAll
  static void build() {
    spec = NetSpecs.darts(DartsGenotype.DARTS_V2, SMALL);
    graph = Dl4jGraphBuilder.build(spec, 11);
    model = new OnnxExporter("1.2.3").toModel(spec, graph);
  }

  @Test
  void modelHeaderNamesAndMetadata() {
    assertThat(model.getIrVersion()).isEqualTo(8);
    assertThat(model.getOpsetImport(0).getVersion()).isEqualTo(13);
    Onnx.GraphProto g = model.getGraph();
    assertThat(g.getInput(0).getName()).isEqualTo("input");
    assertThat(g.getInput(0).getType().getTensorType().getShape().getDimList())
        .extracting(Onnx.TensorShapeProto.Dimension::getDimValue).containsExactly(1L, 1L, 28L, 28L);
    assertThat(g.getOutput(0).getName()).isEqualTo("logits");
    assertThat(model.getMetadataPropsList()).extracting(Onnx.StringStringEntryProto::getKey)
        .contains("nas.archId", "nas.genotype", "nas.space", "nas.cells", "nas.channels", "nas.input",
            "nas.classes", "nas.version");
    assertThat(model.getMetadataPropsList()).filteredOn(e -> e.getKey().equals("nas.genotype"))
        .extracting(Onnx.StringStringEntryProto::getValue).containsExactly(DartsGenotype.DARTS_V2.toText());
    assertThat(OnnxVerifier.opTypes(model)).contains("Conv", "BatchNormalization", "Relu", "MaxPool", "Slice",
        "Concat", "Add", "GlobalAveragePool", "Flatten", "Gemm");
    // Rationale: only weights are initializers, all float, and they add up to DL4J's parameter count.
    assertThat(g.getInitializerList()).allMatch(t -> t.getDataType() == Onnx.TensorProto.DataType.FLOAT_VALUE);
    long elements = g.getInitializerList().stream()
        .mapToLong(t -> t.getDimsList().stream().reduce(1L, (a, b) -> a * b)).sum();
    assertThat(elements).isEqualTo(graph.numParams() - Dl4jGraphBuilder.maskedZeroParams(spec))
        .isEqualTo(spec.allParams());
    assertThat(g.getNodeList()).filteredOn(n -> n.getOpType().equals("BatchNormalization")).isNotEmpty();
  }

  @Test
  void verifierCatchesAWrongConvChannelCount() {
    Onnx.GraphProto.Builder g = model.getGraph().toBuilder();
    for (int i = 0; i < g.getInitializerCount(); i++) {
      if (g.getInitializer(i).getName().equals("cell0.pre1.conv.W")) {
        Onnx.TensorProto t = g.getInitializer(i);
        // same element count, wrong in-channels: [8, 24, 1, 1] -> [16, 12, 1, 1]
        g.setInitializer(i, t.toBuilder().setDims(0, t.getDims(0) * 2).setDims(1, t.getDims(1) / 2));
      }
    }
    Onnx.ModelProto bad = model.toBuilder().setGraph(g).build();
    assertThatThrownBy(() -> OnnxVerifier.verify(bad, bad.toByteArray(), SMALL.input(), 10))
        .isInstanceOf(ExportException.class)
        .hasMessageContaining("Conv node cell0.pre1.conv: input has 24 channels");
  }

  @Test
  void verifierCatchesAnUndefinedInput() {
    Onnx.GraphProto.Builder g = model.getGraph().toBuilder();
    g.setNode(3, g.getNode(3).toBuilder().setInput(0, "nowhere"));
    Onnx.ModelProto bad = model.toBuilder().setGraph(g).build();
    assertThatThrownBy(() -> OnnxVerifier.verify(bad, bad.toByteArray(), SMALL.input(), 10))
        .isInstanceOf(ExportException.class).hasMessageContaining("reads nowhere");
  }

  @Test
  void writesAtomicallyAndLeavesNothingOnFailure() throws Exception {
    Path out = dir.resolve("m.onnx");
    ExportResult r = new OnnxExporter("1.2.3").export(spec, graph, out);
    assertThat(out).exists();
    assertThat(r.fileBytes()).isEqualTo(Files.size(out));
    assertThat(r.archId()).isEqualTo(DartsGenotype.DARTS_V2.archId());
    // Readable by others (a model is shared: CI artifacts, containers), not private as a temporary file is.
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out))).isEqualTo("rw-r--r--");
    Path blocker = dir.resolve("file");
    Files.writeString(blocker, "x");
    assertThatThrownBy(() -> new OnnxExporter("1").export(spec, graph, blocker.resolve("m.onnx")))
        .isInstanceOf(ExportException.class).hasMessageContaining("cannot write");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("m.onnx", "file");
    }
  }

  @Test
  void aParityCheckedExportIsReadableByOthersAndLeavesNoTemporaryFile() throws Exception {
    Path out = dir.resolve("sub").resolve("checked.onnx");
    ExportResult r = ParityCheck.exportChecked(new OnnxExporter("1.2.3"), spec, graph,
        DatasetSpec.embeddedFashionMnist().test(), out);
    assertThat(r.fileBytes()).isEqualTo(Files.size(out));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out))).isEqualTo("rw-r--r--");
    try (Stream<Path> files = Files.list(out.getParent())) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("checked.onnx");
    }
  }

  @Test
  void deadNb201LayersAreLeftOutOfGraphAndFile() {
    // node 1 feeds nothing that reaches node 3
    Nb201Arch a = Nb201Arch.parse("|nor_conv_3x3~0|+|nor_conv_1x1~0|none~1|+|skip_connect~0|none~1|nor_conv_3x3~2|");
    NetSpec s = NetSpecs.nb201(a, new MacroConfig(1, 8, new InputShape(3, 32, 32), 10, null));
    assertThat(s.live().trainableParams()).isLessThan(s.trainableParams());
    ComputationGraph g = Dl4jGraphBuilder.build(s, 1);
    assertThat(g.numParams()).isEqualTo(s.live().allParams());
    Onnx.ModelProto m = new OnnxExporter("t").toModel(s, g);
    OnnxVerifier.verify(m, m.toByteArray(), new InputShape(3, 32, 32), 10);
  }
}
