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
 * Runtime measurement on the host, and the front retrained, tested and exported as verified ONNX files.
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
        "--final-train-images", "256", "--final-other-train-images", "64", "--evaluations", "4", "--population", "2",
        "--seed", "3", "--jobs", "2", "--out", relativeOut.toString(), "--format", "json");
    assertThat(h.code).as(h.err()).isZero();
    JsonNode pareto = JSON.readTree(h.out());
    assertThat(pareto.get("objectives").toString()).contains("latencyMs.pixel").contains("latencyMs.host");
    List<String> lines = Files.readAllLines(out.resolve("candidates.jsonl"));
    assertThat(lines).hasSize(4);
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
    assertThat(members.size()).isPositive();
    // With two workers the two most accurate members get the large final budget, every other member the small one.
    List<Double> errors = new java.util.ArrayList<>();
    for (JsonNode m : members) {
      errors.add(m.at("/objectives/error").asDouble());
    }
    errors.sort(null);
    int large = 0;
    for (JsonNode m : members) {
      int images = m.at("/export/finalTrainImages").asInt();
      assertThat(images).as(m.toString()).isIn(256, 64);
      if (images == 256) {
        large++;
        assertThat(m.at("/objectives/error").asDouble()).as(m.toString()).isLessThanOrEqualTo(errors.get(Math.min(1, errors.size() - 1)));
      }
    }
    assertThat(large).isEqualTo(Math.min(2, members.size()));
    for (JsonNode m : members) {
      JsonNode export = m.get("export");
      assertThat(export.get("status").asText()).isEqualTo("OK");
      assertThat(export.get("testAccuracy").asDouble()).isBetween(0.0, 1.0);
      Path onnx = out.resolve(export.get("onnx").asText());
      assertThat(onnx).exists();
      // The exported file is the network whose objectives were reported: nas profile agrees on the MACs.
      assertThat(ModelProfiler.profile(onnx, java.util.Map.of()).macs()).isEqualTo(m.at("/objectives/macs").asLong());
    }
    // The front table shows each member's test accuracy after its final training.
    CliHarness show = CliHarness.run("show", out.toString());
    assertThat(show.code).as(show.err()).isZero();
    JsonNode first = members.get(0);
    String row = show.out().lines().filter(l -> l.startsWith(first.get("archId").asText().substring(0, 12)))
        .findFirst().orElseThrow();
    assertThat(show.out()).contains("test acc.%");
    assertThat(row).contains(String.format(java.util.Locale.ROOT, "%.2f",
        100 * first.at("/export/testAccuracy").asDouble()));
  }

  @Test
  void trainingCandidatesOnSeveralThreadsGivesTheSameRunAsOneAtATime() throws Exception {
    String[] args = {"search", "--space", "darts", "--target", "pixel", "--cells", "2", "--channels", "4", "--epochs",
      "1", "--train-images", "128", "--final-train-images", "64", "--final-other-train-images", "0", "--evaluations",
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
