package org.nas4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredictCommandTest {
  static final String EXAMPLE = Nb201Example.ARCH;
  static final String FBNET = "7-8-1-8-4-8-8-8-7-4-1-4-7-3-2-7-3-2-4-2-4-5";
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  @Test
  void predictsOneNb201CellWithTheErrorBand() {
    CliHarness h = CliHarness.run("predict", "--target", "pixel", "--space", "nb201", "--arch", EXAMPLE);
    assertThat(h.code).as(h.err()).isZero();
    assertThat(h.out()).matches("(?s)\\d+\\.\\d{3} ms \\(held-out median error \\d+\\.\\d%, 90% of predictions"
        + " within ±\\d+%; Pixel 3\\)\\s*");
    assertThat(h.err()).isEmpty();
  }

  @Test
  void jsonOutputHasTheLatencyAndBand() throws Exception {
    CliHarness h = CliHarness.run("predict", "--target", "pixel", "--space", "fbnet", "--arch", FBNET, "--json");
    assertThat(h.code).as(h.err()).isZero();
    JsonNode o = JSON.readTree(h.out());
    assertThat(o.get("schema").asText()).isEqualTo("nas.predict/v1");
    assertThat(o.get("arch").asText()).isEqualTo(FBNET);
    // HW-NAS-Bench's Pixel 3 latency of this network (sample 0 of the FBNet table) is 17.56 ms; the FBNet table is
    // a sum of per-op measurements, which the kernel model reproduces to within a few percent.
    assertThat(o.get("latencyMs").asDouble()).isBetween(17.56 * 0.95, 17.56 * 1.05);
    assertThat(o.at("/heldOutError/medianAbsErrorPct").asDouble()).isLessThan(2.0);
  }

  @Test
  void archFileGivesOneJsonLinePerArchitecture() throws Exception {
    Path file = dir.resolve("archs.txt");
    String other = "|nor_conv_1x1~0|+|none~0|skip_connect~1|+|avg_pool_3x3~0|none~1|nor_conv_3x3~2|";
    Files.write(file, List.of("# two cells", EXAMPLE, "", other));
    CliHarness h = CliHarness.run("predict", "--target", "pixel", "--space", "nb201", "--arch-file", file.toString());
    assertThat(h.code).as(h.err()).isZero();
    List<String> lines = h.out().lines().toList();
    assertThat(lines).hasSize(2);
    JsonNode first = JSON.readTree(lines.get(0));
    JsonNode second = JSON.readTree(lines.get(1));
    assertThat(first.get("arch").asText()).isEqualTo(EXAMPLE);
    assertThat(second.get("arch").asText()).isEqualTo(other);
    // same number as the single-architecture form
    CliHarness single = CliHarness.run("predict", "--target", "pixel", "--space", "nb201", "--arch", EXAMPLE,
        "--json");
    assertThat(first.get("latencyMs").asDouble()).isEqualTo(JSON.readTree(single.out()).get("latencyMs").asDouble());
    // three 3x3 convs per cell cost more than one 1x1 and one 3x3
    assertThat(first.get("latencyMs").asDouble()).isGreaterThan(second.get("latencyMs").asDouble());
  }

  @Test
  void badArchitectureInAFileNamesTheLineAndPrintsNothing() throws Exception {
    Path file = dir.resolve("archs.txt");
    Files.write(file, List.of(EXAMPLE, "|nor_conv_3x3~0|"));
    CliHarness h = CliHarness.run("predict", "--target", "pixel", "--space", "nb201", "--arch-file", file.toString());
    assertThat(h.code).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(h.err()).contains("line 2").contains("invalid NB201 architecture");
    assertThat(h.err().lines().count()).isEqualTo(1);
    assertThat(h.out()).isEmpty();
  }

  @Test
  void badInputsExitTwo() {
    CliHarness h = CliHarness.run("predict", "--target", "pixel", "--space", "nb201", "--arch", "|none~0|");
    assertThat(h.code).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(h.err()).startsWith("nas: invalid NB201 architecture");
    h = CliHarness.run("predict", "--target", "pixle", "--space", "nb201", "--arch", EXAMPLE);
    assertThat(h.code).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(h.err()).contains("Did you mean 'pixel'?");
    h = CliHarness.run("predict", "--target", "pixel", "--arch", EXAMPLE);
    assertThat(h.code).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(h.err()).contains("--space");
    h = CliHarness.run("predict", "--target", "pixel", "--space", "nb201");
    assertThat(h.code).isEqualTo(ExitCodes.INVALID_INPUT);
    h = CliHarness.run("predict", "--target-file", dir.resolve("none.json").toString(), "--space", "nb201",
        "--arch", EXAMPLE);
    assertThat(h.code).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(h.err()).contains("not found");
  }

  @Test
  void targetWithoutPredictorIsUnavailable() {
    CliHarness h = CliHarness.run("predict", "--target", "host", "--space", "nb201", "--arch", EXAMPLE);
    assertThat(h.code).isEqualTo(ExitCodes.TARGET_UNAVAILABLE);
    assertThat(h.err()).contains("no fitted latency predictor");
  }

  @Test
  void helpListsTheOptions() {
    CliHarness h = CliHarness.run("predict", "--help");
    assertThat(h.code).isZero();
    assertThat(h.out()).contains("--target").contains("--target-file").contains("--arch-file").contains("--space")
        .contains("Examples:").contains("MODEL");
  }
}
