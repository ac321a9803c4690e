package org.nas4j.search.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import onnx.Onnx;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nas4j.search.dl4j.Dl4jGraphBuilder;
import org.nas4j.search.net.NetSpec;
import org.nas4j.search.net.NetSpecs;
import org.nas4j.search.space.Architecture;
import org.nas4j.search.space.DartsGenotype;
import org.nas4j.search.space.DartsSpace;
import org.nas4j.search.space.InputShape;
import org.nas4j.search.space.MacroConfig;
import org.nas4j.search.space.Nb201Arch;
import org.nas4j.search.space.Nb201Space;
import org.nas4j.search.space.Stem;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * ONNX Runtime vs DL4J on random architectures of each space, after a few training steps on random data (so BN
 * running statistics and affine parameters are not at their initial values). Also runs the real python3-onnx
 * checker on every exported file.
 */
class OnnxParityTest {
  static final double TOLERANCE = 1e-4;
  static final InputShape MNIST = new InputShape(1, 28, 28);
  static final InputShape CIFAR = new InputShape(3, 32, 32);

  @TempDir Path dir;

  @Test
  void dartsOrtMatchesDl4jOnTwentyFourArchitectures() throws Exception {
    SplittableRandom rnd = new SplittableRandom(3);
    List<Architecture> archs = new ArrayList<>();
    DartsSpace space = new DartsSpace();
    for (int i = 0; i < 20; i++) {
      archs.add(space.sample(rnd));
    }
    archs.add(DartsGenotype.DARTS_V2);
    archs.add(DartsGenotype.DARTS_V1);
    archs.add(DartsGenotype.NASNET);
    archs.add(DartsGenotype.AMOEBANET);
    double worst = 0;
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < archs.size(); i++) {
      MacroConfig m = new MacroConfig(2 + i % 2, 8, i % 4 == 0 ? CIFAR : MNIST, 10, Stem.CIFAR);
      worst = Math.max(worst, parity(archs.get(i), m, i, 2, files));
    }
    System.out.printf("darts parity: %d architectures, max |ORT - DL4J| = %.3g%n", archs.size(), worst);
    PythonOnnxChecker.assertValid(files);
  }

  @Test
  void nb201OrtMatchesDl4jOnTwentyTwoArchitectures() throws Exception {
    SplittableRandom rnd = new SplittableRandom(201);
    List<Architecture> archs = new ArrayList<>();
    Nb201Space space = new Nb201Space();
    for (int i = 0; i < 20; i++) {
      archs.add(space.sample(rnd));
    }
    archs.add(Nb201Arch.parse("|none~0|+|none~0|none~1|+|none~0|none~1|none~2|"));
    archs.add(Nb201Arch.parse("|avg_pool_3x3~0|+|nor_conv_1x1~0|none~1|+|none~0|none~1|avg_pool_3x3~2|"));
    double worst = 0;
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < archs.size(); i++) {
      MacroConfig m = new MacroConfig(1 + i % 2, 8, i % 4 == 0 ? CIFAR : MNIST, 10, null);
      worst = Math.max(worst, parity(archs.get(i), m, 100 + i, 8, files));
    }
    System.out.printf("nb201 parity: %d architectures, max |ORT - DL4J| = %.3g%n", archs.size(), worst);
    PythonOnnxChecker.assertValid(files);
  }

  @Test
  void imageNetStemExportsAndMatches() throws Exception {
    List<Path> files = new ArrayList<>();
    double err = parity(DartsGenotype.DARTS_V2, new MacroConfig(2, 8, new InputShape(3, 64, 64), 10,
        Stem.IMAGENET), 7, 2, files);
    assertThat(err).isLessThanOrEqualTo(TOLERANCE);
  }

  /**
   * Trains {@code steps} steps (Adam 0.01, batch 4; NB201 gets more because its untrained BN statistics blow logits
   * up to a few hundred, where float rounding alone approaches 1e-4), exports, and returns the max abs difference of logits on 3 fresh random images. */
  static double parity(Architecture arch, MacroConfig m, long seed, int steps, List<Path> files)
      throws IOException {
    NetSpec spec = NetSpecs.of(arch, m);
    ComputationGraph g = Dl4jGraphBuilder.build(spec, seed, new Adam(0.01));
    InputShape in = m.input();
    Nd4j.getRandom().setSeed(seed);
    INDArray x = Nd4j.rand(DataType.FLOAT, 4, in.channels(), in.height(), in.width()).muli(2).subi(0.5);
    INDArray y = Nd4j.zeros(DataType.FLOAT, 4, m.classes());
    for (int i = 0; i < 4; i++) {
      y.putScalar(i, i % m.classes(), 1f);
    }
    for (int i = 0; i < steps; i++) {
      g.fit(new DataSet(x, y));
    }
    INDArray probe = Nd4j.rand(DataType.FLOAT, 3, in.channels(), in.height(), in.width()).muli(2).subi(0.5);
    float[] expected = Nd4j.toFlattened('c', Dl4jGraphBuilder.logits(g, probe)).toFloatVector();

    Path file = Files.createTempFile(Path.of(System.getProperty("java.io.tmpdir")), "parity", ".onnx");
    files.add(file);
    ExportResult r = new OnnxExporter("test").export(spec, g, file);
    byte[] bytes = Files.readAllBytes(file);
    Onnx.ModelProto model = Onnx.ModelProto.parseFrom(bytes);
    long floatElements = model.getGraph().getInitializerList().stream()
        .mapToLong(t -> t.getDimsList().stream().reduce(1L, (a, b) -> a * b)).sum();
    assertThat(floatElements).as("ONNX float initializer elements").isEqualTo(g.numParams() - Dl4jGraphBuilder.maskedZeroParams(spec))
        .isEqualTo(spec.live().allParams()).isEqualTo(r.allParams());
    float[] actual = OnnxVerifier.runBatch(bytes, Nd4j.toFlattened('c', probe).toFloatVector(), 3, in);
    double worst = 0;
    for (int i = 0; i < expected.length; i++) {
      worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
    }
    assertThat(worst).as("max |ORT - DL4J| for %s %s", arch.toText(), m.describe()).isLessThanOrEqualTo(TOLERANCE);
    double spread = 0;
    for (float v : expected) {
      spread = Math.max(spread, Math.abs(v - expected[0]));
    }
    if (!arch.toText().contains("none~0|+|none~0|none~1|+|none~0|none~1|none~2")) {
      // Rationale: a constant output would make the comparison trivially pass.
      assertThat(spread).as("logits vary for %s", arch.toText()).isGreaterThan(1e-3);
    }
    return worst;
  }
}
