package org.nas4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nas4j.profiler.flops.ModelProfiler;

/**
 * Training mode end to end, kept tiny: real DL4J training on real Fashion-MNIST images, the Pixel predictor, ONNX
 * Runtime measurement on the host, and the final stage: representative members retrained, tested and exported as
 * verified ONNX files, the others left as candidates and one of them trained later with {@code nas train --member}.
 */
class SearchTrainingIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void trainingSearchTrainsMeasuresAndExportsTheFront() throws Exception {
    Path out = dir.resolve("run");
    // --out relative to the working directory, as the default run directory (runs/DATE) is
    Path relativeOut = Path.of("").toAbsolutePath().relativize(out);
    CliHarness h = CliHarness.run("search", "--space", "darts", "--target", "pixel,host", "--cells", "2",
        "--channels", "4", "--epochs", "1", "--train-images", "256", "--final-epochs", "1",
        "--final-train-images", "256", "--final-members", "2", "--evaluations", "6", "--population", "3",
        "--seed", "2", "--jobs", "2", "--out", relativeOut.toString(), "--format", "json",
        // Five objectives (host latency is measured, so it varies between runs) keep a front of several members
        // among six candidates, which the final stage's selection needs.
        "--objectives", "error,latency,macs,params");
    assertThat(h.code).as(h.err()).isZero();
    JsonNode pareto = JSON.readTree(h.out());
    assertThat(pareto.get("objectives").toString()).contains("latencyMs.pixel").contains("latencyMs.host");
    List<String> lines = Files.readAllLines(out.resolve("candidates.jsonl"));
    assertThat(lines).hasSize(6);
    for (String line : lines) {
      JsonNode c = JSON.readTree(line);
      assertThat(c.get("status").asText()).as(line).isEqualTo("OK");
      assertThat(c.at("/latencySources/latencyMs.pixel").asText()).startsWith("predicted:");
      assertThat(c.at("/latencySources/latencyMs.host").asText()).startsWith("measured:");
      // Rationale: validation error of any trained network lies in [0, 1]; 10 classes give 0.9 by chance.
      assertThat(c.at("/objectives/error").asDouble()).isBetween(0.0, 1.0);
      assertThat(c.at("/objectives/latencyMs.host").asDouble()).isPositive();
    }
    JsonNode members = pareto.get("members");
    assertThat(members.size()).as("a front to choose from").isGreaterThanOrEqualTo(3);
    // The final stage trains 2 representative members with one budget; the others stay candidates.
    JsonNode stage = pareto.get("finalStage");
    assertThat(stage.get("requestedMembers").asInt()).isEqualTo(2);
    assertThat(stage.get("trainedMembers").asInt()).isEqualTo(2);
    assertThat(stage.get("imagesPerEpoch").asInt()).isEqualTo(256);
    assertThat(stage.get("proxyBudget").asText()).startsWith("256 training images");
    List<String> trained = new java.util.ArrayList<>();
    String candidate = null;
    for (JsonNode m : members) {
      JsonNode export = m.get("export");
      if (export.get("fidelity").asText().equals("trained")) {
        trained.add(m.get("archId").asText());
        assertThat(export.get("status").asText()).isEqualTo("OK");
        assertThat(export.get("finalTrainImages").asInt()).isEqualTo(256);
        assertThat(export.get("selection").asText()).isIn("fastest", "most accurate", "knee", "spread");
        assertThat(export.get("validationAccuracy").asDouble()).isBetween(0.0, 1.0);
        assertThat(export.get("testAccuracy").asDouble()).isBetween(0.0, 1.0);
        assertThat(export.get("onTrainedFront").isBoolean()).isTrue();
        Path onnx = out.resolve(export.get("onnx").asText());
        // The exported file is the network whose objectives were reported: nas profile agrees on the MACs.
        assertThat(ModelProfiler.profile(onnx, java.util.Map.of()).macs()).isEqualTo(m.at("/objectives/macs").asLong());
        assertThat(out.resolve("final").resolve(m.get("archId").asText().substring(0, 12) + ".json")).exists();
      } else {
        assertThat(export.get("fidelity").asText()).isEqualTo("proxy");
        // Test accuracy is measured for trained members only, and candidates are not exported.
        assertThat(export.has("testAccuracy")).isFalse();
        assertThat(export.has("onnx")).isFalse();
        candidate = m.get("archId").asText();
      }
    }
    assertThat(trained).hasSize(2);
    // The fastest member of the search's front is always trained.
    String fastest = null;
    double best = Double.MAX_VALUE;
    for (JsonNode m : members) {
      if (m.at("/objectives/latencyMs.pixel").asDouble() < best) {
        best = m.at("/objectives/latencyMs.pixel").asDouble();
        fastest = m.get("archId").asText();
      }
    }
    assertThat(trained).contains(fastest);
    assertThat(stage.get("front").size()).isBetween(1, 2);
    stage.get("front").forEach(id -> assertThat(trained).contains(id.asText()));
    assertThat(JSON.readTree(out.resolve("final/plan.json").toFile()).get("members")).hasSize(2);
    // The front table lists the trained members with validation and test accuracy, the others as candidates.
    CliHarness show = CliHarness.run("show", out.toString());
    assertThat(show.code).as(show.err()).isZero();
    assertThat(show.out()).contains("Trained members (2 of 2 requested").contains("test acc.%")
        .contains("Candidates (not trained further; accuracy is the search's proxy: 256 training images");
    JsonNode first = members.get(0).at("/export/fidelity").asText().equals("trained") ? members.get(0)
        : members.get(1).at("/export/fidelity").asText().equals("trained") ? members.get(1) : members.get(2);
    String row = show.out().lines().filter(l -> l.startsWith(first.get("archId").asText().substring(0, 12)))
        .findFirst().orElseThrow();
    assertThat(row).contains(String.format(java.util.Locale.ROOT, "%.2f",
        100 * first.at("/export/testAccuracy").asDouble()));

