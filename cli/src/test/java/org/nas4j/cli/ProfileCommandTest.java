package org.nas4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import onnx.Onnx.GraphProto;
import onnx.Onnx.ModelProto;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nas profile} through {@link Main#run}, on real ONNX files written to a temp directory. */
class ProfileCommandTest {
  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Main.run(new PrintWriter(out), new PrintWriter(err), args);
  }

  private JsonNode json() throws IOException {
    return new ObjectMapper().readTree(out.toString());
  }

  private void assertOneLineError(int code, Path file, String fragment) {
    assertThat(code).as("exit code, stderr: %s", err).isEqualTo(ExitCodes.INVALID_INPUT);
    List<String> lines = err.toString().lines().toList();
    assertThat(lines).as("stderr lines").hasSize(1);
    assertThat(lines.get(0)).startsWith("nas: ").contains(file.toString()).contains(fragment);
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void helpDescribesTheCommand() {
    assertThat(run("profile", "--help")).isZero();
    assertThat(out.toString()).contains("Usage: nas profile").contains("MODEL").contains("--shape=NAME=DIMS")
        .contains("--per-node").contains("--json").contains("macs").contains("Example");
  }

  @Test
  void missingModelArgumentIsInvalidInput() {
    assertThat(run("profile")).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(err.toString()).contains("Missing required parameter: 'MODEL'").contains("nas profile --help");
  }

  @Test
  void jsonHasTheCountsAtTopLevel() throws IOException {
    Path m = OnnxFiles.write(dir, "tiny.onnx", OnnxFiles.tinyCnn(1, 10));
    assertThat(run("profile", m.toString(), "--json")).isZero();
    JsonNode j = json();
    List<String> keys = new ArrayList<>();
    j.fieldNames().forEachRemaining(keys::add);
    assertThat(keys).startsWith("schema", "model", "macs", "flops", "params").contains("activationBytes",
        "peakActivationBytes", "inputs", "opTypes").doesNotContain("nodes");
    assertThat(j.get("schema").asText()).isEqualTo("nas.profile/v1");
    assertThat(j.get("model").asText()).isEqualTo(m.toString());
    // Conv: 8 x 32 x 32 outputs x 27 MACs; Gemm: 10 x 8.
    assertThat(j.get("macs").asLong()).isEqualTo(8 * 32 * 32 * 27 + 80);
    // 2 x MACs + Relu (8192) + GlobalAveragePool (8) outputs.
    assertThat(j.get("flops").asLong()).isEqualTo(2 * (8 * 32 * 32 * 27 + 80) + 8192 + 8);
    assertThat(j.get("params").asLong()).isEqualTo(216 + 8 + 80 + 10);
    assertThat(j.get("inputs").get(0).get("name").asText()).isEqualTo("image");
    assertThat(j.get("inputs").get(0).get("shape").toString()).isEqualTo("[1,3,32,32]");
    assertThat(j.get("opTypes").get(0).get("opType").asText()).isEqualTo("Conv");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void perNodeListsEveryNode() throws IOException {
    Path m = OnnxFiles.write(dir, "tiny.onnx", OnnxFiles.tinyCnn(1, 10));
    assertThat(run("profile", m.toString(), "--format", "json", "--per-node")).isZero();
    JsonNode nodes = json().get("nodes");
    assertThat(nodes).hasSize(5);
    assertThat(nodes.get(0).get("name").asText()).isEqualTo("conv");
    assertThat(nodes.get(0).get("outputShapes").toString()).isEqualTo("[[1,8,32,32]]");
    assertThat(nodes.get(4).get("macs").asLong()).isEqualTo(80);
  }

  @Test
  void textOutputIsATable() throws IOException {
    Path m = OnnxFiles.write(dir, "tiny.onnx", OnnxFiles.tinyCnn(1, 10));
    assertThat(run("profile", m.toString(), "--per-node")).isZero();
    assertThat(out.toString()).contains("MACs").contains("(221,264)").contains("OP TYPE").contains("Conv")
        .contains("NODE").contains("relu").contains("1x8x32x32");
  }

  @Test
  void dynamicBatchNeedsShapeOption() throws IOException {
    Path m = OnnxFiles.write(dir, "dyn.onnx", OnnxFiles.tinyCnn(-1, 10));
    assertOneLineError(run("profile", m.toString()), m, "input 'image' has dynamic dimension 'batch'");
    assertThat(err.toString()).contains("--shape image=1x3x32x32");
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    assertThat(run("profile", m.toString(), "--shape", "image=2x3x32x32", "--json")).isZero();
    assertThat(json().get("macs").asLong()).isEqualTo(2 * (8 * 32 * 32 * 27 + 80));
  }

  @Test
  void badShapeOptionsAreInvalidInput() throws IOException {
    Path m = OnnxFiles.write(dir, "dyn.onnx", OnnxFiles.tinyCnn(-1, 10));
    assertThat(run("profile", m.toString(), "--shape", "img=1x3x32x32")).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(err.toString()).contains("'img'").contains("inputs: image");
    err.getBuffer().setLength(0);
    assertThat(run("profile", m.toString(), "--shape", "image=1x3")).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(err.toString()).contains("rank 2");
    err.getBuffer().setLength(0);
    assertThat(run("profile", m.toString(), "--shape", "image:1x3")).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(err.toString()).contains("NAME=1x3x224x224");
  }

  @Test
  void missingEmptyDirectoryTruncatedAndRandomFiles() throws IOException {
    Path missing = dir.resolve("missing.onnx");
    assertOneLineError(run("profile", missing.toString()), missing, "no such file");
    reset();
    Path empty = Files.createFile(dir.resolve("empty.onnx"));
    assertOneLineError(run("profile", empty.toString()), empty, "empty file");
    reset();
    Path folder = Files.createDirectory(dir.resolve("folder.onnx"));
    assertOneLineError(run("profile", folder.toString()), folder, "directory");
    reset();
    byte[] full = OnnxFiles.tinyCnn(1, 10).toByteArray();
    Path truncated = dir.resolve("truncated.onnx");
    Files.write(truncated, Arrays.copyOf(full, full.length - 100));
    assertOneLineError(run("profile", truncated.toString()), truncated, "truncated");
    reset();
    byte[] noise = new byte[1 << 20];
    new SplittableRandom(7).nextBytes(noise);
    Path random = dir.resolve("random.onnx");
    Files.write(random, noise);
    assertOneLineError(run("profile", random.toString()), random, "");
  }

  @Test
  void brokenGraphsAreInvalidInput() throws IOException {
    ModelProto ok = OnnxFiles.tinyCnn(1, 10);
    GraphProto.Builder dangling = ok.getGraph().toBuilder()
        .setNode(1, OnnxFiles.node("Relu", "relu", new String[] {"ghost"}, new String[] {"r"}));
    Path d = OnnxFiles.write(dir, "dangling.onnx", ok.toBuilder().setGraph(dangling).build());
    assertOneLineError(run("profile", d.toString()), d, "dangling input 'ghost'");
    reset();
    GraphProto.Builder channels = ok.getGraph().toBuilder().setInitializer(0, OnnxFiles.weight("w", 8, 4, 3, 3));
    Path c = OnnxFiles.write(dir, "channels.onnx", ok.toBuilder().setGraph(channels).build());
    assertOneLineError(run("profile", c.toString()), c, "in-channels x group != input channels");
    reset();
    Path o = OnnxFiles.write(dir, "output.onnx", OnnxFiles.tinyCnn(1, 999));
    assertOneLineError(run("profile", o.toString()), o, "output 'logits' is declared as 1x999 but the graph computes 1x10");
    reset();
    Path ir = OnnxFiles.write(dir, "ir.onnx", ok.toBuilder().setIrVersion(12).build());
    assertOneLineError(run("profile", ir.toString()), ir, "unsupported ONNX IR version 12");
    reset();
    Path opset = OnnxFiles.write(dir, "opset.onnx", ok.toBuilder().setOpsetImport(0,
        ok.getOpsetImport(0).toBuilder().setVersion(99)).build());
    assertOneLineError(run("profile", opset.toString()), opset, "unsupported opset 99");
  }

  @Test
  void unsupportedOpsAreNamed() throws IOException {
    ModelProto ok = OnnxFiles.tinyCnn(1, 10);
    GraphProto.Builder g = ok.getGraph().toBuilder()
        .setNode(1, OnnxFiles.node("Swizzle", "swz", new String[] {"c"}, new String[] {"r"}));
    Path m = OnnxFiles.write(dir, "unsupported.onnx", ok.toBuilder().setGraph(g).build());
    assertOneLineError(run("profile", m.toString()), m, "Swizzle (node 'swz')");
  }

  /**
   * Profiling must not load ONNX Runtime or initialise ND4J: runs nas in a child JVM with -verbose:class and looks
   * for their classes.
   */
  @Test
  void profileLoadsNeitherNd4jNorOnnxRuntime() throws Exception {
    Path m = OnnxFiles.write(dir, "tiny.onnx", OnnxFiles.tinyCnn(1, 10));
    Path log = dir.resolve("classes.log");
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-verbose:class", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "profile",
        m.toString(), "--json").redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String classes = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(classes.length() > 2000 ? classes.substring(classes.length() - 2000) : classes)
        .isZero();
    assertThat(classes).contains("onnx.Onnx$ModelProto").contains("\"macs\"");
    Iterator<String> it = classes.lines().filter(l -> l.contains("org.nd4j.linalg") || l.contains("ai.onnxruntime")
        || l.contains("org.bytedeco")).iterator();
    assertThat(it.hasNext()).as("ND4J/ORT/JavaCPP classes loaded: %s", it.hasNext() ? it.next() : "").isFalse();
  }

  private void reset() {
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
  }
}
