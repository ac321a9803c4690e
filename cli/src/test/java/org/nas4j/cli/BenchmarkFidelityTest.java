package org.nas4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code nas benchmark fidelity} on real (tiny) DL4J trainings of the embedded Fashion-MNIST subset. */
class BenchmarkFidelityTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void printsOneLinePerArchitectureAndTheTausWithARepeatedHighBudget() throws Exception {
    CliHarness h = CliHarness.run("benchmark", "fidelity", "--dataset", "fashion-mnist:embedded", "--architectures",
        "3", "--cells", "2", "--channels", "4", "--train-images", "64", "--factor", "2", "--validation-images", "200",
        "--repeat-high", "--jobs", "2");
    assertThat(h.code).as(h.err()).isZero();
    List<String> lines = h.out().lines().toList();
    assertThat(lines).hasSize(5);
    JsonNode setup = JSON.readTree(lines.get(0)).get("setup");
    assertThat(setup.get("jobs").asInt()).isEqualTo(2);
    assertThat(setup.at("/high/trainImages").asInt()).isEqualTo(128);
    for (int i = 0; i < 3; i++) {
      JsonNode row = JSON.readTree(lines.get(1 + i));
      assertThat(row.get("index").asInt()).isEqualTo(i);
      assertThat(row.get("highRepeatStatus").asText()).isEqualTo("OK");
      assertThat(row.get("highRepeatAccuracy").asDouble()).isBetween(0.0, 1.0);
    }
    JsonNode summary = JSON.readTree(lines.get(4)).get("summary");
    assertThat(summary.get("architectures").asInt()).isEqualTo(3);
    assertThat(summary.has("repeatKendallTau")).isTrue();
    assertThat(summary.has("meanHighKendallTau")).isTrue();
  }

  @Test
  void badJobsIsAUsageError() {
    CliHarness h = CliHarness.run("benchmark", "fidelity", "--jobs", "0");
    assertThat(h.code).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(h.err()).contains("--jobs >= 1");
  }
}