    CliHarness showJson = CliHarness.run("show", out.toString(), "--json");
    assertThat(showJson.code).as(showJson.err()).isZero();
    int trainedInShow = 0;
    for (JsonNode m : JSON.readTree(showJson.out()).get("front")) {
      if (m.get("fidelity").asText().equals("trained")) {
        trainedInShow++;
        assertThat(m.get("testAccuracy").asDouble()).isBetween(0.0, 1.0);
      } else {
        assertThat(m.get("fidelity").asText()).isEqualTo("proxy");
        assertThat(m.has("testAccuracy")).isFalse();
      }
    }
    assertThat(trainedInShow).isEqualTo(2);

    // A candidate trained later with the same recipe joins the trained members.
    byte[] before = Files.readAllBytes(out.resolve("pareto.json"));
    byte[] pngBefore = Files.readAllBytes(out.resolve("pareto.png"));
    CliHarness unknown = CliHarness.run("train", out.toString(), "--member", "zzzzzzzz");
    assertThat(unknown.code).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(unknown.err()).contains("--member zzzzzzzz: no member").doesNotContain("Exception");
    assertThat(Files.readAllBytes(out.resolve("pareto.json"))).isEqualTo(before);
    CliHarness t = CliHarness.run("train", out.toString(), "--member", candidate.substring(0, 8), "--format",
        "json");
    assertThat(t.code).as(t.err()).isZero();
    JsonNode after = JSON.readTree(out.resolve("pareto.json").toFile());
    assertThat(after.at("/finalStage/trainedMembers").asInt()).isEqualTo(3);
    for (JsonNode m : after.get("members")) {
      if (m.get("archId").asText().equals(candidate)) {
        assertThat(m.at("/export/fidelity").asText()).isEqualTo("trained");
        assertThat(m.at("/export/finalTrainImages").asInt()).isEqualTo(256);
        assertThat(m.at("/export/selection").asText()).isEqualTo("nas train --member");
        assertThat(out.resolve(m.at("/export/onnx").asText())).exists();
      }
    }
    assertThat(JSON.readTree(t.out()).get("alreadyTrained").asBoolean()).isFalse();
    assertThat(CliHarness.run("show", out.toString()).out())
        .contains("Trained members (3: 2 of 2 requested by the final stage, 1 with nas train --member;");
    // pareto.png and report.html show the new trained front (the chart's title counts 3 trained members now).
    assertThat(Files.readAllBytes(out.resolve("pareto.png"))).isNotEqualTo(pngBefore);
    double test = JSON.readTree(t.out()).at("/export/testAccuracy").asDouble();
    assertThat(Files.readString(out.resolve("report.html")))
        .contains(String.format(java.util.Locale.ROOT, "%.2f", 100 * test));

