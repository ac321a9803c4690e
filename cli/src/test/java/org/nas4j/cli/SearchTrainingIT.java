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
    CliHarness h = CliHarness.run("search", "--space", "darts", "--target", "pixel,host", "--cells", "2",
        "--channels", "4", "--epochs", "1", "--train-images", "256", "--final-epochs", "1",
        "--final-train-images", "256", "--final-other-train-images", "64", "--evaluations", "3", "--population", "2", "--seed", "3", "--out",
        out.toString(), "--format", "json");
    assertThat(h.code).as(h.err()).isZero();
    JsonNode pareto = JSON.readTree(h.out());
    assertThat(pareto.get("objectives").toString()).contains("latencyMs.pixel").contains("latencyMs.host");
    List<String> lines = Files.readAllLines(out.resolve("candidates.jsonl"));
    assertThat(lines).hasSize(3);
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
    // The most accurate member gets the large final budget, every other member the small one.
    double bestError = 2;
    for (JsonNode m : members) {
      bestError = Math.min(bestError, m.at("/objectives/error").asDouble());
    }
    boolean bestSeen = false;
    for (JsonNode m : members) {
      boolean best = !bestSeen && m.at("/objectives/error").asDouble() == bestError;
      bestSeen |= best;
      assertThat(m.at("/export/finalTrainImages").asInt()).as(m.toString()).isEqualTo(best ? 256 : 64);
    }
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
  void unknownTrainingSpaceIsInvalidInput() {
    CliHarness h = CliHarness.run("search", "--space", "fbnet", "--evaluations", "2", "--out",
        dir.resolve("x").toString());
    assertThat(h.code).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(h.err()).contains("unknown search space 'fbnet' for training mode");
  }
}
