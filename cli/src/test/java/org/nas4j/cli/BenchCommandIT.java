package org.nas4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nas4j.profiler.testing.OnnxModels;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** {@code nas bench} end to end through {@link Main#run}, with real ONNX Runtime sessions on generated models. */
class BenchCommandIT {
  @TempDir static Path dir;
  static Path fast;
  static Path slow;
  static final ObjectMapper JSON = new ObjectMapper();
  static final String[] QUICK = {"--target", "host", "--runs", "60", "--sessions", "3", "--warmup", "5"};

  StringWriter out = new StringWriter();
  StringWriter err = new StringWriter();

  @BeforeAll
  static void models() throws Exception {
    fast = OnnxModels.write(dir.resolve("models/fast.onnx"), OnnxModels.convNet(16, 2, 16, 1));
    // ~4x the conv work of fast: a real regression, not a mocked one
    slow = OnnxModels.write(dir.resolve("models/slow.onnx"), OnnxModels.convNet(16, 10, 16, 1));
    OnnxModels.write(dir.resolve("inchannels.onnx"), OnnxModels.wrongInChannels(8, 8));
    OnnxModels.write(dir.resolve("dangling.onnx"), OnnxModels.danglingInput());
    Files.write(dir.resolve("empty.onnx"), new byte[0]);
    Files.write(dir.resolve("random.onnx"), new java.util.Random(1).ints(2000).collect(
        java.io.ByteArrayOutputStream::new, (b, i) -> b.write(i), (a, b) -> { }).toByteArray());
    byte[] full = Files.readAllBytes(slow);
    Files.write(dir.resolve("truncated.onnx"), java.util.Arrays.copyOf(full, full.length / 3));
    Files.createDirectories(dir.resolve("nomodels"));
    Files.writeString(dir.resolve("bad-target.json"), """
        {"id": "quick", "description": "typo", "device": "DESKTOP", "executionProvider": "CPU",
         "measure": "ONNXRUNTIME", "threads": 1, "inputShape": [1, 3, 16, 16], "warmup": 3, "measuredRuns": 12}
        """);
  }

  int run(String... args) {
    return Main.run(new PrintWriter(out), new PrintWriter(err), args);
  }

  static String[] with(String[] head, String... tail) {
    List<String> all = new ArrayList<>(List.of(head));
    all.addAll(List.of(tail));
    return all.toArray(String[]::new);
  }

  static void deleteStoredModels(Path baseline) throws java.io.IOException {
    Path models = baseline.resolveSibling(baseline.getFileName().toString().replace(".json", ".models"));
    try (var files = Files.list(models)) {
      for (Path f : files.toList()) {
        Files.delete(f);
      }
    }
    Files.delete(models);
  }

  static String[] bench(String... args) {
    return with(new String[] {"bench"}, args);
  }

  @Test
  void helpListsTheOptionsAndExitCodes() {
    assertThat(run("bench", "--help")).isEqualTo(ExitCodes.OK);
    assertThat(out.toString()).contains("--max-regression-pct", "--save-baseline", "--compare", "--target-file",
        "--junit", "Exit codes:", "latency regression");
  }

  @Test
  void missingModelIsInvalidInput() {
    assertThat(run("bench", "--target", "host")).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(err.toString()).contains("Missing required parameter: 'MODEL'");
  }

  @Test
  void missingTargetIsInvalidInput() {
    assertThat(run("bench", fast.toString())).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(err.toString()).contains("missing option: --target ID or --target-file FILE");
  }

  @Test
  void jsonReportHasLatencyAndProvenance() throws Exception {
    assertThat(run(with(bench(fast.toString()), with(QUICK, "--json")))).isEqualTo(ExitCodes.OK);
    JsonNode r = JSON.readTree(out.toString());
    assertThat(r.path("schema").asText()).isEqualTo("nas.bench/v1");
    assertThat(r.path("target").asText()).isEqualTo("host");
    JsonNode lat = r.path("latency");
    assertThat(lat.path("p50Ms").asDouble()).isPositive();
    assertThat(lat.path("p50CiLowMs").asDouble()).isLessThanOrEqualTo(lat.path("p50Ms").asDouble());
    assertThat(lat.path("p90Ms").asDouble()).isGreaterThanOrEqualTo(lat.path("p50Ms").asDouble());
    assertThat(lat.path("measuredRuns").asInt()).isEqualTo(60);
    assertThat(lat.path("sessions").asInt()).isEqualTo(3);
    assertThat(lat.path("warmupRuns").asInt()).isEqualTo(5);
    JsonNode p = r.path("provenance");
    assertThat(p.path("onnxRuntimeVersion").asText()).isEqualTo("1.29.0");
    assertThat(p.path("executionProvider").asText()).isEqualTo("CPU");
    assertThat(p.path("threads").asInt()).isEqualTo(1);
    assertThat(p.path("cpuModel").asText()).isNotBlank();
    assertThat(p.path("javaVersion").asText()).isNotBlank();
    assertThat(p.path("nasVersion").asText()).isNotBlank();
  }

  @Test
  void aFolderGivesOneResultPerModel() throws Exception {
    assertThat(run(with(bench(dir.resolve("models").toString()), with(QUICK, "--json", "-q"))))
        .isEqualTo(ExitCodes.OK);
    JsonNode r = JSON.readTree(out.toString());
    assertThat(r.path("results")).hasSize(2);
    assertThat(r.path("results").get(0).path("model").asText()).endsWith("fast.onnx");
    assertThat(r.path("results").get(1).path("model").asText()).endsWith("slow.onnx");
  }

  @Test
  void aQuotedGlobIsExpanded() throws Exception {
    assertThat(run(with(bench(dir.resolve("models") + "/f*.onnx"), with(QUICK, "--json")))).isEqualTo(0);
    assertThat(JSON.readTree(out.toString()).path("model").asText()).endsWith("fast.onnx");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "missing.onnx | model file not found",
    "empty.onnx | the file is empty",
    "nomodels | directory with no *.onnx files",
    "truncated.onnx | truncated.onnx: ONNX Runtime cannot load it",
    "random.onnx | random.onnx: ONNX Runtime cannot load it",
    "dangling.onnx | dangling.onnx: ONNX Runtime cannot load it",
    "inchannels.onnx | inchannels.onnx: the dry run failed"})
  void badModelsAreInvalidInputWithOneLine(String file, String message) {
    long start = System.nanoTime();
    assertThat(run(with(bench(dir.resolve(file).toString()), QUICK))).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(err.toString()).contains(message).startsWith("nas: ").doesNotContain("\tat ");
    assertThat(err.toString().lines().count()).isLessThanOrEqualTo(2);
    assertThat(out.toString()).isEmpty();
    assertThat((System.nanoTime() - start) / 1e9).isLessThan(10);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "--runs=-1 | --runs must be >= 1, got -1",
    "--threads=0 | --threads must be >= 1, got 0",
    "--warmup=-2 | --warmup must be >= 0",
    "--shape=input=1x3xbad | expected NAME=DIMS",
    "--shape=input=1x3x16 | declares rank 4",
    "--shape=image=1x3x16x16 | no input named 'image'",
    "--max-regression-pct=-5 | --max-regression-pct must be",
    "--min-time=0 | --min-time must be"})
  void badOptionValuesAreInvalidInput(String option, String message) {
    assertThat(run("bench", fast.toString(), "--target", "host", option)).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(err.toString()).contains(message);
  }

  @Test
  void unknownTargetSuggestsTheClosestOne() {
    assertThat(run("bench", fast.toString(), "--target", "pixle")).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(err.toString()).contains("unknown target 'pixle'").contains("Did you mean 'pixel'?");
  }

  @Test
  void malformedTargetFileIsInvalidInput() {
    assertThat(run("bench", fast.toString(), "--target-file", dir.resolve("bad-target.json").toString()))
        .isEqualTo(ExitCodes.INVALID_INPUT);
    // TargetRegistry reports the missing warmupRuns (Jackson builds the record before it sees the unknown key).
    assertThat(err.toString()).contains("cannot read target file").contains("bad-target.json");
  }

  @Test
  void aTargetFileSetsTheRuns() throws Exception {
    Path profile = dir.resolve("quick-host.json");
    Files.writeString(profile, """
        {"id": "quick-host", "description": "host, few runs", "device": "DESKTOP", "executionProvider": "CPU",
         "measure": "ONNXRUNTIME", "threads": 1, "inputShape": [1, 3, 16, 16], "warmupRuns": 2, "measuredRuns": 12}
        """);
    assertThat(run("bench", fast.toString(), "--target-file", profile.toString(), "--sessions", "2", "--json"))
        .isEqualTo(ExitCodes.OK);
    JsonNode r = JSON.readTree(out.toString());
    assertThat(r.path("target").asText()).isEqualTo("quick-host");
    assertThat(r.path("latency").path("measuredRuns").asInt()).isEqualTo(12);
    assertThat(r.path("latency").path("warmupRuns").asInt()).isEqualTo(2);
  }

  @Test
  void cudaAndPixelAreUnavailableHere() {
    assertThat(run("bench", fast.toString(), "--target", "cuda")).isEqualTo(ExitCodes.TARGET_UNAVAILABLE);
    assertThat(err.toString()).contains("CUDA execution provider is not available");
    err.getBuffer().setLength(0);
    assertThat(run("bench", fast.toString(), "--target", "pixel")).isEqualTo(ExitCodes.TARGET_UNAVAILABLE);
    assertThat(err.toString().strip()).isEqualTo(
        "nas: pixel latency comes from a predictor or a phone over adb; neither is available in this version");
  }

  @Test
  void baselineRoundTripPassesTheSameModelAndFailsASlowerOne() throws Exception {
    Path base = dir.resolve("base.json");
    String[] gate = {"--target", "host", "--runs", "150", "--sessions", "5", "--warmup", "10"};
    assertThat(run(with(bench(fast.toString()), with(gate, "--save-baseline", base.toString(), "-q"))))
        .isEqualTo(ExitCodes.OK);
    JsonNode saved = JSON.readTree(base.toFile());
    assertThat(saved.path("schema").asText()).isEqualTo("nas.baseline/v1");
    JsonNode entry = saved.path("entries").get(0);
    assertThat(entry.path("sessionSamplesMs")).hasSize(5);
    assertThat(entry.path("modelSha256").asText()).hasSize(64);
    assertThat(entry.path("onnxRuntimeVersion").asText()).isEqualTo("1.29.0");
    assertThat(entry.path("target").path("id").asText()).isEqualTo("host");
    assertThat(entry.path("calibrationSamplesMs")).hasSize(5);
    assertThat(entry.path("supportedRegressionPct").asDouble()).isPositive();
    // --save-baseline keeps a copy of the model for paired gates; without it the gate divides out the calibration
    Path copy = dir.resolve("base.models/fast.onnx");
    assertThat(copy).hasSameBinaryContentAs(fast);
    deleteStoredModels(base);

    // Rationale: the same model vs its own baseline is far from a 25% allowance, so this cannot flake.
    out.getBuffer().setLength(0);
    // Rationale: OK needs the upper bound below 25%; the calibration path may instead say INCONCLUSIVE when other
    // processes changed the machine's speed by more than 10% since the baseline run, or when a noisy machine leaves
    // the interval straddling the allowance after every round (seen once in CI on 2 cores); never REGRESSION.
    int sameCode = run(with(bench(fast.toString()), with(gate, "--baseline", base.toString(),
        "--max-regression-pct", "25", "--json")));
    JsonNode same = JSON.readTree(out.toString());
    if (sameCode == ExitCodes.INCONCLUSIVE) {
      JsonNode t = same.path("regressionTest");
      if (t.has("reason")) {
        assertThat(t.path("reason").asText()).contains("calibration model");
      } else {
        assertThat(t.path("slowdownCiLowPct").asDouble()).isLessThanOrEqualTo(25.0);
        assertThat(t.path("slowdownCiHighPct").asDouble()).isGreaterThanOrEqualTo(25.0);
      }
    } else {
      assertThat(sameCode).isEqualTo(ExitCodes.OK);
      assertThat(same.path("verdict").asText()).isEqualTo("OK");
    }
    assertThat(same.path("regressed").asBoolean()).isFalse();
    assertThat(same.path("baseline").path("p50Ms").asDouble()).isPositive();
    assertThat(same.path("regressionTest").path("calibrated").asBoolean()).isTrue();
    assertThat(same.path("calibration").path("p50Ms").asDouble()).isPositive();

    // The slow model does ~4x the work: against the fast model's samples it must fail the 5% gate.
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    Path junit = dir.resolve("report.xml");
    assertThat(run(with(bench(slow.toString()), with(gate, "--baseline", base.toString(),
        "--max-regression-pct", "5", "--junit", junit.toString())))).isEqualTo(ExitCodes.REGRESSION);
    assertThat(out.toString()).contains("REGRESSION:", "baseline p50", "current p50",
        "welch-t-log-calibrated-session-medians",
        "p = ");
    assertThat(err.toString()).contains("warning: model SHA-256 differs from baseline");
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile());
    assertThat(doc.getElementsByTagName("testcase").getLength()).isEqualTo(1);
    Element failure = (Element) doc.getElementsByTagName("failure").item(0);
    assertThat(failure).isNotNull();
    assertThat(failure.getAttribute("message")).contains("REGRESSION").contains("allowed 5%");
    assertThat(failure.getTextContent()).contains("baseline p50");
  }

  @Test
  void aBaselineOfSeveralModelsMatchesEntriesByFileName() throws Exception {
    Path base = dir.resolve("multi-base.json");
    String models = dir.resolve("models").toString();
    assertThat(run(with(bench(models), with(QUICK, "--save-baseline", base.toString(), "-q"))))
        .isEqualTo(ExitCodes.OK);
    assertThat(JSON.readTree(base.toFile()).path("entries")).hasSize(2);
    // Rationale: each model against its own entry, with a 25% allowance: no regression. Matching by position or
    // the wrong entry would compare slow with fast (~4x) and exit 3.
    out.getBuffer().setLength(0);
    assertThat(run(with(bench(models), with(QUICK, "--baseline", base.toString(), "--max-regression-pct", "25",
        "--json", "-q")))).isEqualTo(ExitCodes.OK);
    JsonNode results = JSON.readTree(out.toString()).path("results");
    assertThat(results).hasSize(2);
    assertThat(results.get(1).path("baseline").path("model").asText()).isEqualTo("slow.onnx");
    // a model the baseline does not know is invalid input
    Path other = OnnxModels.write(dir.resolve("other/other.onnx"), OnnxModels.convNet(8, 1, 8, 2));
    err.getBuffer().setLength(0);
    assertThat(run(with(bench(other.toString()), with(QUICK, "--baseline", base.toString()))))
        .isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(err.toString()).contains("has no entry for other.onnx").contains("fast.onnx, slow.onnx");
  }

  @Test
  void noCalibrateTestsRawLatencies() throws Exception {
    Path base = dir.resolve("raw-base.json");
    assertThat(run(with(bench(fast.toString()), with(QUICK, "--save-baseline", base.toString(), "--no-calibrate"))))
        .isEqualTo(ExitCodes.OK);
    deleteStoredModels(base);
    out.getBuffer().setLength(0);
    assertThat(run(with(bench(slow.toString()), with(QUICK, "--baseline", base.toString(), "--json"))))
        .isEqualTo(ExitCodes.REGRESSION);
    JsonNode r = JSON.readTree(out.toString());
    assertThat(r.path("regressionTest").path("calibrated").asBoolean()).isFalse();
    assertThat(r.path("regressionTest").path("test").asText()).isEqualTo("welch-t-log-session-medians");
    assertThat(r.path("regressed").asBoolean()).isTrue();
    assertThat(err.toString()).contains("has no samples of this calibration model");
  }

  @Test
  void corruptOrMissingBaselineIsInvalidInput() throws Exception {
    Path corrupt = Files.writeString(dir.resolve("corrupt.json"), "{\"schema\": \"nas.baseline/v1\", \"entries\": [");
    assertThat(run(with(bench(fast.toString()), with(QUICK, "--baseline", corrupt.toString()))))
        .isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(err.toString()).contains("cannot read baseline file").contains("corrupt.json");
    err.getBuffer().setLength(0);
    assertThat(run(with(bench(fast.toString()), with(QUICK, "--baseline", dir.resolve("none.json").toString()))))
        .isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(err.toString()).contains("baseline file not found");
  }

  @Test
  void compareReportsBothModelsAndTheRatio() throws Exception {
    assertThat(run(with(bench(slow.toString(), "--compare", fast.toString()), with(QUICK, "--json"))))
        .isEqualTo(ExitCodes.OK);
    JsonNode r = JSON.readTree(out.toString());
    assertThat(r.path("results")).hasSize(2);
    JsonNode c = r.path("comparison");
    // Rationale: slow does about 4x the conv work; the interleaved ratio must clearly exceed 1.5.
    assertThat(c.path("ratio").asDouble()).isGreaterThan(1.5);
    assertThat(c.path("ratioCiLow").asDouble()).isLessThanOrEqualTo(c.path("ratio").asDouble());
    assertThat(c.path("method").asText()).isEqualTo("paired-t-log-session-medians");
  }

  @Test
  void theStoredBaselineModelIsTimedAlongsideAndPaired() throws Exception {
    Path base = dir.resolve("paired/base.json");
    Files.createDirectories(base.getParent());
    String[] gate = {"--target", "host", "--runs", "100", "--sessions", "5", "--warmup", "5"};
    assertThat(run(with(bench(fast.toString()), with(gate, "--save-baseline", base.toString(), "-q"))))
        .isEqualTo(ExitCodes.OK);
    // Rationale: slow does ~4x the work of the stored fast.onnx, timed interleaved in the same sessions.
    out.getBuffer().setLength(0);
    assertThat(run(with(bench(slow.toString()), with(gate, "--baseline", base.toString(), "--json"))))
        .isEqualTo(ExitCodes.REGRESSION);
    JsonNode r = JSON.readTree(out.toString());
    assertThat(r.path("verdict").asText()).isEqualTo("REGRESSION");
    assertThat(r.path("regressionTest").path("test").asText())
        .isEqualTo("paired-t-log-session-medians-vs-baseline-model");
    assertThat(r.path("gate").path("baselineModel").asText()).endsWith("fast.onnx");
    assertThat(r.path("gate").path("rounds").asInt()).isEqualTo(1);
    assertThat(r.path("regressionTest").path("slowdownPct").asDouble()).isGreaterThan(50);
    // an explicit --baseline-model must be the recorded model
    err.getBuffer().setLength(0);
    assertThat(run(with(bench(slow.toString()), with(gate, "--baseline", base.toString(), "--baseline-model",
        slow.toString())))).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(err.toString()).contains("--baseline-model").contains("is not the model");
  }

  @Test
  void aMachineFarFromTheBaselinesIsInconclusiveAndJUnitSaysSoAsAskedFor() throws Exception {
    Path base = dir.resolve("drift/base.json");
    Files.createDirectories(base.getParent());
    assertThat(run(with(bench(fast.toString()), with(QUICK, "--save-baseline", base.toString(), "-q"))))
        .isEqualTo(ExitCodes.OK);
    deleteStoredModels(base);
    // pretend the baseline was recorded on a machine twice as fast: calibration cannot be trusted that far
    com.fasterxml.jackson.databind.node.ObjectNode doc = (com.fasterxml.jackson.databind.node.ObjectNode)
        JSON.readTree(base.toFile());
    JsonNode entry = doc.path("entries").get(0);
    for (String field : new String[] {"sessionSamplesMs", "calibrationSamplesMs"}) {
      for (JsonNode session : entry.path(field)) {
        com.fasterxml.jackson.databind.node.ArrayNode a = (com.fasterxml.jackson.databind.node.ArrayNode) session;
        for (int i = 0; i < a.size(); i++) {
          a.set(i, a.get(i).asDouble() / 2);
        }
      }
    }
    JSON.writeValue(base.toFile(), doc);
    Path junit = dir.resolve("drift/junit.xml");
    out.getBuffer().setLength(0);
    assertThat(run(with(bench(fast.toString()), with(QUICK, "--baseline", base.toString(), "--junit",
        junit.toString())))).isEqualTo(ExitCodes.INCONCLUSIVE);
    assertThat(out.toString()).contains("INCONCLUSIVE:", "the smallest slowdown this measurement could flag",
        "calibration model");
    Document doc1 = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile());
    assertThat(doc1.getElementsByTagName("error").getLength()).isEqualTo(1);
    out.getBuffer().setLength(0);
    assertThat(run(with(bench(fast.toString()), with(QUICK, "--baseline", base.toString(), "--junit",
        junit.toString(), "--junit-inconclusive", "skip", "--markdown")))).isEqualTo(ExitCodes.INCONCLUSIVE);
    Document doc2 = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile());
    assertThat(doc2.getElementsByTagName("skipped").getLength()).isEqualTo(1);
    assertThat(doc2.getDocumentElement().getAttribute("skipped")).isEqualTo("1");
    assertThat(out.toString()).startsWith("#### nas bench").contains("| `fast.onnx` |", "_INCONCLUSIVE_");
  }

  @Test
  void badGateBudgetsAreInvalidInput() {
    assertThat(run(with(bench(fast.toString()), with(QUICK, "--max-seconds", "-1"))))
        .isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(err.toString()).contains("--max-seconds must be in (0, 86400], got -1.0");
    err.getBuffer().setLength(0);
    assertThat(run(with(bench(fast.toString()), with(QUICK, "--baseline-model", fast.toString()))))
        .isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(err.toString()).contains("--baseline-model needs --baseline");
  }
}
