package org.nas4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class TargetsCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void rootHelpListsCommandsAndExitCodes() {
    CliHarness h = CliHarness.run("--help");
    assertThat(h.code).isZero();
    assertThat(h.out()).contains("targets").contains("Exit codes:").contains("target unavailable");
  }

  @Test
  void unknownCommandIsInvalidInput() {
    CliHarness h = CliHarness.run("serch");
    assertThat(h.code).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(h.err()).startsWith("nas: ").contains("'serch'");
    assertThat(h.out()).isEmpty();
  }

  @Test
  void listShowsEveryBuiltInTarget() {
    CliHarness h = CliHarness.run("targets", "list");
    assertThat(h.code).isZero();
    assertThat(h.out()).contains("pixel").contains("host").contains("cuda");
  }

  @Test
  void listAsJsonIsAnArrayOfProfiles() throws Exception {
    CliHarness h = CliHarness.run("targets", "list", "--format", "json");
    assertThat(h.code).isZero();
    JsonNode list = JSON.readTree(h.out());
    assertThat(list.isArray()).isTrue();
    assertThat(list).hasSize(3);
    assertThat(list.get(2).get("id").asText()).isEqualTo("pixel");
  }

  @Test
  void showPrintsTheProfileAsJson() throws Exception {
    CliHarness h = CliHarness.run("targets", "show", "pixel");
    assertThat(h.code).isZero();
    JsonNode p = JSON.readTree(h.out());
    assertThat(p.get("measure").asText()).isEqualTo("PREDICT");
    assertThat(p.get("device").asText()).isEqualTo("MOBILE");
  }

  @Test
  void showPixelSaysWhatItsPredictorWasFittedOnAndItsError() throws Exception {
    CliHarness h = CliHarness.run("targets", "show", "pixel");
    assertThat(h.code).isZero();
    JsonNode info = JSON.readTree(h.out()).get("predictorInfo");
    assertThat(info.at("/fittedOn/device").asText()).isEqualTo("Pixel 3");
    assertThat(info.at("/fittedOn/runtime").asText()).isEqualTo("TFLite float32 CPU");
    assertThat(info.at("/fittedOn/precision").asText()).isEqualTo("fp32");
    assertThat(info.at("/fittedOn/tables/0/rows").asInt()).isEqualTo(15625);
    assertThat(info.at("/fittedOn/tables/1/rows").asInt()).isEqualTo(5000);
    assertThat(info.at("/heldOutError/overall/spearmanRho").asDouble()).isGreaterThan(0.95);
    assertThat(info.get("summary").asText()).contains("Pixel 3").contains("TFLite float32 CPU")
        .contains("HW-NAS-Bench").contains("median");
  }

  @Test
  void showUnknownTargetSuggestsTheClosestAndExitsTwo() {
    CliHarness h = CliHarness.run("targets", "show", "pixle");
    assertThat(h.code).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(h.err()).contains("unknown target 'pixle'").contains("Did you mean 'pixel'?");
    assertThat(h.err().lines().count()).isEqualTo(1);
    assertThat(h.err()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void stacktraceOptionAddsTheTrace() {
    CliHarness h = CliHarness.run("--stacktrace", "targets", "show", "pixle");
    assertThat(h.code).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(h.err()).contains("TargetNotFoundException").contains("\tat ");
  }

  @Test
  void showWithoutIdIsInvalidInput() {
    CliHarness h = CliHarness.run("targets", "show");
    assertThat(h.code).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(h.err()).contains("Missing required parameter").contains("nas targets show --help");
  }

  @Test
  void targetsHelpWorks() {
    CliHarness h = CliHarness.run("targets", "--help");
    assertThat(h.code).isZero();
    assertThat(h.out()).contains("list").contains("show");
  }
}
