package org.nas4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportCommandTest {
  static final String NB201 =
      "|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|";

  @TempDir Path dir;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  int run(String... args) {
    return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
  }

  @Test
  void exportsNb201ModelThatOnnxRuntimeOpens() throws Exception {
    Path model = dir.resolve("nb201.onnx");
    int code = run("export", "--space", "nb201", "--arch", NB201, "--cells", "1", "--channels", "8",
        "--input", "3x32x32", "--classes", "10", "--out", model.toString(), "--format", "json");
    assertThat(code).as(err.toString()).isEqualTo(ExitCodes.OK);
    JsonNode j = new ObjectMapper().readTree(out.toString());
    assertThat(j.get("schema").asText()).isEqualTo("nas.export/v1");
    assertThat(j.get("archId").asText()).hasSize(64);
    try (OrtSession s = OrtEnvironment.getEnvironment().createSession(model.toString())) {
      assertThat(s.getInputNames()).containsExactly("input");
      assertThat(s.getOutputNames()).containsExactly("logits");
      assertThat(s.getMetadata().getCustomMetadata()).containsEntry("nas.space", "nb201")
          .containsEntry("nas.genotype", NB201).containsEntry("nas.archId", j.get("archId").asText())
          .containsEntry("nas.cells", "1").containsEntry("nas.channels", "8").containsEntry("nas.input", "3x32x32")
          .containsEntry("nas.classes", "10").containsKey("nas.version");
    }
  }

  @Test
  void dartsExportIsDeterministicForTheSameArguments() throws Exception {
    Path a = dir.resolve("a.onnx");
    Path b = dir.resolve("b.onnx");
    String[] common = {"export", "--space", "darts", "--genotype", "DARTS_V2", "--cells", "2", "--channels", "8",
        "--input", "1x28x28", "--seed", "5", "--out"};
    assertThat(run(concat(common, a.toString()))).as(err.toString()).isEqualTo(ExitCodes.OK);
    assertThat(run(concat(common, b.toString()))).as(err.toString()).isEqualTo(ExitCodes.OK);
    assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
    assertThat(out.toString()).contains("wrote").contains("darts");
  }

  @Test
  void exportBytesMatchThoseWrittenByAnotherProcess() throws Exception {
    // Rationale: this SHA-256 is of the file that 'nas export' wrote, with these arguments, in a separate JVM
    // (java -cp cli/target/nas4j-cli.jar:cli/target/lib/* org.nas4j.cli.Main export ...). DL4J M2.1's own seeded
    // initialisation differed between processes; the builder's SplittableRandom initialisation must not. It changes
    // only when the export format or the initialisation changes on purpose: then regenerate it the same way.
    Path model = dir.resolve("golden.onnx");
    int code = run("export", "--space", "nb201", "--arch", NB201, "--cells", "1", "--channels", "8", "--out",
        model.toString());
    assertThat(code).as(err.toString()).isEqualTo(ExitCodes.OK);
    byte[] sha = java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(model));
    assertThat(java.util.HexFormat.of().formatHex(sha))
        .isEqualTo("21e82a76c3e919b7af8616a4ebe92b3c8eab54b596a5ee02513867ffb3e3be20");
  }

  @Test
  void profileOfTheExportedFileAgreesWithTheBuildersCounts() throws Exception {
    // DARTS_V2 at the DARTS CIFAR setting, and an NB201 cell at the NB201 skeleton: the builder's counts (reported
    // by export --format json) must equal what nas profile reads back from the ONNX file (BN not folded).
    String[][] cases = {
      {"--space", "darts", "--genotype", "DARTS_V2", "--cells", "20", "--channels", "36"},
      {"--space", "nb201", "--arch", "|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|"
          + "nor_conv_3x3~1|skip_connect~2|"},
    };
    for (String[] c : cases) {
      Path file = dir.resolve(c[1] + ".onnx");
      java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("export"));
      args.addAll(java.util.List.of(c));
      args.addAll(java.util.List.of("--out", file.toString(), "--format", "json"));
      CliHarness export = CliHarness.run(args.toArray(new String[0]));
      assertThat(export.code).as(export.err()).isZero();
      com.fasterxml.jackson.databind.JsonNode built = new com.fasterxml.jackson.databind.ObjectMapper()
          .readTree(export.out());
      CliHarness profile = CliHarness.run("profile", file.toString(), "--json");
      assertThat(profile.code).as(profile.err()).isZero();
      com.fasterxml.jackson.databind.JsonNode counted = new com.fasterxml.jackson.databind.ObjectMapper()
          .readTree(profile.out());
      assertThat(counted.get("params").asLong()).isEqualTo(built.get("paramsAll").asLong());
      assertThat(counted.get("macs").asLong()).isEqualTo(built.get("macs").asLong());
    }
  }

  @Test
  void badGenotypeIsExitTwoWithOneLineAndNoFile() throws Exception {
    Path model = dir.resolve("bad.onnx");
    int code = run("export", "--space", "darts", "--genotype",
        "Genotype(normal=[('sep_conv_9x9', 0), ('sep_conv_3x3', 1)], normal_concat=[2], "
            + "reduce=[('max_pool_3x3', 0), ('max_pool_3x3', 1)], reduce_concat=[2])",
        "--cells", "2", "--channels", "8", "--out", model.toString());
    assertThat(code).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(err.toString().lines().toList()).hasSize(1);
    assertThat(err.toString()).startsWith("nas: ").contains("unknown op 'sep_conv_9x9'").contains("normal edge 0");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void badArchStringNamesTheEdge() {
    int code = run("export", "--space", "nb201", "--arch", "|nor_conv_3x3~0|+|nor_conv_3x3~0|+|skip~0|",
        "--out", dir.resolve("x.onnx").toString());
    assertThat(code).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(err.toString()).contains("node 2 has 1 edge(s), expected 2");
    assertThat(dir.resolve("x.onnx")).doesNotExist();
  }

  @Test
  void missingOutIsExitTwo() {
    int code = run("export", "--space", "nb201", "--arch", NB201);
    assertThat(code).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(err.toString()).contains("Missing required option: '--out=FILE'");
  }

  @Test
  void helpListsTheOptions() {
    int code = run("export", "--help");
    assertThat(code).isEqualTo(ExitCodes.OK);
    assertThat(out.toString()).contains("--space=SPACE").contains("--genotype=GENOTYPE").contains("--arch=ARCH")
        .contains("--stem=STEM").contains("--seed=SEED").contains("Example");
  }

  private static String[] concat(String[] a, String last) {
    String[] r = java.util.Arrays.copyOf(a, a.length + 1);
    r[a.length] = last;
    return r;
  }
}
