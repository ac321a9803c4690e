package org.nas4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchCommandTest {
  static final String TABLE = table();

  private static String table() {
    Path p = Path.of(System.getProperty("nas.shared.dir", "/work/shared"), "benchmarks", "nb201.csv").normalize();
    return (Files.exists(p) ? p : Path.of("/work/shared/benchmarks/nb201.csv")).toString();
  }
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path tmp;

  static String[] tabular(Path out, String... extra) {
    List<String> a = new ArrayList<>(List.of("-q", "search", "--space", "nb201", "--table", TABLE,
        "--accuracy-column", "cifar10_test_acc", "--latency-column", "hw_c10_pixel3_latency_ms",
        "--out", out.toString()));
    a.addAll(List.of(extra));
    return a.toArray(new String[0]);
  }

  @Test
  void searchHelpDescribesOptionsAndExample() {
    CliHarness h = CliHarness.run("search", "--help");
    assertThat(h.code).isZero();
    assertThat(h.out()).contains("--table").contains("--resume").contains("--max-latency-ms")
        .contains("Example:").doesNotContain("--eval-delay-ms");
  }

  @Test
  void showHelpDescribesTheDirectory() {
    CliHarness h = CliHarness.run("show", "--help");
    assertThat(h.code).isZero();
    assertThat(h.out()).contains("DIR").contains("--json");
  }

  @Test
  void showWithoutDirectoryIsInvalidInput() {
    assertInvalid(CliHarness.run("show"), "DIR");
  }

  @Test
  void tabularSearchWritesTheFrontThenShowReportsIt() throws Exception {
    Path out = tmp.resolve("run");
    CliHarness h = CliHarness.run(tabular(out, "--evaluations", "80", "--seed", "3", "--objectives",
        "error,latency", "--max-latency-ms", "6"));
    assertThat(h.code).as(h.err()).isZero();
    assertThat(h.out()).contains("ARCH_ID").contains("accuracy%").contains("latencyMs.pixel3")
        .contains("80 architectures evaluated");
    JsonNode pareto = JSON.readTree(out.resolve("pareto.json").toFile());
    assertThat(pareto.path("members").size()).isPositive();
    for (JsonNode m : pareto.path("members")) {
      assertThat(m.path("objectives").path("latencyMs.pixel3").asDouble()).isLessThanOrEqualTo(6.0);
    }
    for (String png : List.of("pareto.png", "convergence.png")) {
      BufferedImage img = ImageIO.read(out.resolve(png).toFile());
      assertThat(img).isNotNull();
      assertThat(img.getHeight()).isPositive();
    }
    CliHarness show = CliHarness.run("show", out.toString());
    assertThat(show.code).isZero();
    assertThat(show.out()).contains("finished").contains("80/80 evaluations").contains("ARCH_ID");
    CliHarness json = CliHarness.run("show", out.toString(), "--json");
    assertThat(json.code).isZero();
    JsonNode s = JSON.readTree(json.out());
    assertThat(s.path("schema").asText()).isEqualTo("nas.show/v1");
    assertThat(s.path("state").asText()).isEqualTo("finished");
    assertThat(s.path("front").size()).isEqualTo(pareto.path("members").size());
  }

  @Test
  void jsonFormatPrintsParetoJsonOnStdout() throws Exception {
    Path out = tmp.resolve("j");
    CliHarness h = CliHarness.run(tabular(out, "--evaluations", "30", "--seed", "1", "--format", "json"));
    assertThat(h.code).as(h.err()).isZero();
    assertThat(JSON.readTree(h.out()).path("schema").asText()).isEqualTo("nas.pareto/v1");
  }

  @Test
  void sameSeedSameCandidatesAndFront() throws Exception {
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    assertThat(CliHarness.run(tabular(a, "--evaluations", "50", "--seed", "9")).code).isZero();
    assertThat(CliHarness.run(tabular(b, "--evaluations", "50", "--seed", "9")).code).isZero();
    assertThat(RunCompare.maskedCandidates(a)).isEqualTo(RunCompare.maskedCandidates(b));
    assertThat(Files.readString(a.resolve("pareto.json"))).isEqualTo(Files.readString(b.resolve("pareto.json")));
  }

  @Test
  void randomStrategySamplesDistinctArchitecturesReproduciblyAndResumes() throws Exception {
    Path a = tmp.resolve("random-a");
    Path b = tmp.resolve("random-b");
    Path n = tmp.resolve("nsga");
    assertThat(CliHarness.run(tabular(a, "--evaluations", "60", "--seed", "4", "--strategy", "random")).code)
        .isZero();
    assertThat(CliHarness.run(tabular(b, "--evaluations", "60", "--seed", "4", "--strategy", "random")).code)
        .isZero();
    assertThat(CliHarness.run(tabular(n, "--evaluations", "60", "--seed", "4")).code).isZero();
    List<String> ids = new ArrayList<>();
    for (String line : Files.readAllLines(a.resolve("candidates.jsonl"))) {
      ids.add(new com.fasterxml.jackson.databind.ObjectMapper().readTree(line).get("archId").asText());
    }
    assertThat(ids).hasSize(60).doesNotHaveDuplicates();
    assertThat(RunCompare.maskedCandidates(a)).isEqualTo(RunCompare.maskedCandidates(b));
    assertThat(RunCompare.maskedCandidates(a)).isNotEqualTo(RunCompare.maskedCandidates(n));
    assertThat(Files.readString(a.resolve("run.json"))).contains("\"strategy\" : \"random\"");
    // The same run continued from its first 30 evaluations ends the same (the strategy comes from run.json).
    Path r = tmp.resolve("random-r");
    assertThat(CliHarness.run(tabular(r, "--evaluations", "30", "--seed", "4", "--strategy", "random")).code)
        .isZero();
    com.fasterxml.jackson.databind.node.ObjectNode run = (com.fasterxml.jackson.databind.node.ObjectNode)
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.resolve("run.json").toFile());
    ((com.fasterxml.jackson.databind.node.ObjectNode) run.get("request")).put("evaluations", 60);
    run.put("status", "running");
    Files.writeString(r.resolve("run.json"), run.toPrettyString());
    Files.delete(r.resolve("pareto.json"));
    CliHarness resumed = CliHarness.run("-q", "search", "--resume", r.toString());
    assertThat(resumed.code).as(resumed.err()).isZero();
    assertThat(RunCompare.maskedCandidates(r)).isEqualTo(RunCompare.maskedCandidates(a));
  }

  @Test
  void unknownStrategyAndNegativeFinalMembersAreInvalidInput() {
    Path out = tmp.resolve("bad-strategy");
    assertInvalid(CliHarness.run(tabular(out, "--strategy", "annealing", "--seed", "1")),
        "unknown --strategy 'annealing'; known: nsga2, random");
    assertThat(out).doesNotExist();
    Path t = tmp.resolve("bad-final");
    assertInvalid(CliHarness.run("search", "--final-members", "-1", "--seed", "1", "--out", t.toString()),
        "--final-members must be >= 0");
    assertThat(t).doesNotExist();
    Path u = tmp.resolve("bad-signal");
    assertInvalid(CliHarness.run("search", "--accuracy-signal", "synflow", "--seed", "1", "--out", u.toString()),
        "unknown accuracy signal 'synflow'; known: proxy, proxy+naswot");
    assertThat(u).doesNotExist();
    assertInvalid(CliHarness.run(tabular(u, "--accuracy-signal", "proxy+naswot", "--seed", "1")),
        "--accuracy-signal needs training mode");
    assertThat(u).doesNotExist();
  }

  private void assertInvalid(CliHarness h, String fragment) {
    assertThat(h.code).as(h.err()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(h.err()).startsWith("nas: ").contains(fragment);
    assertThat(h.err().lines().filter(l -> !l.startsWith("Try ")).count()).isEqualTo(1);
    assertThat(h.out()).isEmpty();
  }

  @Test
  void missingTableIsInvalidInput() {
    CliHarness h = CliHarness.run("search", "--table", tmp.resolve("nope.csv").toString(), "--accuracy-column",
        "a", "--latency-column", "l", "--out", tmp.resolve("x").toString());
    assertInvalid(h, "nope.csv");
  }

  @Test
  void unknownColumnNamesTheKnownOnes() {
    // Without --seed: the drawn seed is announced only once the request is valid, so the error stays one line.
    CliHarness h = CliHarness.run("search", "--table", TABLE, "--accuracy-column", "cifar10_acc",
        "--latency-column", "hw_c10_pixel3_latency_ms", "--out", tmp.resolve("x").toString());
    assertInvalid(h, "unknown column 'cifar10_acc'");
    assertThat(h.err()).contains("cifar10_test_acc");
    assertThat(Files.exists(tmp.resolve("x"))).isFalse();
  }

  @Test
  void badObjectiveIsInvalidInput() {
    assertInvalid(CliHarness.run(tabular(tmp.resolve("x"), "--objectives", "error,energy", "--seed", "1")),
        "unknown objective 'energy'");
  }

  @Test
  void badTimeIsInvalidInput() {
    assertInvalid(CliHarness.run(tabular(tmp.resolve("x"), "--time", "20 minutes", "--seed", "1")),
        "bad --time '20 minutes'");
  }

  @Test
  void negativeEvaluationsIsInvalidInput() {
    assertInvalid(CliHarness.run(tabular(tmp.resolve("x"), "--evaluations", "-5", "--seed", "1")),
        "--evaluations must be >= 1");
  }

  @Test
  void nonPositiveJobsIsInvalidInput() {
    assertInvalid(CliHarness.run(tabular(tmp.resolve("x"), "--jobs", "0", "--seed", "1")), "--jobs must be >= 1");
    assertThat(tmp.resolve("x")).doesNotExist();
  }

  @Test
  void resumeOfADirectoryThatIsNotARunIsInvalidInput() {
    assertInvalid(CliHarness.run("search", "--resume", tmp.toString()), "not a run directory");
  }

  @Test
  void lockedRunDirectoryExitsTwoWithOneLine() throws Exception {
    Path dir = tmp.resolve("locked");
    Files.createDirectories(dir);
    try (FileChannel ch = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE); var lock = ch.lock()) {
      assertInvalid(CliHarness.run(tabular(dir, "--evaluations", "20", "--seed", "1")), "is locked by another");
    }
  }

  @Test
  void trainingModeOnCudaWithoutTheGpuBuildIsUnavailable() {
    CliHarness h = CliHarness.run("search", "--target", "cuda", "--seed", "1", "--out", tmp.resolve("t").toString());
    assertThat(h.code).isEqualTo(ExitCodes.TARGET_UNAVAILABLE);
    assertThat(h.err()).contains("CUDA");
  }

  @Test
  void trainingModeWithAnUnknownTargetIsInvalidInput() {
    CliHarness h = CliHarness.run("search", "--target", "pixle", "--out", tmp.resolve("u").toString());
    assertInvalid(h, "Did you mean 'pixel'?");
    assertThat(Files.exists(tmp.resolve("u"))).isFalse();
  }

  @Test
  void aDrawnSeedIsAnnouncedOnceAndRecorded() throws Exception {
    Path dir = tmp.resolve("drawn");
    CliHarness h = CliHarness.run(tabular(dir, "--evaluations", "30"));
    assertThat(h.code).as(h.err()).isZero();
    List<String> announced = h.err().lines().filter(l -> l.startsWith("nas: seed ")).toList();
    assertThat(announced).hasSize(1);
    long seed = JSON.readTree(dir.resolve("run.json").toFile()).at("/request/seed").asLong();
    assertThat(announced.get(0)).isEqualTo("nas: seed " + seed + " (pass --seed " + seed + " to repeat this run)");
  }
}