    // The recipe is the run's: recipe options are refused, and so is other data for a member trained already.
    byte[] afterTraining = Files.readAllBytes(out.resolve("pareto.json"));
    CliHarness recipe = CliHarness.run("train", out.toString(), "--member", candidate, "--train-images", "64");
    assertThat(recipe.code).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(recipe.err()).contains("--train-images does not apply to nas train DIR --member")
        .doesNotContain("Exception");
    CliHarness other = CliHarness.run("train", out.toString(), "--member", candidate, "--dataset",
        "fashion-mnist:embedded");
    assertThat(other.code).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(other.err()).contains("was trained already, on the run's own data").doesNotContain("Exception");
    assertThat(Files.readAllBytes(out.resolve("pareto.json"))).isEqualTo(afterTraining);
    CliHarness again = CliHarness.run("train", out.toString(), "--member", candidate, "--format", "json");
    assertThat(again.code).as(again.err()).isZero();
    assertThat(JSON.readTree(again.out()).get("alreadyTrained").asBoolean()).isTrue();
  }

  @Test
  void trainingCandidatesOnSeveralThreadsGivesTheSameRunAsOneAtATime() throws Exception {
    String[] args = {"search", "--space", "darts", "--target", "pixel", "--cells", "2", "--channels", "4", "--epochs",
      "1", "--train-images", "128", "--final-train-images", "64", "--final-members", "0", "--evaluations",
      "6", "--population", "3", "--seed", "5", "-q", "--out"};
    Path one = dir.resolve("one");
    Path two = dir.resolve("two");
    CliHarness a = CliHarness.run(with(args, one.toString(), "--jobs", "1"));
    assertThat(a.code).as(a.err()).isZero();
    CliHarness b = CliHarness.run(with(args, two.toString(), "--jobs", "2"));
    assertThat(b.code).as(b.err()).isZero();
    // The same validation errors, logged in the same order: results are consumed in generation order, not in the
    // order the workers finish (the weights themselves: TrainingEvaluatorConcurrencyTest).
    assertThat(RunCompare.maskedCandidates(two)).hasSize(6).isEqualTo(RunCompare.maskedCandidates(one));
    assertThat(JSON.readTree(two.resolve("run.json").toFile()).at("/provenance/evaluator/jobs").asInt()).isEqualTo(2);
  }

  @Test
  void proxyNaswotSignalRanksBySignalErrorJudgesTrainedMembersOnErrorAndResumes() throws Exception {
    Path out = dir.resolve("blended");
    String[] args = {"search", "--space", "darts", "--target", "pixel", "--cells", "2", "--channels", "4", "--epochs",
      "1", "--train-images", "128", "--final-train-images", "64", "--final-members", "2", "--evaluations", "6",
      "--population", "3", "--seed", "5", "--jobs", "1", "-q", "--accuracy-signal", "proxy+naswot", "--out"};
    CliHarness h = CliHarness.run(with(args, out.toString()));
    assertThat(h.code).as(h.err()).isZero();
    JsonNode run = JSON.readTree(out.resolve("run.json").toFile());
    assertThat(run.at("/request/training/accuracySignal").asText()).isEqualTo("proxy+naswot");
    assertThat(run.at("/settings/objectives/0").asText()).isEqualTo("signalError");
    JsonNode blend = run.at("/settings/signalBlend");
    assertThat(blend.get("fittedOn").asText()).startsWith("3 successful evaluations of the initial population");
    // The constants are the initial population's: recompute them from candidates.jsonl.
    List<JsonNode> cands = new java.util.ArrayList<>();
    for (String line : Files.readAllLines(out.resolve("candidates.jsonl"))) {
      cands.add(JSON.readTree(line));
    }
    assertThat(cands).hasSize(6);
    double[] err = new double[3];
    double[] nw = new double[3];
    for (int i = 0; i < 3; i++) {
      err[i] = cands.get(i).at("/objectives/error").asDouble();
      nw[i] = cands.get(i).at("/objectives/naswot").asDouble();
    }
    double me = mean(err);
    double se = sd(err);
    double mn = mean(nw);
    double sn = sd(nw);
    assertThat(blend.get("meanError").asDouble()).isCloseTo(me, org.assertj.core.api.Assertions.within(1e-12));
    assertThat(blend.get("sdScore").asDouble()).isCloseTo(sn, org.assertj.core.api.Assertions.within(1e-9));
    assertThat(sn).isPositive();
    for (JsonNode c : cands) {
      double z = Math.max(-3, Math.min(3, (c.at("/objectives/naswot").asDouble() - mn) / sn));
      double ze = se > 0 ? (c.at("/objectives/error").asDouble() - me) / se : 0;
      double expected = (ze - z) / 2;
      assertThat(c.at("/objectives/signalError").asDouble()).as(c.toString())
          .isCloseTo(expected, org.assertj.core.api.Assertions.within(1e-9));
    }
    JsonNode pareto = JSON.readTree(out.resolve("pareto.json").toFile());
    assertThat(pareto.get("objectives").get(0).asText()).isEqualTo("signalError");
    assertThat(pareto.at("/finalStage/trainedMembers").asInt()).isEqualTo(2);
    // Trained members are judged on their final validation error: with two of them, the one with the lower
    // validation accuracy stays on the trained front only if it is faster.
    List<JsonNode> trained = new java.util.ArrayList<>();
    pareto.get("members").forEach(m -> {
      if (m.at("/export/validationAccuracy").isNumber()) {
        trained.add(m);
      }
    });
    assertThat(trained).hasSize(2);
    // A trained member is on the trained front unless the other beats it on final validation accuracy (not on the
    // search's signal), latency and MACs.
    for (int i = 0; i < 2; i++) {
      JsonNode m = trained.get(i);
      JsonNode o = trained.get(1 - i);
      boolean beaten = o.at("/export/validationAccuracy").asDouble() >= m.at("/export/validationAccuracy").asDouble()
          && o.at("/objectives/latencyMs.pixel").asDouble() <= m.at("/objectives/latencyMs.pixel").asDouble()
          && o.at("/objectives/macs").asDouble() <= m.at("/objectives/macs").asDouble()
          && !(o.at("/export/validationAccuracy").asDouble() == m.at("/export/validationAccuracy").asDouble()
              && o.at("/objectives/latencyMs.pixel").asDouble() == m.at("/objectives/latencyMs.pixel").asDouble()
              && o.at("/objectives/macs").asDouble() == m.at("/objectives/macs").asDouble());
      assertThat(m.at("/export/onTrainedFront").asBoolean()).as(m.get("archId").asText()).isEqualTo(!beaten);
    }

    // Killed inside the initial population (two of its three evaluations recorded): resumes to the same candidates.
    Path part = dir.resolve("blended-part");
    Files.createDirectories(part);
    Files.copy(out.resolve("run.json"), part.resolve("run.json"));
    Files.write(part.resolve("candidates.jsonl"), Files.readAllLines(out.resolve("candidates.jsonl")).subList(0, 2));
    CliHarness resumed = CliHarness.run("-q", "search", "--resume", part.toString());
    assertThat(resumed.code).as(resumed.err()).isZero();
    assertThat(RunCompare.maskedCandidates(part)).isEqualTo(RunCompare.maskedCandidates(out));
    assertThat(JSON.readTree(part.resolve("run.json").toFile()).at("/settings/signalBlend")).isEqualTo(blend);
  }

  private static double mean(double[] xs) {
    return java.util.Arrays.stream(xs).average().orElseThrow();
  }

  private static double sd(double[] xs) {
    double m = mean(xs);
    return Math.sqrt(java.util.Arrays.stream(xs).map(x -> (x - m) * (x - m)).sum() / xs.length);
  }

  private static String[] with(String[] args, String... more) {
    String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
    System.arraycopy(more, 0, all, args.length, more.length);
    return all;
  }

  @Test
  void unknownTrainingSpaceIsInvalidInput() {
    CliHarness h = CliHarness.run("search", "--space", "fbnet", "--evaluations", "2", "--out",
        dir.resolve("x").toString());
    assertThat(h.code).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(h.err()).contains("unknown search space 'fbnet' for training mode");
  }
}
