package org.nas4j.profiler.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import onnx.Onnx.ModelProto;
import onnx.Onnx.NodeProto;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nas4j.profiler.InvalidModelException;

/** Loading real files: every kind of broken file is an InvalidModelException naming the file, on one line. */
class OnnxModelsTest {
  @TempDir Path dir;

  private static ModelProto small() {
    return TestGraph.opset(13).input("x", 1, 3, 8, 8).weight("w", 4, 3, 3, 3).node("Conv", "x,w", "y")
        .node("Relu", "y", "z").output("z", 1, 4, 6, 6).build();
  }

  /** An opset-13 graph whose 1x4 input 'x' goes through a Relu into 'y'; the caller adds the rest. */
  private static TestGraph reluOfX() {
    return TestGraph.opset(13).input("x", 1, 4).node("Relu", "x", "y");
  }

  private Path write(String name, byte[] bytes) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, bytes);
    return p;
  }

  private void assertRejected(Path file, String fragment) {
    assertThatThrownBy(() -> OnnxModels.load(file)).isInstanceOf(InvalidModelException.class)
        .hasMessageStartingWith(file + ": ").hasMessageContaining(fragment)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void loadsAValidModel() throws IOException {
    Path p = write("ok.onnx", small().toByteArray());
    ModelProto m = OnnxModels.load(p);
    assertThat(m.getGraph().getNodeCount()).isEqualTo(2);
    assertThat(OnnxModels.defaultOpset(m, "ok")).isEqualTo(13);
  }

  @Test
  void missingFileEmptyFileAndDirectory() throws IOException {
    assertRejected(dir.resolve("nope.onnx"), "no such file");
    assertRejected(write("empty.onnx", new byte[0]), "empty file");
    Path sub = Files.createDirectory(dir.resolve("model.onnx"));
    assertRejected(sub, "is a directory");
  }

  @Test
  void truncatedModel() throws IOException {
    byte[] full = small().toByteArray();
    assertRejected(write("trunc.onnx", Arrays.copyOf(full, full.length / 2)), "truncated");
  }

  @Test
  void randomBytesOfManySeedsAreRejectedQuickly() throws IOException {
    SplittableRandom rnd = new SplittableRandom(42);
    for (int seed = 0; seed < 20; seed++) {
      byte[] b = new byte[1 + rnd.nextInt(1 << 20)];
      rnd.nextBytes(b);
      Path p = write("random" + seed + ".onnx", b);
      assertThatThrownBy(() -> OnnxModels.load(p)).isInstanceOf(InvalidModelException.class)
          .hasMessageStartingWith(p + ": ");
    }
  }

  @Test
  void textFileIsNotAModel() throws IOException {
    assertRejected(write("readme.onnx", "hello, this is not ONNX\n".getBytes()), "");
  }

  @Test
  void unsupportedIrVersionAndOpset() throws IOException {
    assertRejected(write("ir11.onnx", small().toBuilder().setIrVersion(11).build().toByteArray()),
        "unsupported ONNX IR version 11");
    assertRejected(write("ir2.onnx", small().toBuilder().setIrVersion(2).build().toByteArray()),
        "unsupported ONNX IR version 2");
    ModelProto op22 = TestGraph.opset(22).input("x", 1).node("Relu", "x", "y").output("y").build();
    assertRejected(write("op22.onnx", op22.toByteArray()), "unsupported opset 22");
    ModelProto op6 = TestGraph.opset(6).input("x", 1).node("Relu", "x", "y").output("y").build();
    assertRejected(write("op6.onnx", op6.toByteArray()), "unsupported opset 6");
    ModelProto noOpset = small().toBuilder().clearOpsetImport().build();
    assertRejected(write("noopset.onnx", noOpset.toByteArray()), "imports no opset");
  }

  @Test
  void modelWithoutGraphOrNodes() throws IOException {
    assertRejected(write("nograph.onnx", small().toBuilder().clearGraph().build().toByteArray()), "no graph");
    ModelProto noNodes = small().toBuilder().setGraph(small().getGraph().toBuilder().clearNode()).build();
    assertRejected(write("nonodes.onnx", noNodes.toByteArray()), "no nodes");
  }

  @Test
  void danglingInputAndWrongOrder() throws IOException {
    ModelProto dangling = reluOfX().node("Add", "y,ghost", "z").output("z").build();
    assertRejected(write("dangling.onnx", dangling.toByteArray()), "dangling input 'ghost'");
    ModelProto m = small();
    NodeProto first = m.getGraph().getNode(0);
    NodeProto second = m.getGraph().getNode(1);
    ModelProto swapped = m.toBuilder().setGraph(m.getGraph().toBuilder().setNode(0, second).setNode(1, first))
        .build();
    assertRejected(write("order.onnx", swapped.toByteArray()), "topological order");
  }

  @Test
  void duplicateTensorAndMissingGraphOutput() throws IOException {
    ModelProto dup = reluOfX().node("Sigmoid", "x", "y").output("y").build();
    assertRejected(write("dup.onnx", dup.toByteArray()), "produced twice");
    ModelProto noOut = reluOfX().output("nothing").build();
    assertRejected(write("noout.onnx", noOut.toByteArray()), "graph output 'nothing'");
  }

  @Test
  void initializerWhoseDataDoesNotMatchItsDimsIsInvalid() throws IOException {
    ModelProto m = TestGraph.opset(13).input("x", 1, 3, 8, 8)
        .initializer(TestGraph.floatTensor("w", 4, 3, 3, 3).toBuilder().setDims(0, 5).build())
        .node("Conv", "x,w", "y").output("y").build();
    Path p = write("badinit.onnx", m.toByteArray());
    ModelProto loaded = OnnxModels.load(p);
    assertThatThrownBy(() -> ShapeInference.infer(loaded, p.toString(), java.util.Map.of()))
        .isInstanceOf(InvalidModelException.class).hasMessageContaining("initializer 'w'")
        .hasMessageContaining("raw_data");
  }
}
